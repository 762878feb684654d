// HallDirectoryStore: where the administered hall model is kept — every
// version of the hall model document (the XML of hall_layout_writer), newest
// last, each with who made it and why. A change is stored only on top of the
// version it was based on, so two managers (or two `hall` nodes) editing at
// once cannot overwrite each other: the second one gets Conflict.
//
// Thread-safety: implementations may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "wf/status.h"

namespace hall::domain {

// One stored version of the hall model.
struct StoredHallModel {
  int64_t version = 0;  // 1, 2, 3 … with no gaps
  std::string xml;
  std::string who;  // who stored it (HallModelChange::who)
};

// What a stored version records about the change that made it.
struct HallModelChange {
  std::string who;     // the caller ("admin", a user name)
  std::string action;  // "window.create", "queue.retire", "import" …
  std::string target;  // the id changed; empty for an import
};

class HallDirectoryStore {
 public:
  virtual ~HallDirectoryStore() = default;

  // The newest stored version; nullopt before the first.
  virtual wf::Result<std::optional<StoredHallModel>> latest() = 0;

  // Stores `xml` as version `based_on + 1` in one transaction, provided the
  // newest stored version is still `based_on` (0: nothing stored yet).
  // Conflict when another change was stored first; Unavailable when the
  // database fails.
  virtual wf::Status append(int64_t based_on, const std::string& xml,
                            const HallModelChange& change) = 0;
};

}  // namespace hall::domain
