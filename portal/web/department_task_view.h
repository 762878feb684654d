// DepartmentTaskView: the open tasks offered to each candidate group, as a
// department's task list shows them — soonest due first, tasks without a
// due date after, oldest first — kept in memory and read again from the
// engine only when its change sequence has moved (wf::Engine::changeSequence).
// A list read then costs a map lookup and the assembly of its JSON instead
// of a query, and is never staler than the engine: a read that starts after
// a change (a claim, a decision, a new case) returned sees that change. On a
// database that other nodes share there is no change sequence, and every
// read queries the engine.
//
// Each task's JSON object (record_json's toJson, byte for byte) is rendered
// once, when the list is read from the engine; what depends on the reader and
// the moment — whether the task is theirs ("mine"), whether it is overdue now
// — is filled in per read (render()).
//
// Thread-safety: every member may be called from any thread. A List is an
// immutable snapshot, shared by the readers that got it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "wf/engine.h"

namespace portal::web {

class DepartmentTaskView {
 public:
  // One task and its JSON object with the reader's two members left out:
  // head + mine + middle + overdue + tail (each member in its sorted place).
  struct Entry {
    wf::TaskInfo task;
    std::string head;
    std::string middle;
    std::string tail;
  };
  struct List {
    std::optional<uint64_t> sequence;  // the engine's, read before the query
    std::vector<Entry> entries;        // in the order the list shows them
  };

  // At most `limit` tasks a group: the oldest, as the engine's task query
  // gives them. `engine` must outlive the view.
  DepartmentTaskView(wf::Engine& engine, int limit) : engine_(engine), limit_(limit) {}

  // The open tasks offered to `group` as the engine has them now.
  wf::Result<std::shared_ptr<const List>> tasksOf(const std::string& group);

  // The list as a JSON array for `reader` (a login) at `now_millis`: each
  // task's object with "mine" (assigned to the reader) and "overdue" (due
  // before now).
  static std::string render(const List& list, std::string_view reader, int64_t now_millis);

  // How many lists were read from the engine (not served from memory); for
  // tests and benchmarks.
  uint64_t refreshes() const;

 private:
  // Lists of groups nobody reads any more are dropped beyond this many.
  static constexpr size_t kMaxGroups = 256;

  wf::Result<std::shared_ptr<const List>> load(const std::string& group,
                                               std::optional<uint64_t> sequence);

  wf::Engine& engine_;
  const int limit_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const List>> lists_;
  uint64_t refreshes_ = 0;
};

}  // namespace portal::web
