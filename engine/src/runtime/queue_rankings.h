// QueueRankings: which queues choose their next task by a decision. Kept in
// the store (so every node agrees) and cached here; the cache is renewed
// when this node changes it and, for changes made by other nodes, after a
// few seconds.
//
// Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "wf/ports/store.h"

namespace wf::runtime {

class QueueRankings {
 public:
  explicit QueueRankings(Store& store) : store_(store) {}

  // The decision that ranks `queue`, if one does.
  std::optional<std::string> decisionFor(const std::string& queue);
  Result<std::vector<QueueInfo>> all();
  // Sets (or, with an empty decision, clears) the decision of a queue.
  Status set(const std::string& queue, const std::string& decision, StoreWriter& w);
  // Forgets the cache (after a change has committed).
  void invalidate();

 private:
  static constexpr std::chrono::seconds kRefresh{5};
  Status loadLocked();

  Store& store_;
  std::mutex mutex_;
  std::map<std::string, std::string, std::less<>> decisions_;
  std::chrono::steady_clock::time_point loaded_at_{};
  bool loaded_ = false;
};

}  // namespace wf::runtime
