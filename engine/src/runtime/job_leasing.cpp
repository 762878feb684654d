#include "runtime/job_leasing.h"

#include <algorithm>

namespace wf::runtime {

JobLeasing::JobLeasing(Store& store, JobWorkers& workers, const Clock& clock, std::string owner,
                       std::chrono::milliseconds lease, std::chrono::milliseconds poll)
    : store_(store),
      workers_(workers),
      clock_(clock),
      owner_(std::move(owner)),
      lease_(lease),
      poll_(poll) {}

JobLeasing::~JobLeasing() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

JobWorkers::TakeFn JobLeasing::takeFn() const {
  // Captures the store (which outlives the workers), not this object.
  return [&store = store_, owner = owner_, lease = lease_.count()](const JobInfo& job) {
    const Result<bool> taken = store.leaseJob(job.id, owner, lease);
    // A store that fails leaves the job to whichever node polls it next.
    return taken.ok() && taken.value();
  };
}

void JobLeasing::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { loop(); });
}

void JobLeasing::loop() {
  // Renewed three times per lease, so that one late renewal loses nothing.
  const auto renew_every = std::max(lease_ / 3, std::chrono::milliseconds(1));
  auto next_renewal = std::chrono::steady_clock::now() + renew_every;
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    pollOnce();
    if (std::chrono::steady_clock::now() >= next_renewal) {
      // A failed renewal is tried again at the next one; meanwhile the lease
      // still has two thirds of its time.
      (void)store_.renewLeases(owner_, workers_.held(), lease_.count());
      next_renewal = std::chrono::steady_clock::now() + renew_every;
    }
    lock.lock();
    cv_.wait_for(lock, poll_, [&] { return stopping_; });
  }
}

void JobLeasing::pollOnce() {
  const int room = workers_.room();
  if (room == 0) return;
  const Result<std::vector<JobInfo>> due = store_.leaseDueJobs(
      workers_.types(), toEpochMillis(clock_.now()), owner_, lease_.count(), room);
  if (!due.ok()) return;  // the next poll tries again
  for (const JobInfo& job : due.value()) workers_.dispatch(job);
}

}  // namespace wf::runtime
