// JobLeasing: how a node takes jobs from a database that other nodes share
// (PostgreSQL). Several `hall serve` processes may run the same models on
// one database; each job must run on one of them at a time, and a job whose
// node died must not wait forever.
//
// So a job runs only under this node's lease on its row (Store::leaseJob):
// a worker takes the lease right before running the job (the JobWorkers
// `take` hook), and passes the job over when another node holds it. A
// poller thread leases the due jobs of the types this node has handlers for
// — jobs other nodes created, retries come due, jobs of a node that died
// once its lease expired — and hands them to the workers; the same thread
// renews the leases this node holds, so a long job keeps its lease.
//
// Commands of the node's own callers still hand their new jobs to the local
// workers at once after the commit; polling only adds what others left.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "runtime/job_workers.h"
#include "wf/ports/clock.h"
#include "wf/ports/store.h"

namespace wf::runtime {

class JobLeasing {
 public:
  JobLeasing(Store& store, JobWorkers& workers, const Clock& clock, std::string owner,
             std::chrono::milliseconds lease, std::chrono::milliseconds poll);
  // Stops the poller; the workers may go on taking leases (the take hook
  // holds no reference to this object).
  ~JobLeasing();
  JobLeasing(const JobLeasing&) = delete;
  JobLeasing& operator=(const JobLeasing&) = delete;

  // The JobWorkers hook: leases a job for this node.
  JobWorkers::TakeFn takeFn() const;
  void start();

 private:
  void loop();
  void pollOnce();

  Store& store_;
  JobWorkers& workers_;
  const Clock& clock_;
  const std::string owner_;
  const std::chrono::milliseconds lease_;
  const std::chrono::milliseconds poll_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace wf::runtime
