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

  // Ranks computed lately, by task id: a rank changes only as time passes
  // (waitedMinutes), so one computed within kRankFresh is used again rather
  // than evaluating the decision for every candidate of every call.
  std::optional<double> recentRank(const std::string& task_id, int64_t now);
  void rememberRank(const std::string& task_id, double rank, int64_t now);

 private:
  static constexpr std::chrono::seconds kRefresh{5};
  static constexpr int64_t kRankFreshMillis = 1000;
  static constexpr size_t kMaxRanks = 50000;
  Status loadLocked();

  Store& store_;
  std::mutex mutex_;
  std::map<std::string, std::string, std::less<>> decisions_;
  std::chrono::steady_clock::time_point loaded_at_{};
  bool loaded_ = false;
  std::mutex ranks_mutex_;
  std::map<std::string, std::pair<double, int64_t>, std::less<>> ranks_;  // rank, when
};

}  // namespace wf::runtime
