// HallDirectory: the hall as the hall manager administers it (窗口基本管理) —
// its windows, departments and queues, which queues each window serves in
// what order and which matters it takes — created, changed and retired
// (never deleted), imported from and exported to the hall model (XML).
//
// It holds the current HallLayout and its version. Every change names the
// version it was based on; a stale one is Conflict (someone else changed the
// hall first: reload and retry). A change is validated whole — ids, window
// numbers, ticket prefixes and department codes unique, references to zones,
// queues and departments existing, no window in service serving a retired
// queue or belonging to a retired department — and fails with
// InvalidArgument naming the field (details.field), Conflict for a
// duplicate, NotFound for an unknown id; on any error nothing changes. A
// change that passes is stored through the HallDirectoryStore in one
// transaction as the next version, then reported to the audit port.
//
// The front desk reads the layout once at start (activeLayout(current)), so
// a change reaches the windows and screens at the next restart.
//
// Thread-safety: every member may be called from any thread; changes are
// serialised by a mutex. Snapshots are immutable and may be kept.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/domain/hall_directory_store.h"
#include "portal/domain/hall_layout.h"
#include "wf/status.h"

namespace hall::domain {

// Told of every change once it is stored: who did it, what ("window.create",
// "window.retire", "department.change", "import" …), to what (an id; empty
// for an import), and details for people ("version 7").
using DirectoryAudit = std::function<void(const std::string& who, const std::string& action,
                                          const std::string& target, const std::string& details)>;

struct DirectorySnapshot {
  std::shared_ptr<const HallLayout> layout;
  int64_t version = 0;
};

class HallDirectory {
 public:
  // Loads the newest version in `store`. Stores `initial` (the hall model of
  // the models folder) as the next version when there is none yet, or when
  // the newest is an earlier import of the file (by "system") that differs
  // from it; once someone changed the hall here, the stored hall wins over
  // the file. The store must outlive the directory.
  static wf::Result<std::unique_ptr<HallDirectory>> open(HallDirectoryStore& store,
                                                         const HallLayout& initial,
                                                         DirectoryAudit audit = {});

  DirectorySnapshot current() const;

  // The current layout as a hall model document, with its version.
  struct Export {
    std::string xml;
    int64_t version = 0;
  };
  Export exportXml() const;

  // Replaces the whole hall with the model `xml` (named `file` in the
  // diagnostics). InvalidArgument with the first error at file:line:col
  // (details.diagnostics lists them all) when it does not read; Conflict
  // when `based_on` is given and stale.
  wf::Result<DirectorySnapshot> importXml(std::string_view file, std::string_view xml,
                                          std::optional<int64_t> based_on, const std::string& who);

  // Windows. `window.loc` is ignored.
  wf::Result<DirectorySnapshot> createWindow(const Window& window, int64_t based_on,
                                             const std::string& who);
  wf::Result<DirectorySnapshot> changeWindow(const Window& window, int64_t based_on,
                                             const std::string& who);
  wf::Result<DirectorySnapshot> retireWindow(const std::string& id, int64_t based_on,
                                             const std::string& who);
  // The queues the window serves, in the order it calls them.
  wf::Result<DirectorySnapshot> setWindowQueues(const std::string& id,
                                                const std::vector<std::string>& queues,
                                                int64_t based_on, const std::string& who);
  // The matters (catalogue codes, not checked here) the window takes.
  wf::Result<DirectorySnapshot> setWindowMatters(const std::string& id,
                                                 const std::vector<std::string>& matters,
                                                 int64_t based_on, const std::string& who);

  wf::Result<DirectorySnapshot> createDepartment(const Department& department, int64_t based_on,
                                                 const std::string& who);
  wf::Result<DirectorySnapshot> changeDepartment(const Department& department, int64_t based_on,
                                                 const std::string& who);
  wf::Result<DirectorySnapshot> retireDepartment(const std::string& id, int64_t based_on,
                                                 const std::string& who);

  wf::Result<DirectorySnapshot> createQueue(const Queue& queue, int64_t based_on,
                                            const std::string& who);
  wf::Result<DirectorySnapshot> changeQueue(const Queue& queue, int64_t based_on,
                                            const std::string& who);
  wf::Result<DirectorySnapshot> retireQueue(const std::string& id, int64_t based_on,
                                            const std::string& who);

 private:
  HallDirectory(HallDirectoryStore& store, DirectoryAudit audit, DirectorySnapshot current);

  using Edit = std::function<wf::Status(HallLayout&)>;
  // Checks `based_on`, applies `edit` to a copy, validates and stores the
  // result as the next version; nothing changes on any error.
  wf::Result<DirectorySnapshot> apply(std::optional<int64_t> based_on, const std::string& who,
                                      const std::string& action, const std::string& target,
                                      const Edit& edit);
  // After the store refused a stale version: take what it holds.
  void reloadLocked();

  HallDirectoryStore& store_;
  DirectoryAudit audit_;
  mutable std::mutex mu_;
  DirectorySnapshot current_;
};

}  // namespace hall::domain
