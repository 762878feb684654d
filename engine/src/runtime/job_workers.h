// JobWorkers: the in-process pool that runs jobs after their command has
// committed, dispatching on the job type to registered handlers, and then
// completes or fails the job through a new command.
//
// Delivery is at least once: a job whose completion was not committed
// (a crash in between) is pending again at the next start and runs again.
// On a database that several nodes share, a worker first takes the job's
// lease (the `take` hook, see JobLeasing) and passes over a job that another
// node holds.
// A job due later (a retry after backoff) waits in a schedule until the
// clock reaches its due time; a scheduler thread checks the clock often
// (every kSchedulePoll), so a fake clock in tests works too.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
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
  // Gets the handler's error: a failure, or a business error (bpmnError()).
  using FailFn = std::function<Status(const std::string& id, const Status& error)>;

  JobWorkers(CompleteFn complete, FailFn fail, const Clock& clock);
  ~JobWorkers();

  // Decides, right before a job runs, whether this node may run it; false:
  // another node has it, or it ended. Set before start().
  using TakeFn = std::function<bool(const JobInfo& job)>;
  void setTake(TakeFn take);

  void registerHandler(std::string type, JobHandler handler);
  bool hasHandler(const std::string& type) const;
  // The job types with a handler.
  std::vector<std::string> types() const;
  // The jobs queued, scheduled or running here.
  std::vector<std::string> held() const;
  // How many more jobs the workers would take now: enough to keep every
  // thread busy while the next batch is fetched.
  int room() const;
  void start(int threads);
  // Queues a job if its type has a handler and it is not queued already;
  // one due later waits in the schedule.
  void dispatch(const JobInfo& job);
  // Like dispatch() of each, and a job already scheduled for later moves
  // to its (earlier) due time: its retry was made due sooner in the store.
  void dispatchEarlier(const std::vector<JobInfo>& jobs);
  // Idle: nothing queued or running, and nothing scheduled that is due.
  bool waitIdle(std::chrono::milliseconds timeout);

 private:
  static constexpr std::chrono::milliseconds kSchedulePoll{20};

  // dispatch() with mutex_ held.
  void dispatchLocked(const JobInfo& job);
  // Puts a job in the queue or, when due later, the schedule; mutex_ held.
  void enqueueLocked(const JobInfo& job);

  void loop();
  // Runs the handler, then completes or fails the job.
  void run(const JobInfo& job, const JobHandler& handler);
  void scheduleLoop();
  // Moves scheduled jobs that are due into the queue; mutex_ held.
  void releaseDueLocked();
  bool idleLocked() const;

  CompleteFn complete_;
  FailFn fail_;
  TakeFn take_;
  mutable std::mutex mutex_;
  std::condition_variable work_cv_;
  std::condition_variable idle_cv_;
  std::condition_variable schedule_cv_;
  std::unordered_map<std::string, JobHandler> handlers_;
  const Clock& clock_;
  std::deque<JobInfo> queue_;
  std::multimap<int64_t, JobInfo> scheduled_;  // by due time
  std::set<std::string> queued_ids_;           // in queue_ or scheduled_
  std::set<std::string> running_ids_;          // a handler runs now
  // Dispatched while running (a retry scheduled by its own failure): queued
  // once the run is over, so a job never runs twice at once.
  std::map<std::string, JobInfo> after_run_;
  int running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
  std::thread scheduler_;
};

}  // namespace wf::runtime
