#include "runtime/job_workers.h"

namespace wf::runtime {

JobWorkers::JobWorkers(CompleteFn complete, FailFn fail)
    : complete_(std::move(complete)), fail_(std::move(fail)) {}

JobWorkers::~JobWorkers() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void JobWorkers::registerHandler(std::string type, JobHandler handler) {
  std::lock_guard<std::mutex> lock(mutex_);
  handlers_[std::move(type)] = std::move(handler);
}

bool JobWorkers::hasHandler(const std::string& type) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return handlers_.count(type) != 0;
}

void JobWorkers::start(int threads) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!threads_.empty()) return;
  for (int i = 0; i < std::max(1, threads); ++i) threads_.emplace_back([this] { loop(); });
}

void JobWorkers::dispatch(const JobInfo& job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || handlers_.count(job.type) == 0) return;
    if (!queued_ids_.insert(job.id).second) return;
    queue_.push_back(job);
  }
  work_cv_.notify_one();
}

bool JobWorkers::waitIdle(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return idle_cv_.wait_for(lock, timeout, [&] { return queue_.empty() && running_ == 0; });
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
      handler = handlers_.at(job.type);
      ++running_;
    }
    Result<Value> result = Status::internal("job handler did not run");
    try {
      result = handler(JobContext{job, job.variables});
    } catch (const std::exception& e) {
      result = Status::internal(std::string("job handler threw: ") + e.what());
    }
    // A conflict means the job ended meanwhile (its token was terminated):
    // nothing to do. Other failures leave the job pending for the next start.
    if (result.ok()) {
      (void)complete_(job.id, result.value());
    } else {
      (void)fail_(job.id, result.status().message());
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queued_ids_.erase(job.id);
      --running_;
      if (queue_.empty() && running_ == 0) idle_cv_.notify_all();
    }
  }
}

}  // namespace wf::runtime
