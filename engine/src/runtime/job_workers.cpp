#include "runtime/job_workers.h"

namespace wf::runtime {

JobWorkers::JobWorkers(CompleteFn complete, FailFn fail, const Clock& clock)
    : complete_(std::move(complete)), fail_(std::move(fail)), clock_(clock) {}

JobWorkers::~JobWorkers() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  schedule_cv_.notify_all();
  for (std::thread& t : threads_) t.join();
  if (scheduler_.joinable()) scheduler_.join();
}

void JobWorkers::registerHandler(std::string type, JobHandler handler) {
  std::lock_guard<std::mutex> lock(mutex_);
  handlers_[std::move(type)] = std::move(handler);
}

bool JobWorkers::hasHandler(const std::string& type) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return handlers_.count(type) != 0;
}

void JobWorkers::setTake(TakeFn take) {
  std::lock_guard<std::mutex> lock(mutex_);
  take_ = std::move(take);
}

std::vector<std::string> JobWorkers::types() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [type, handler] : handlers_) out.push_back(type);
  return out;
}

std::vector<std::string> JobWorkers::held() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> out(queued_ids_.begin(), queued_ids_.end());
  out.insert(out.end(), running_ids_.begin(), running_ids_.end());
  return out;
}

int JobWorkers::room() const {
  std::lock_guard<std::mutex> lock(mutex_);
  const int wanted = 2 * static_cast<int>(threads_.size());
  return std::max(0, wanted - static_cast<int>(queue_.size()) - running_);
}

void JobWorkers::start(int threads) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!threads_.empty()) return;
  for (int i = 0; i < std::max(1, threads); ++i) threads_.emplace_back([this] { loop(); });
  scheduler_ = std::thread([this] { scheduleLoop(); });
}

void JobWorkers::scheduleLoop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    releaseDueLocked();
    schedule_cv_.wait_for(lock, kSchedulePoll);
  }
}

void JobWorkers::releaseDueLocked() {
  const int64_t now = toEpochMillis(clock_.now());
  bool released = false;
  while (!scheduled_.empty() && scheduled_.begin()->first <= now) {
    queue_.push_back(std::move(scheduled_.begin()->second));
    scheduled_.erase(scheduled_.begin());
    released = true;
  }
  if (released) work_cv_.notify_all();
}

bool JobWorkers::idleLocked() const {
  const int64_t now = toEpochMillis(clock_.now());
  const bool due_waiting = !scheduled_.empty() && scheduled_.begin()->first <= now;
  return queue_.empty() && running_ == 0 && !due_waiting;
}

void JobWorkers::dispatch(const JobInfo& job) {
  std::lock_guard<std::mutex> lock(mutex_);
  dispatchLocked(job);
}

void JobWorkers::dispatchEarlier(const std::vector<JobInfo>& jobs) {
  std::unordered_map<std::string, int64_t> due;  // id -> its new due time
  for (const JobInfo& j : jobs) due.emplace(j.id, j.due_at);
  std::lock_guard<std::mutex> lock(mutex_);
  // One pass over the schedule (it is ordered by due time, not by id).
  for (auto it = scheduled_.begin(); it != scheduled_.end();) {
    const auto found = due.find(it->second.id);
    if (found != due.end() && it->first > found->second) {
      queued_ids_.erase(it->second.id);
      it = scheduled_.erase(it);
    } else {
      ++it;
    }
  }
  for (const JobInfo& j : jobs) {
    if (running_ids_.count(j.id) != 0) {
      // It came due meanwhile and runs now; its end completes it or
      // schedules it again. Only a retry already waiting for that end
      // moves up: queueing it once more would run it twice.
      auto again = after_run_.find(j.id);
      if (again != after_run_.end() && again->second.due_at > j.due_at) again->second = j;
      continue;
    }
    dispatchLocked(j);
  }
}

void JobWorkers::dispatchLocked(const JobInfo& job) {
  if (stopping_ || handlers_.count(job.type) == 0) return;
  if (running_ids_.count(job.id) != 0) {
    after_run_[job.id] = job;
    return;
  }
  enqueueLocked(job);
}

void JobWorkers::enqueueLocked(const JobInfo& job) {
  if (!queued_ids_.insert(job.id).second) return;
  if (job.due_at > toEpochMillis(clock_.now())) {
    scheduled_.emplace(job.due_at, job);
    return;
  }
  queue_.push_back(job);
  work_cv_.notify_one();
}

bool JobWorkers::waitIdle(std::chrono::milliseconds timeout) {
  // The clock may be a fake that moves without telling anyone: look again
  // at every poll of the scheduler.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock<std::mutex> lock(mutex_);
  while (!idleLocked()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    idle_cv_.wait_for(lock, kSchedulePoll);
  }
  return true;
}

void JobWorkers::run(const JobInfo& job, const JobHandler& handler) {
  Result<Value> result = Status::internal("job handler did not run");
  try {
    result = handler(JobContext{job, job.variables});
  } catch (const std::exception& e) {
    result = Status::internal(std::string("job handler threw: ") + e.what());
  }
  // A conflict means the job ended meanwhile (its token was terminated):
  // nothing to do. Other failures leave the job pending for the next start
  // (or, on a shared database, for the next node whose poll finds it).
  if (result.ok()) {
    (void)complete_(job.id, result.value());
  } else {
    (void)fail_(job.id, result.status());
  }
}

void JobWorkers::loop() {
  for (;;) {
    JobInfo job;
    JobHandler handler;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      queued_ids_.erase(job.id);
      running_ids_.insert(job.id);
      handler = handlers_.at(job.type);
      ++running_;
    }
    if (!take_ || take_(job)) run(job, handler);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      running_ids_.erase(job.id);
      if (auto again = after_run_.find(job.id); again != after_run_.end()) {
        enqueueLocked(again->second);
        after_run_.erase(again);
      }
      --running_;
      if (idleLocked()) idle_cv_.notify_all();
    }
  }
}

}  // namespace wf::runtime
