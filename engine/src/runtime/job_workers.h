// JobWorkers: the in-process pool that runs jobs after their command has
// committed, dispatching on the job type to registered handlers, and then
// completes or fails the job through a new command.
//
// Delivery is at least once: a job whose completion was not committed
// (a crash in between) is pending again at the next start and runs again.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "wf/engine.h"

namespace wf::runtime {

class JobWorkers {
 public:
  // `complete` and `fail` are the engine's commands.
  using CompleteFn = std::function<Status(const std::string& id, const Value& vars)>;
  using FailFn = std::function<Status(const std::string& id, const std::string& error)>;

  JobWorkers(CompleteFn complete, FailFn fail);
  ~JobWorkers();

  void registerHandler(std::string type, JobHandler handler);
  bool hasHandler(const std::string& type) const;
  void start(int threads);
  // Queues a job if its type has a handler and it is not queued already.
  void dispatch(const JobInfo& job);
  bool waitIdle(std::chrono::milliseconds timeout);

 private:
  void loop();

  CompleteFn complete_;
  FailFn fail_;
  mutable std::mutex mutex_;
  std::condition_variable work_cv_;
  std::condition_variable idle_cv_;
  std::unordered_map<std::string, JobHandler> handlers_;
  std::deque<JobInfo> queue_;
  std::set<std::string> queued_ids_;
  int running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace wf::runtime
