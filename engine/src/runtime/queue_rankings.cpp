#include "runtime/queue_rankings.h"

namespace wf::runtime {

Status QueueRankings::loadLocked() {
  const auto now = std::chrono::steady_clock::now();
  if (loaded_ && now - loaded_at_ < kRefresh) return Status::ok();
  ASSIGN_OR_RETURN(std::vector<QueueInfo> queues, store_.queues());
  decisions_.clear();
  for (QueueInfo& q : queues) decisions_[q.name] = std::move(q.ranking_decision);
  loaded_ = true;
  loaded_at_ = now;
  return Status::ok();
}

std::optional<std::string> QueueRankings::decisionFor(const std::string& queue) {
  std::lock_guard<std::mutex> lock(mutex_);
  // A store that cannot be read ranks nothing: calling goes on by priority.
  if (!loadLocked().isOk()) return std::nullopt;
  auto it = decisions_.find(queue);
  if (it == decisions_.end()) return std::nullopt;
  return it->second;
}

Result<std::vector<QueueInfo>> QueueRankings::all() { return store_.queues(); }

Status QueueRankings::set(const std::string& queue, const std::string& decision, StoreWriter& w) {
  return w.setQueueRanking(queue, decision);
}

void QueueRankings::invalidate() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    loaded_ = false;
  }
  std::lock_guard<std::mutex> lock(ranks_mutex_);
  ranks_.clear();
}

std::optional<double> QueueRankings::recentRank(const std::string& task_id, int64_t now) {
  std::lock_guard<std::mutex> lock(ranks_mutex_);
  auto it = ranks_.find(task_id);
  if (it == ranks_.end() || now - it->second.second >= kRankFreshMillis) return std::nullopt;
  return it->second.first;
}

void QueueRankings::rememberRank(const std::string& task_id, double rank, int64_t now) {
  std::lock_guard<std::mutex> lock(ranks_mutex_);
  // Claimed tasks leave the candidates; their stale entries go in bulk.
  if (ranks_.size() >= kMaxRanks) {
    std::erase_if(ranks_, [&](const auto& e) { return now - e.second.second >= kRankFreshMillis; });
  }
  ranks_[task_id] = {rank, now};
}

}  // namespace wf::runtime
