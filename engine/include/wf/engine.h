// Engine: deploys BPMN models and runs their instances durably.
//
// Every command (start an instance, complete a task, complete or fail a job)
// is one transaction: the runtime loads the instance, runs its tokens until
// each one waits, appends history, updates runtime rows and jobs, commits —
// and only then returns. Commands from many threads are queued to one writer
// that commits them in groups, so durability does not cost throughput.
//
// Thread-safety: every member function may be called from any thread.
// Ownership: the Engine owns its store connections and its job workers;
// destroying it stops the workers after their current job.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wf/diagnostic.h"
#include "wf/engine_options.h"
#include "wf/records.h"
#include "wf/status.h"
#include "wf/value.h"

namespace wf {

// What a job handler gets: the job and the variables visible to it.
struct JobContext {
  const JobInfo& job;
  const Value& variables;
};

// Runs one job of a type. Returns variables to merge into the job's scope on
// success, or a non-ok Status whose message becomes the job's error (retried
// with backoff while the job has retries; permanentJobFailure() skips them)
// — or, made by bpmnError(), a business error that the model may catch.
using JobHandler = std::function<Result<Value>(const JobContext&)>;

// A job's business error (the applicant is not eligible, the licence is
// revoked): thrown as a BPMN error with `code` from the job's element, where
// an error boundary event or event sub-process may catch it.
Status bpmnError(std::string code, std::string message);
// The code of a Status made by bpmnError(); empty for any other.
std::string bpmnErrorCode(const Status& status);

// A job failure that retrying cannot mend (the platform refused the request
// as malformed or unauthorised, the model names a licence type nobody
// configured): the job fails with its retries spent and the instance gets
// an incident at once, for an admin to retry once the cause is fixed.
// `code` is kept as the Status code (InvalidArgument, PermissionDenied …).
Status permanentJobFailure(Status failure);
// Whether a Status was made by permanentJobFailure().
bool isPermanentJobFailure(const Status& status);

class Engine {
 public:
  // Opens (and migrates) the store named by options.db_url.
  static Result<std::unique_ptr<Engine>> open(EngineOptions options);
  virtual ~Engine() = default;

  // Lints one BPMN, DMN or calendar document without deploying it.
  static std::vector<Diagnostic> lint(std::string_view resource_name, std::string_view xml);

  // Evaluates decision `decision` (id or name) of a DMN document with
  // `variables` as its inputs, without any store (what `hall decide` does).
  static Result<Value> decide(std::string_view resource_name, std::string_view xml,
                              std::string_view decision, const Value& variables);

  // Deploys one BPMN document (its processes), DMN document (its decisions)
  // or working-day calendar (urn:hall:calendar:1). A changed process or decision becomes version
  // n+1 of its key; unchanged content is not redeployed (is_new=false). On errors the status is
  // InvalidArgument and its details list the diagnostics.
  virtual Result<DeploymentResult> deploy(std::string_view resource_name, std::string_view xml) = 0;
  // Process definitions (decisions are not listed here).
  virtual Result<std::vector<ProcessDefinitionInfo>> definitions() = 0;

  // The document a definition (process, decision or calendar; its id, e.g.
  // "visit:2") was deployed from, byte for byte. NotFound for an unknown id.
  virtual Result<std::string> definitionXml(std::string_view definition_id) = 0;
  // Where the running instances of one process definition (its id) wait:
  // one entry per element with a waiting token, by element id. NotFound for
  // an unknown definition.
  virtual Result<std::vector<ElementStatistics>> elementStatistics(
      std::string_view definition_id) = 0;

  // Evaluates the latest deployed version of decision `key` (its id).
  virtual Result<Value> evaluateDecision(std::string_view key, const Value& variables) = 0;

  // Starts the latest version of `key`.
  virtual Result<InstanceInfo> startInstance(std::string_view key, const Value& variables,
                                             std::string_view business_key = {}) = 0;
  virtual Result<InstanceInfo> instance(std::string_view id) = 0;
  // Running (active or suspended) instances, oldest first.
  virtual Result<std::vector<InstanceInfo>> instances(const InstanceQuery& query) = 0;
  virtual Result<std::vector<HistoryEvent>> history(std::string_view instance_id) = 0;
  // Cancels an active or suspended instance wherever it stands: every token
  // ends, its open tasks and jobs are cancelled; the state becomes
  // terminated. Conflict when it has already ended.
  virtual Status cancelInstance(std::string_view id, std::string_view reason) = 0;
  // A suspended instance keeps its tokens but refuses every command (task
  // and job completions are conflicts) until it is resumed.
  virtual Status suspendInstance(std::string_view id) = 0;
  virtual Status resumeInstance(std::string_view id) = 0;
  // Moves an active (or suspended) instance to version `target_version` of
  // its process. `mapping` maps activity ids of its version to those of the
  // target; unmapped ones keep their id. The whole plan is checked before
  // anything moves: InvalidArgument lists every problem.
  virtual Result<InstanceInfo> migrateInstance(
      std::string_view id, int target_version,
      const std::map<std::string, std::string>& mapping) = 0;
  // Recomputes the hash chain of an instance's history; Internal on a break.
  virtual Status verifyHistory(std::string_view instance_id) = 0;

  virtual Result<std::vector<TaskInfo>> tasks(const TaskQuery& query) = 0;
  // A number that moves whenever this engine commits a change (and now and
  // then when it commits none). Read it before a query: while it reads the
  // same, nothing has changed what the query saw, so a caller may keep the
  // answer; a number read after a command returned differs from every number
  // read before it committed. nullopt on a database that other nodes share,
  // whose changes this engine does not see: there, query every time.
  virtual std::optional<uint64_t> changeSequence() const = 0;
  virtual Result<TaskInfo> task(std::string_view id) = 0;
  virtual Status claimTask(std::string_view id, std::string_view assignee) = 0;
  // Gives a claimed task back to its queue (no assignee).
  virtual Status unclaimTask(std::string_view id) = 0;
  // Hands a task to another person, claimed or not.
  virtual Status delegateTask(std::string_view id, std::string_view to) = 0;
  // Get next work: claims for `assignee`, atomically, the best unclaimed task
  // in any of `queues` — highest priority first, then oldest — and returns
  // it; nullopt when none waits. Concurrent callers never get the same task,
  // and none waits on another's lock: a task whose instance is busy is
  // passed over for the next one.
  virtual Result<std::optional<TaskInfo>> claimNextTask(std::string_view assignee,
                                                        const std::vector<std::string>& queues) = 0;
  // Ranks `queue` by decision `decision_key` (deployed): get next work then
  // calls the task with the lowest rank the decision gives, equal ranks by
  // age. The decision reads the variables the task's instance had when the
  // task was created, plus waitedMinutes, priority and queue; it returns a
  // number or an output named rank. An empty key ranks by priority again.
  virtual Status setQueueRanking(std::string_view queue, std::string_view decision_key) = 0;
  virtual Result<std::vector<QueueInfo>> queues() = 0;
  // Conflict when the task is already completed or cancelled; nothing changes.
  virtual Status completeTask(std::string_view id, const Value& variables) = 0;

  virtual Result<std::vector<JobInfo>> jobs(std::optional<JobState> state) = 0;

  // Correlates a message: to the oldest instance waiting for its name and
  // key, else to the message start events of its name (a new instance with
  // the key as business key), else — with a time to live — keeps it for a
  // catch that opens later. NotFound when nothing takes it; a message id
  // seen before changes nothing ("duplicate").
  virtual Result<MessageResult> correlateMessage(const MessageRequest& message) = 0;
  // Delivers a signal to every instance waiting for it and starts the
  // processes with a signal start event of that name; returns how many
  // waits it ended or instances it started.
  virtual Result<int> broadcastSignal(std::string_view name, const Value& variables) = 0;
  // A worker's business error for a job: thrown from the job's element.
  virtual Status throwJobError(std::string_view id, std::string_view code, std::string_view message,
                               const Value& variables) = 0;

  // Open incidents, oldest instances first.
  virtual Result<std::vector<IncidentInfo>> incidents() = 0;
  // Resolves an incident after merging `variables` into the element's scope:
  // retry repeats what failed (a failed job runs again with its retries
  // renewed); skip completes the element as if done (not for a gateway).
  virtual Status resolveIncident(std::string_view id, bool skip, const Value& variables) = 0;
  virtual Status completeJob(std::string_view id, const Value& variables) = 0;
  // Keeps the instance waiting with the error visible on the job.
  virtual Status failJob(std::string_view id, std::string_view error) = 0;

  // Makes the jobs of these types that wait for their backoff due now (a
  // platform is back: its backlog need not wait up to the backoff ceiling)
  // and wakes the workers. Only pending jobs with retries left that no node
  // holds: running jobs, incidents and other types are left as they are.
  // Durable (one update, committed like a command); returns how many.
  virtual Result<int> retryJobsNow(const std::vector<std::string>& job_types) = 0;
  // Job handlers by type; jobs of a type with no handler stay pending.
  virtual void registerJobHandler(std::string type, JobHandler handler) = 0;
  // Starts the worker pool (also picks up jobs left pending by a previous run).
  virtual void startJobWorkers() = 0;
  // Waits until no job is pending or running for a registered type, or the
  // timeout passes; returns whether it became idle. For tests and tools.
  virtual bool waitForJobsIdle(std::chrono::milliseconds timeout) = 0;
};

}  // namespace wf
