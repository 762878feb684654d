// The Engine: wires the store, the single writer (group commit), the caches
// and the job workers. A command on an instance takes the instance's lock,
// loads its committed state (from the cache or the store), runs an
// Execution and prepares its writes on the caller's thread; the writer then
// only runs the SQL, in a group commit with other commands. The lock is
// released after the commit, so the next command on that instance sees it.
#include <algorithm>
#include <charconv>
#include <functional>
#include <limits>
#include <map>
#include <semaphore>
#include <thread>

#include "bpmn/bpmn_reader.h"
#include "calendar/calendar_reader.h"
#include "dmn/decision_evaluator.h"
#include "dmn/dmn_reader.h"
#include "runtime/command_processor.h"
#include "runtime/definition_cache.h"
#include "runtime/deployed_calendars.h"
#include "runtime/deployed_decisions.h"
#include "runtime/execution.h"
#include "runtime/history_chain.h"
#include "runtime/instance_cache.h"
#include "runtime/instance_locks.h"
#include "runtime/job_leasing.h"
#include "runtime/job_workers.h"
#include "runtime/migration_plan.h"
#include "runtime/queue_rankings.h"
#include "runtime/start_timers.h"
#include "runtime/waiting_tokens.h"
#include "runtime/write_set.h"
#include "wf/engine.h"

namespace wf {

namespace runtime {
namespace {

// Instances kept parsed in memory between commands (committed state only).
constexpr size_t kInstanceCacheCapacity = 20000;
constexpr std::ptrdiff_t kMaxExecuting = 64;
// The longest wait before a failed job is tried again.
constexpr int64_t kMaxBackoffMillis = 5 * 60 * 1000;
// How often a command whose write was stale runs again before its caller
// gets the Conflict.
constexpr int kStaleReruns = 8;

// On a shared database another node may commit a command on the same
// instance between this command's load and its commit. The writer then
// refuses the write as stale, and the command runs again from a fresh load
// of the instance (a stale command wrote nothing: its savepoint was rolled
// back). Bounded, so that a storm of contention ends in a Conflict.
const Status& statusOf(const Status& s) { return s; }
template <typename T>
const Status& statusOf(const Result<T>& r) {
  return r.status();
}

template <typename Command>
auto rerunIfStale(const Command& command) -> decltype(command()) {
  auto result = command();
  for (int rerun = 1; rerun < kStaleReruns && isStaleWrite(statusOf(result)); ++rerun) {
    result = command();
  }
  return result;
}

// The wait before a failed job runs again: it doubles with each failure so
// far (1 s, 2 s, 4 s …) up to kMaxBackoffMillis.
int64_t backoffMillis(int failures) {
  return std::min<int64_t>(kMaxBackoffMillis,
                           int64_t{1000} << std::min(std::max(failures, 1) - 1, 20));
}

class EngineImpl final : public Engine {
 public:
  EngineImpl(EngineOptions options, std::unique_ptr<Store> store)
      : options_(std::move(options)),
        store_(std::move(store)),
        // Another node may change any instance of a shared database, so a
        // copy kept between commands could be stale: there, every command
        // loads its instance from the store.
        instances_(store_->shared() ? 0 : kInstanceCacheCapacity),
        processor_(*store_, options_.max_batch),
        workers_([this](const std::string& id, const Value& v) { return completeJob(id, v); },
                 [this](const std::string& id, const Status& error) {
                   const std::string code = bpmnErrorCode(error);
                   if (!code.empty()) return throwJobError(id, code, error.message(), Value());
                   const bool retry = !isPermanentJobFailure(error);
                   return rerunIfStale([&] { return failJobOnce(id, error.message(), retry); });
                 },
                 *options_.clock) {
    registerEngineJobs();
  }

  Result<DeploymentResult> deploy(std::string_view resource_name, std::string_view xml) override;
  Result<std::vector<ProcessDefinitionInfo>> definitions() override;
  Result<Value> evaluateDecision(std::string_view key, const Value& variables) override;
  Result<InstanceInfo> startInstance(std::string_view key, const Value& variables,
                                     std::string_view business_key) override;
  Result<InstanceInfo> instance(std::string_view id) override;
  Result<std::vector<InstanceInfo>> instances(const InstanceQuery& query) override;
  Result<std::string> definitionXml(std::string_view definition_id) override;
  Result<std::vector<ElementStatistics>> elementStatistics(std::string_view definition_id) override;
  Result<std::vector<HistoryEvent>> history(std::string_view instance_id) override;
  Status cancelInstance(std::string_view id, std::string_view reason) override {
    return rerunIfStale([&] { return cancelInstanceOnce(id, reason); });
  }
  Status suspendInstance(std::string_view id) override;
  Status resumeInstance(std::string_view id) override;
  Status verifyHistory(std::string_view instance_id) override;
  Result<InstanceInfo> migrateInstance(std::string_view id, int target_version,
                                       const std::map<std::string, std::string>& mapping) override {
    return rerunIfStale([&] { return migrateInstanceOnce(id, target_version, mapping); });
  }
  Result<std::vector<TaskInfo>> tasks(const TaskQuery& query) override;
  std::optional<uint64_t> changeSequence() const override {
    if (store_->shared()) return std::nullopt;
    return processor_.groupsEnded();
  }
  Result<TaskInfo> task(std::string_view id) override;
  Status claimTask(std::string_view id, std::string_view assignee) override {
    return rerunIfStale([&] { return claimTaskOnce(id, assignee); });
  }
  Status unclaimTask(std::string_view id) override {
    return rerunIfStale([&] { return unclaimTaskOnce(id); });
  }
  Status delegateTask(std::string_view id, std::string_view to) override {
    return rerunIfStale([&] { return delegateTaskOnce(id, to); });
  }
  Result<std::optional<TaskInfo>> claimNextTask(std::string_view assignee,
                                                const std::vector<std::string>& queues) override;
  Status completeTask(std::string_view id, const Value& variables) override {
    return rerunIfStale([&] { return completeTaskOnce(id, variables); });
  }
  Status setQueueRanking(std::string_view queue, std::string_view decision_key) override;
  Result<std::vector<QueueInfo>> queues() override;
  Result<std::vector<JobInfo>> jobs(std::optional<JobState> state) override;
  Result<std::vector<IncidentInfo>> incidents() override;
  Status resolveIncident(std::string_view id, bool skip, const Value& variables) override {
    return rerunIfStale([&] { return resolveIncidentOnce(id, skip, variables); });
  }
  Status completeJob(std::string_view id, const Value& variables) override {
    return rerunIfStale([&] { return completeJobOnce(id, variables); });
  }
  Status failJob(std::string_view id, std::string_view error) override {
    return rerunIfStale([&] { return failJobOnce(id, error); });
  }
  Result<int> retryJobsNow(const std::vector<std::string>& job_types) override;
  void registerJobHandler(std::string type, JobHandler handler) override;
  void startJobWorkers() override;
  bool waitForJobsIdle(std::chrono::milliseconds timeout) override;
  Result<MessageResult> correlateMessage(const MessageRequest& message) override;
  Result<int> broadcastSignal(std::string_view name, const Value& variables) override;
  Status throwJobError(std::string_view id, std::string_view code, std::string_view message,
                       const Value& variables) override {
    return rerunIfStale([&] { return throwJobErrorOnce(id, code, message, variables); });
  }

 private:
  // Buffered messages, as the executions see them.
  class Buffer final : public MessageBuffer {
   public:
    explicit Buffer(EngineImpl& engine) : engine_(engine) {}
    Result<std::vector<BufferedMessage>> buffered(const std::string& name,
                                                  const std::string& key) override {
      constexpr int kLimit = 8;
      return engine_.store_->bufferedMessages(name, key, engine_.now(), kLimit);
    }

   private:
    EngineImpl& engine_;
  };

  // The handlers of the jobs the engine runs itself: timers, calls, signals.
  void registerEngineJobs();
  // Jobs that belong to no token (a signal to broadcast, a called instance
  // to cancel, a start timer): their end changes only their row.
  static bool isDetached(const std::string& type);
  Status endDetachedJob(const StoredJob& job, bool failed, const std::string& error);
  // Starts an instance of `process` at `start_event` (-1: the none start
  // event) with `effects` already holding what else the command writes.
  Result<InstanceInfo> startLoaded(LoadedProcess process, int start_event, const Value& variables,
                                   std::string business_key, Effects effects,
                                   std::optional<Caller> caller = std::nullopt,
                                   std::string id = {});
  // The event of a subscription occurred: triggers its catch under the
  // instance's lock. Conflict when the instance no longer waits there.
  Status triggerSubscription(const StoredSubscription& sub, const Value& variables,
                             const std::optional<MessageOutcome>& outcome,
                             const std::string& consumed_message = {}) {
    return rerunIfStale(
        [&] { return triggerSubscriptionOnce(sub, variables, outcome, consumed_message); });
  }
  // Engine job handlers.
  Result<Value> startCalled(const JobInfo& job);
  Result<Value> fireStartTimer(const JobInfo& job);
  Result<std::string> calledDefinition(const JobInfo& job);

  // Bounds how many commands execute on callers' threads at once. With many
  // callers (a hundred clients) and few cores, unbounded execution would
  // starve the single writer, which every command waits for in the end.
  class ExecutionSlot {
   public:
    explicit ExecutionSlot(std::counting_semaphore<kMaxExecuting>& s) : s_(s) { s_.acquire(); }
    ~ExecutionSlot() { release(); }
    ExecutionSlot(const ExecutionSlot&) = delete;
    ExecutionSlot& operator=(const ExecutionSlot&) = delete;
    void release() {
      if (held_) s_.release();
      held_ = false;
    }

   private:
    std::counting_semaphore<kMaxExecuting>& s_;
    bool held_ = true;
  };

  // A process or decision of a deployed document; `remember` caches what
  // was parsed once the new version is committed.
  struct Deployable {
    const char* kind;
    std::string key;
    std::string name;
    std::function<void(const std::string& definition_id)> remember;
    // Writes what else a new version brings (start events, start timers);
    // jobs to run go into `dispatch`.
    std::function<Status(StoreWriter& w, const StoredDefinition& d,
                         const std::optional<StoredDefinition>& previous,
                         std::vector<JobInfo>& dispatch)>
        stored = nullptr;
  };
  Result<DeploymentResult> storeDefinitions(std::string_view resource_name, std::string_view xml,
                                            const std::vector<Deployable>& items,
                                            std::vector<Diagnostic> warnings);

  // An instance inside a command: its row, its model and its tokens.
  struct Loaded {
    StoredInstance row;
    LoadedProcess process;
    InstanceRuntime state;
  };

  Result<LoadedProcess> processById(const std::string& id);
  // The committed state of an active instance (or a suspended one, when
  // allowed); the caller holds its lock.
  Result<Loaded> loadLocked(const std::string& id, bool allow_suspended = false);
  // Moves an instance to `to` with a history event (suspend, resume).
  Status changeInstanceState(std::string_view id, InstanceState to, const char* event);
  // Writes a command's effects in the group commit; on success the new
  // state goes into the cache. The caller holds the instance's lock.
  // Releases `slot` once the writes are prepared, before waiting for the writer.
  Status commit(Loaded& l, Effects& effects, bool ended, bool insert, ExecutionSlot& slot,
                std::optional<TaskClaim> claim = std::nullopt);
  Execution executionFor(Loaded& l, Effects& effects) {
    return Execution(*l.process.process, {l.row.id, l.row.definition_key}, l.state, effects,
                     *options_.clock, *options_.ids, &decisions_, &calendars_, &buffer_);
  }
  // Sets a task's assignee (empty: back to its queue) with a history event;
  // the caller holds its instance's lock.
  Status reassignLocked(const std::string& task_id, const std::string& assignee, const char* event);
  // Orders candidates of ranked queues by their decision's rank (lower
  // first), then by age; tasks of unranked queues come after, as they were.
  void orderByRank(std::vector<TaskInfo>& candidates,
                   const std::map<std::string, std::string>& ranked);
  // Claims a task for `assignee`; the caller holds its instance's lock.
  // With `only_unclaimed`, a task claimed by anyone (also `assignee`) is a conflict.
  Status claimLocked(const std::string& task_id, const std::string& assignee, bool only_unclaimed);
  // Ends a job (completes or fails it) under its instance's lock; `ending`
  // records the effects and says whether the instance ended.
  template <typename Ending>
  Status endJob(const std::string& job_id, JobState to, Ending ending);
  InstanceInfo infoOf(const Loaded& l) const;
  int64_t now() const { return toEpochMillis(options_.clock->now()); }

  // The commands behind the public ones, run once each; the public ones run
  // them again when the write was stale (rerunIfStale).
  Status cancelInstanceOnce(std::string_view id, std::string_view reason);
  Status claimTaskOnce(std::string_view id, std::string_view assignee);
  Status unclaimTaskOnce(std::string_view id);
  Status delegateTaskOnce(std::string_view id, std::string_view to);
  Status completeTaskOnce(std::string_view id, const Value& variables);
  Status resolveIncidentOnce(std::string_view id, bool skip, const Value& variables);
  Status completeJobOnce(std::string_view id, const Value& variables);
  // `retry`: false spends the job's retries at once (an incident now).
  Status failJobOnce(std::string_view id, std::string_view error, bool retry = true);
  Status throwJobErrorOnce(std::string_view id, std::string_view code, std::string_view message,
                           const Value& variables);
  Result<InstanceInfo> migrateInstanceOnce(std::string_view id, int target_version,
                                           const std::map<std::string, std::string>& mapping);
  Status triggerSubscriptionOnce(const StoredSubscription& sub, const Value& variables,
                                 const std::optional<MessageOutcome>& outcome,
                                 const std::string& consumed_message);

  EngineOptions options_;
  std::unique_ptr<Store> store_;
  DefinitionCache cache_;
  QueueRankings rankings_{*store_};
  DeployedDecisions decisions_{*store_, rankings_};
  DeployedCalendars calendars_{*store_, options_.default_calendar, options_.utc_offset_minutes};
  Buffer buffer_{*this};
  std::counting_semaphore<kMaxExecuting> executing_{
      std::clamp<std::ptrdiff_t>(std::thread::hardware_concurrency(), 1, kMaxExecuting)};
  InstanceLocks locks_;
  InstanceCache instances_;
  CommandProcessor processor_;
  JobWorkers workers_;
  // On a shared store only; stops before the workers do.
  std::unique_ptr<JobLeasing> leasing_;
};

Result<LoadedProcess> EngineImpl::processById(const std::string& id) {
  if (auto cached = cache_.byId(id)) return *cached;
  ASSIGN_OR_RETURN(std::optional<StoredDefinition> stored, store_->definition(id));
  if (!stored) return Status::internal("definition " + id + " is missing");
  return cache_.load(*stored);
}

Result<EngineImpl::Loaded> EngineImpl::loadLocked(const std::string& id, bool allow_suspended) {
  Loaded l;
  if (std::optional<CachedInstance> cached = instances_.take(id)) {
    l.row = std::move(cached->row);
    l.state = std::move(cached->state);
  } else {
    ASSIGN_OR_RETURN(std::optional<StoredInstance> row, store_->instance(id));
    if (!row) return Status::notFound("no process instance '" + id + "'");
    l.row = std::move(*row);
    if (l.row.ended_at == 0) {
      ASSIGN_OR_RETURN(l.state, InstanceRuntime::fromJson(l.row.runtime_json));
    }
  }
  if (l.row.state == InstanceState::Suspended && !allow_suspended) {
    instances_.put({l.row, l.state});
    return Status::conflict("process instance '" + id + "' is suspended");
  }
  if (l.row.state != InstanceState::Active && l.row.state != InstanceState::Suspended) {
    return Status::conflict("process instance '" + id + "' has ended");
  }
  ASSIGN_OR_RETURN(l.process, processById(l.row.definition_id));
  return l;
}

Status EngineImpl::commit(Loaded& l, Effects& effects, bool ended, bool insert, ExecutionSlot& slot,
                          std::optional<TaskClaim> claim) {
  Result<WriteSet> prepared = prepareWrites(l.row, l.state, effects, ended, insert, now());
  slot.release();
  if (!prepared.ok()) return prepared.status();
  WriteSet writes = std::move(prepared).value();
  writes.claim = std::move(claim);
  Status st = processor_.execute([&](StoreWriter& w, std::vector<AfterCommit>& after) -> Status {
    RETURN_IF_ERROR(applyWrites(w, writes));
    if (!writes.new_jobs.empty() || !writes.retried_jobs.empty()) {
      after.push_back([this, &writes] {
        for (const StoredJob& j : writes.new_jobs) workers_.dispatch(j.info);
        for (const JobInfo& j : writes.retried_jobs) workers_.dispatch(j);
      });
    }
    return Status::ok();
  });
  if (st.isOk() && l.row.ended_at == 0) instances_.put({l.row, l.state});
  return st;
}

InstanceInfo EngineImpl::infoOf(const Loaded& l) const {
  InstanceInfo info;
  info.id = l.row.id;
  info.definition_id = l.row.definition_id;
  info.definition_key = l.row.definition_key;
  info.version = l.row.version;
  info.business_key = l.row.business_key;
  info.state = l.row.state;
  info.has_incident = l.row.incident;
  info.started_at = l.row.started_at;
  info.ended_at = l.row.ended_at;
  if (l.process.process != nullptr) {
    info.active_activity_ids = activeActivities(*l.process.process, l.state);
  }
  auto root = l.state.elements.find(0);
  info.variables = root == l.state.elements.end() ? Value(Object{}) : Value(root->second.vars);
  return info;
}

// --- Deploy -----------------------------------------------------------------

namespace {

// A refused model: InvalidArgument with every diagnostic in the details.
Status refused(std::string_view resource_name, const std::vector<Diagnostic>& diagnostics) {
  Array list;
  size_t errors = 0;
  for (const Diagnostic& d : diagnostics) {
    list.push_back(d.toValue());
    if (d.severity == Severity::Error) ++errors;
  }
  Object details;
  details["diagnostics"] = Value(std::move(list));
  return Status::invalid(
      std::string(resource_name) + ": the model has " + std::to_string(errors) + " error(s)",
      Value(std::move(details)));
}

std::vector<Diagnostic> warningsOf(const std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::Warning) out.push_back(d);
  }
  return out;
}

}  // namespace

Result<DeploymentResult> EngineImpl::deploy(std::string_view resource_name, std::string_view xml) {
  if (dmn::isDmnDocument(xml)) {
    dmn::ReadDmnResult read = dmn::readDmn(resource_name, xml);
    if (!read.model || hasErrors(read.diagnostics)) return refused(resource_name, read.diagnostics);
    std::vector<Deployable> items;
    for (const dmn::Decision& d : read.model->decisions) {
      items.push_back(
          {kDecisionKind, d.id, d.name, [this, model = read.model](const std::string& id) {
             decisions_.models().remember(id, model);
           }});
    }
    return storeDefinitions(resource_name, xml, items, warningsOf(read.diagnostics));
  }
  if (calendar::isCalendarDocument(xml)) {
    calendar::ReadCalendarResult read = calendar::readCalendar(resource_name, xml);
    if (!read.calendar || hasErrors(read.diagnostics)) {
      return refused(resource_name, read.diagnostics);
    }
    const std::vector<Deployable> items = {{kCalendarKind, read.calendar->id(), read.calendar->id(),
                                            [this, cal = read.calendar](const std::string& id) {
                                              calendars_.models().remember(id, cal);
                                            }}};
    return storeDefinitions(resource_name, xml, items, warningsOf(read.diagnostics));
  }
  bpmn::ReadResult read = bpmn::readBpmn(resource_name, xml);
  if (!read.definitions || hasErrors(read.diagnostics)) {
    return refused(resource_name, read.diagnostics);
  }
  std::vector<Deployable> items;
  for (const model::Process& p : read.definitions->processes) {
    items.push_back(
        {kProcessKind, p.key, p.name,
         [this, defs = read.definitions, process = &p](const std::string& id) {
           cache_.put(LoadedProcess{defs, process, id, process->key,
                                    std::stoi(id.substr(id.rfind(':') + 1))});
         },
         [this, process = &p](StoreWriter& w, const StoredDefinition& d,
                              const std::optional<StoredDefinition>& previous,
                              std::vector<JobInfo>& dispatch) -> Status {
           std::vector<StoredStartEvent> starts;
           for (int i : process->event_starts) {
             const model::Element& e = process->elements[static_cast<size_t>(i)];
             starts.push_back({model::triggerName(e.trigger), e.event_name, d.key, d.id, e.id});
           }
           RETURN_IF_ERROR(w.replaceStartEvents(d.key, starts));
           if (previous) {
             RETURN_IF_ERROR(w.cancelPendingJobs(previous->id, kStartTimerJobType));
           }
           for (int i : process->event_starts) {
             const model::Element& e = process->elements[static_cast<size_t>(i)];
             if (e.trigger != model::Trigger::Timer) continue;
             ASSIGN_OR_RETURN(StoredJob job,
                              firstStartTimerJob(e, d.id, now(), options_.ids->next()));
             RETURN_IF_ERROR(w.insertJob(job));
             dispatch.push_back(job.info);
           }
           return Status::ok();
         }});
  }
  return storeDefinitions(resource_name, xml, items, warningsOf(read.diagnostics));
}

Result<DeploymentResult> EngineImpl::storeDefinitions(std::string_view resource_name,
                                                      std::string_view xml,
                                                      const std::vector<Deployable>& items,
                                                      std::vector<Diagnostic> warnings) {
  const std::string content_hash = sm3Hex(xml);
  DeploymentResult result;
  result.id = options_.ids->next();
  result.warnings = std::move(warnings);
  std::vector<JobInfo> dispatch;
  // Two nodes deploying the same new version at once: the second one's
  // insert is stale, and its rerun finds the version deployed.
  Status st = rerunIfStale([&] {
    return processor_.execute([&](StoreWriter& w, std::vector<AfterCommit>& after) -> Status {
      result.definitions.clear();
      dispatch.clear();
      bool any_new = false;
      for (const Deployable& item : items) {
        ASSIGN_OR_RETURN(std::optional<StoredDefinition> latest,
                         w.latestDefinition(item.kind, item.key));
        if (latest && latest->content_hash == content_hash) {
          result.definitions.push_back(
              {latest->id, latest->key, latest->version, false, item.kind});
          continue;
        }
        StoredDefinition d;
        d.kind = item.kind;
        d.key = item.key;
        d.version = latest ? latest->version + 1 : 1;
        // Ids of decisions and calendars are prefixed with their kind, so that
        // they may share a key with a process.
        d.id = (item.kind == std::string(kProcessKind) ? std::string()
                                                       : item.kind + std::string(":")) +
               item.key + ":" + std::to_string(d.version);
        d.name = item.name;
        d.deployment_id = result.id;
        d.resource_name = std::string(resource_name);
        d.content_hash = content_hash;
        d.xml = std::string(xml);
        d.deployed_at = now();
        RETURN_IF_ERROR(w.insertDefinition(d));
        if (item.stored) RETURN_IF_ERROR(item.stored(w, d, latest, dispatch));
        any_new = true;
        result.definitions.push_back({d.id, d.key, d.version, true, item.kind});
        after.push_back([remember = item.remember, id = d.id] { remember(id); });
      }
      if (any_new) {
        RETURN_IF_ERROR(w.insertDeployment(result.id, std::string(resource_name), now()));
      }
      if (!dispatch.empty()) {
        after.push_back([this, &dispatch] {
          for (const JobInfo& j : dispatch) workers_.dispatch(j);
        });
      }
      return Status::ok();
    });
  });
  if (!st.isOk()) return st;
  return result;
}

Result<Value> EngineImpl::evaluateDecision(std::string_view key, const Value& variables) {
  if (!variables.isNull() && !variables.isObject()) {
    return Status::invalid("variables must be a JSON object");
  }
  return decisions_.evaluate(std::string(key), variables.isNull() ? Value(Object{}) : variables);
}

// --- Instances ----------------------------------------------------------------

Result<InstanceInfo> EngineImpl::startInstance(std::string_view key, const Value& variables,
                                               std::string_view business_key) {
  if (!variables.isNull() && !variables.isObject()) {
    return Status::invalid("variables must be a JSON object");
  }
  // The latest version is read from the store each time, so a version that
  // another process (`hall deploy`) deployed is picked up at once.
  ASSIGN_OR_RETURN(std::optional<std::string> id,
                   store_->latestDefinitionId(kProcessKind, std::string(key)));
  if (!id) return Status::notFound("no process definition with key '" + std::string(key) + "'");
  ASSIGN_OR_RETURN(LoadedProcess process, processById(*id));
  return startLoaded(std::move(process), -1, variables, std::string(business_key), Effects());
}

Result<InstanceInfo> EngineImpl::startLoaded(LoadedProcess process, int start_event,
                                             const Value& variables, std::string business_key,
                                             Effects effects, std::optional<Caller> caller,
                                             std::string id) {
  Loaded l;
  l.process = std::move(process);
  l.row.id = id.empty() ? options_.ids->next() : std::move(id);
  l.row.definition_id = l.process.id;
  l.row.definition_key = l.process.key;
  l.row.version = l.process.version;
  l.row.business_key = std::move(business_key);
  l.row.started_at = now();
  l.state.caller = std::move(caller);
  // A new id: no other command can reach this instance before it commits,
  // but the lock keeps the cache entry and the commit in step.
  auto guard = locks_.lock(l.row.id);
  ExecutionSlot slot(executing_);
  Execution exec = executionFor(l, effects);
  RETURN_IF_ERROR(exec.start(variables, start_event));
  const bool ended = exec.ended();
  RETURN_IF_ERROR(commit(l, effects, ended, true, slot));
  return infoOf(l);
}

Result<std::vector<ProcessDefinitionInfo>> EngineImpl::definitions() {
  ASSIGN_OR_RETURN(std::vector<StoredDefinition> stored, store_->definitions());
  std::vector<ProcessDefinitionInfo> out;
  out.reserve(stored.size());
  for (const StoredDefinition& d : stored) {
    if (d.kind != kProcessKind) continue;
    out.push_back(
        {d.id, d.key, d.version, d.name, d.deployment_id, d.resource_name, d.deployed_at});
  }
  return out;
}

Result<InstanceInfo> EngineImpl::instance(std::string_view id) {
  ASSIGN_OR_RETURN(std::optional<StoredInstance> row, store_->instance(std::string(id)));
  if (!row) return Status::notFound("no process instance '" + std::string(id) + "'");
  Loaded l;
  l.row = std::move(*row);
  if (!l.row.runtime_json.empty()) {
    ASSIGN_OR_RETURN(l.state, InstanceRuntime::fromJson(l.row.runtime_json));
  }
  ASSIGN_OR_RETURN(l.process, processById(l.row.definition_id));
  return infoOf(l);
}

Result<std::vector<InstanceInfo>> EngineImpl::instances(const InstanceQuery& query) {
  constexpr int kMaxLimit = 10000;
  if (query.version < 0) return Status::invalid("version: expected 1, 2, … or 0 for any");
  if (query.version > 0 && query.definition_key.empty()) {
    return Status::invalid("version: a version needs the process key");
  }
  ASSIGN_OR_RETURN(std::vector<StoredInstance> rows,
                   store_->runningInstances(query.definition_key, query.version,
                                            std::clamp(query.limit, 1, kMaxLimit)));
  std::vector<InstanceInfo> out;
  out.reserve(rows.size());
  for (StoredInstance& row : rows) {
    Loaded l;
    l.row = std::move(row);
    ASSIGN_OR_RETURN(l.state, InstanceRuntime::fromJson(l.row.runtime_json));
    ASSIGN_OR_RETURN(l.process, processById(l.row.definition_id));
    out.push_back(infoOf(l));
  }
  return out;
}

Result<std::string> EngineImpl::definitionXml(std::string_view definition_id) {
  ASSIGN_OR_RETURN(std::optional<StoredDefinition> stored,
                   store_->definition(std::string(definition_id)));
  if (!stored) return Status::notFound("no definition '" + std::string(definition_id) + "'");
  return std::move(stored->xml);
}

// One query over the running instances of the version; each one's tokens
// are read from its runtime state as it streams past, so memory stays flat
// however many there are.
Result<std::vector<ElementStatistics>> EngineImpl::elementStatistics(
    std::string_view definition_id) {
  const std::string id(definition_id);
  ASSIGN_OR_RETURN(std::optional<StoredDefinition> stored, store_->definition(id));
  if (!stored || stored->kind != kProcessKind) {
    return Status::notFound("no process definition '" + id + "'");
  }
  // Loaded before the scan: the visitor may not call the store.
  ASSIGN_OR_RETURN(LoadedProcess process, processById(id));
  std::map<std::string, ElementStatistics> counts;
  Status failed = Status::ok();
  RETURN_IF_ERROR(
      store_->visitRunningInstances(stored->key, stored->version, [&](const StoredInstance& row) {
        if (!failed.isOk()) return;
        Result<InstanceRuntime> state = InstanceRuntime::fromJson(row.runtime_json);
        if (!state.ok()) {
          failed = state.status();
          return;
        }
        countWaiting(*process.process, *state, counts);
      }));
  RETURN_IF_ERROR(failed);
  std::vector<ElementStatistics> out;
  out.reserve(counts.size());
  for (auto& [element, entry] : counts) out.push_back(std::move(entry));
  return out;
}

Status EngineImpl::cancelInstanceOnce(std::string_view id, std::string_view reason) {
  const std::string instance_id(id);
  auto guard = locks_.lock(instance_id);
  ExecutionSlot slot(executing_);
  ASSIGN_OR_RETURN(Loaded l, loadLocked(instance_id, true));
  Effects effects;
  Execution exec = executionFor(l, effects);
  RETURN_IF_ERROR(exec.cancel(std::string(reason)));
  RETURN_IF_ERROR(transition(l.row.state, InstanceState::Terminated, "process instance"));
  l.row.ended_at = now();
  // Only the process scope (its variables) stays, as for a completed instance.
  ElementInstance root = l.state.root();
  l.state.elements.clear();
  l.state.elements.emplace(0, std::move(root));
  return commit(l, effects, false, false, slot);
}

Result<InstanceInfo> EngineImpl::migrateInstanceOnce(
    std::string_view id, int target_version, const std::map<std::string, std::string>& mapping) {
  const std::string instance_id(id);
  auto guard = locks_.lock(instance_id);
  ExecutionSlot slot(executing_);
  ASSIGN_OR_RETURN(Loaded l, loadLocked(instance_id, true));
  const std::string target_id = l.row.definition_key + ":" + std::to_string(target_version);
  Result<LoadedProcess> target = processById(target_id);
  if (!target.ok()) {
    instances_.put({l.row, l.state});
    return Status::notFound("targetVersion: process '" + l.row.definition_key +
                            "' has no version " + std::to_string(target_version));
  }
  Result<MigrationPlan> plan =
      planMigration(*l.process.process, *target->process, l.state, mapping);
  if (!plan.ok()) {
    instances_.put({l.row, l.state});
    return plan.status();
  }
  const LoadedProcess from = l.process;
  l.process = std::move(target).value();
  l.row.definition_id = l.process.id;
  l.row.version = l.process.version;
  Effects effects;
  Execution exec = executionFor(l, effects);
  RETURN_IF_ERROR(exec.migrate(*from.process, *plan, from.id, l.process.id));
  RETURN_IF_ERROR(commit(l, effects, exec.ended(), false, slot));
  return infoOf(l);
}

Status EngineImpl::suspendInstance(std::string_view id) {
  return rerunIfStale(
      [&] { return changeInstanceState(id, InstanceState::Suspended, "instance-suspended"); });
}

Status EngineImpl::resumeInstance(std::string_view id) {
  RETURN_IF_ERROR(rerunIfStale(
      [&] { return changeInstanceState(id, InstanceState::Active, "instance-resumed"); }));
  // Jobs that came due while it was suspended were refused: run them now.
  ASSIGN_OR_RETURN(std::vector<JobInfo> pending, store_->jobs(JobState::Pending, 100000));
  for (const JobInfo& j : pending) {
    if (j.instance_id == id) workers_.dispatch(j);
  }
  return Status::ok();
}

Status EngineImpl::changeInstanceState(std::string_view id, InstanceState to, const char* event) {
  const std::string instance_id(id);
  auto guard = locks_.lock(instance_id);
  ExecutionSlot slot(executing_);
  ASSIGN_OR_RETURN(Loaded l, loadLocked(instance_id, true));
  if (!canTransition(l.row.state, to)) {
    const InstanceState from = l.row.state;
    instances_.put({l.row, l.state});
    return Status::conflict("process instance '" + instance_id + "' is " + instanceStateName(from) +
                            ", not " + (to == InstanceState::Active ? "suspended" : "active"));
  }
  RETURN_IF_ERROR(transition(l.row.state, to, "process instance"));
  Effects effects;
  effects.events.push_back({event, l.row.definition_key, Value()});
  return commit(l, effects, false, false, slot);
}

Result<std::vector<HistoryEvent>> EngineImpl::history(std::string_view instance_id) {
  ASSIGN_OR_RETURN(std::optional<StoredInstance> row, store_->instance(std::string(instance_id)));
  if (!row) return Status::notFound("no process instance '" + std::string(instance_id) + "'");
  return store_->history(std::string(instance_id));
}

Status EngineImpl::verifyHistory(std::string_view instance_id) {
  ASSIGN_OR_RETURN(std::optional<StoredInstance> row, store_->instance(std::string(instance_id)));
  if (!row) return Status::notFound("no process instance '" + std::string(instance_id) + "'");
  ASSIGN_OR_RETURN(std::vector<HistoryEvent> events, store_->history(std::string(instance_id)));
  RETURN_IF_ERROR(verifyChain(events));
  const std::string last = events.empty() ? std::string() : events.back().hash;
  if (last != row->history_hash || static_cast<int64_t>(events.size()) != row->history_seq) {
    return Status::internal("history of " + row->id + " was cut short: the instance expects " +
                            std::to_string(row->history_seq) + " events");
  }
  return Status::ok();
}

// --- Tasks ------------------------------------------------------------------

Result<std::vector<TaskInfo>> EngineImpl::tasks(const TaskQuery& query) {
  return store_->tasks(query);
}

Result<TaskInfo> EngineImpl::task(std::string_view id) {
  ASSIGN_OR_RETURN(std::optional<TaskInfo> t, store_->task(std::string(id)));
  if (!t) return Status::notFound("no task '" + std::string(id) + "'");
  return *t;
}

Status EngineImpl::claimTaskOnce(std::string_view id, std::string_view assignee) {
  if (assignee.empty()) return Status::invalid("assignee must not be empty");
  const std::string task_id(id);
  ASSIGN_OR_RETURN(std::optional<StoredTask> seen, store_->storedTask(task_id));
  if (!seen) return Status::notFound("no task '" + task_id + "'");
  auto guard = locks_.lock(seen->info.instance_id);
  return claimLocked(task_id, std::string(assignee), false);
}

Status EngineImpl::unclaimTaskOnce(std::string_view id) {
  const std::string task_id(id);
  ASSIGN_OR_RETURN(std::optional<StoredTask> seen, store_->storedTask(task_id));
  if (!seen) return Status::notFound("no task '" + task_id + "'");
  auto guard = locks_.lock(seen->info.instance_id);
  return reassignLocked(task_id, "", "task-unclaimed");
}

Status EngineImpl::delegateTaskOnce(std::string_view id, std::string_view to) {
  if (to.empty()) return Status::invalid("the person to delegate to must not be empty");
  const std::string task_id(id);
  ASSIGN_OR_RETURN(std::optional<StoredTask> seen, store_->storedTask(task_id));
  if (!seen) return Status::notFound("no task '" + task_id + "'");
  auto guard = locks_.lock(seen->info.instance_id);
  return reassignLocked(task_id, std::string(to), "task-delegated");
}

Status EngineImpl::reassignLocked(const std::string& task_id, const std::string& assignee,
                                  const char* event) {
  ExecutionSlot slot(executing_);
  ASSIGN_OR_RETURN(std::optional<StoredTask> t, store_->storedTask(task_id));
  TaskInfo& info = t->info;
  if (info.state == TaskState::Completed || info.state == TaskState::Cancelled) {
    return Status::conflict("task '" + task_id + "' is already " + taskStateName(info.state));
  }
  const TaskState to = assignee.empty() ? TaskState::Created : TaskState::Claimed;
  if (info.state == TaskState::Created && to == TaskState::Created) {
    return Status::conflict("task '" + task_id + "' is not claimed");
  }
  if (info.state != to) RETURN_IF_ERROR(transition(info.state, to, "task"));
  ASSIGN_OR_RETURN(Loaded l, loadLocked(info.instance_id));
  Effects effects;
  effects.events.push_back(
      {event, info.element_id,
       Value(Object{{"taskId", task_id}, {"from", info.assignee}, {"to", assignee}})});
  return commit(l, effects, false, false, slot, TaskClaim{task_id, assignee, to});
}

Status EngineImpl::claimLocked(const std::string& task_id, const std::string& assignee,
                               bool only_unclaimed) {
  ExecutionSlot slot(executing_);
  // Read again under the lock: another command may have changed it.
  ASSIGN_OR_RETURN(std::optional<StoredTask> t, store_->storedTask(task_id));
  TaskInfo& info = t->info;
  if (info.state == TaskState::Claimed && info.assignee == assignee && !only_unclaimed) {
    return Status::ok();
  }
  if (info.state == TaskState::Claimed) {
    return Status::conflict("task '" + task_id + "' is claimed by " + info.assignee);
  }
  if (info.state == TaskState::Completed || info.state == TaskState::Cancelled) {
    return Status::conflict("task '" + task_id + "' is already " + taskStateName(info.state));
  }
  RETURN_IF_ERROR(transition(info.state, TaskState::Claimed, "task"));
  ASSIGN_OR_RETURN(Loaded l, loadLocked(info.instance_id));
  Effects effects;
  effects.events.push_back({"task-claimed", info.element_id,
                            Value(Object{{"taskId", task_id}, {"assignee", assignee}})});
  return commit(l, effects, false, false, slot, TaskClaim{task_id, assignee});
}

Result<std::optional<TaskInfo>> EngineImpl::claimNextTask(std::string_view assignee,
                                                          const std::vector<std::string>& queues) {
  if (assignee.empty()) return Status::invalid("assignee must not be empty");
  if (queues.empty()) return Status::invalid("queues must name at least one queue");
  const std::string who(assignee);
  // Candidates are read without a lock; each is claimed under its
  // instance's lock, taken without waiting. A busy or already claimed
  // candidate is passed over. Rounds are bounded: under heavy contention a
  // caller may come back empty-handed although work waits, never claim twice.
  constexpr int kCandidates = 16;
  // A decision may call any waiting task first: it sees many more of them.
  constexpr int kRankedCandidates = 256;
  constexpr int kRounds = 8;
  std::map<std::string, std::string> ranked;
  for (const std::string& q : queues) {
    if (std::optional<std::string> decision = rankings_.decisionFor(q)) ranked[q] = *decision;
  }
  for (int round = 0; round < kRounds; ++round) {
    ASSIGN_OR_RETURN(
        std::vector<TaskInfo> candidates,
        store_->unclaimedTasks(queues, ranked.empty() ? kCandidates : kRankedCandidates));
    if (candidates.empty()) return std::optional<TaskInfo>();
    if (!ranked.empty()) orderByRank(candidates, ranked);
    for (const TaskInfo& candidate : candidates) {
      auto guard = locks_.tryLock(candidate.instance_id);
      if (!guard.owns_lock()) continue;
      // A candidate that someone claimed (or completed) since it was read is
      // a conflict here, even when the same worker claimed it in another call.
      const Status claimed = claimLocked(candidate.id, who, true);
      if (claimed.code() == StatusCode::Conflict) continue;
      RETURN_IF_ERROR(claimed);
      TaskInfo mine = candidate;
      mine.state = TaskState::Claimed;
      mine.assignee = who;
      return std::optional<TaskInfo>(std::move(mine));
    }
  }
  return std::optional<TaskInfo>();
}

void EngineImpl::orderByRank(std::vector<TaskInfo>& candidates,
                             const std::map<std::string, std::string>& ranked) {
  constexpr double kUnranked = std::numeric_limits<double>::infinity();
  const int64_t at = now();
  std::vector<std::pair<double, size_t>> order;
  order.reserve(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    const TaskInfo& t = candidates[i];
    double rank = kUnranked;
    if (std::optional<double> recent = rankings_.recentRank(t.id, at)) {
      rank = *recent;
    } else if (auto decision = ranked.find(t.queue); decision != ranked.end()) {
      Object inputs = t.ranking.isObject() ? t.ranking.asObject() : Object{};
      inputs["waitedMinutes"] =
          static_cast<double>(std::max<int64_t>(0, at - t.created_at)) / 60000.0;
      inputs["priority"] = t.priority;
      inputs["queue"] = t.queue;
      // A decision that fails for a task ranks it last rather than stopping
      // the calling of the whole queue.
      Result<Value> result = decisions_.evaluate(decision->second, Value(std::move(inputs)));
      if (result.ok()) {
        const Value* r = result->isObject() ? result->find("rank") : &*result;
        if (r != nullptr && r->isNumber()) rank = r->asNumber();
      }
      rankings_.rememberRank(t.id, rank, at);
    }
    order.emplace_back(rank, i);
  }
  std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.first == kUnranked) return false;  // unranked keep their order
    return candidates[a.second].created_at < candidates[b.second].created_at;
  });
  std::vector<TaskInfo> sorted;
  sorted.reserve(candidates.size());
  for (const auto& [rank, i] : order) sorted.push_back(std::move(candidates[i]));
  candidates = std::move(sorted);
}

Status EngineImpl::setQueueRanking(std::string_view queue, std::string_view decision_key) {
  if (queue.empty()) return Status::invalid("queue: a queue name is required");
  const std::string decision(decision_key);
  if (!decision.empty()) {
    ASSIGN_OR_RETURN(std::optional<std::string> deployed,
                     store_->latestDefinitionId(kDecisionKind, decision));
    if (!deployed) {
      return Status::notFound("rankingDecision: no decision '" + decision + "' is deployed");
    }
  }
  Status st = processor_.execute([&](StoreWriter& w, std::vector<AfterCommit>&) {
    return rankings_.set(std::string(queue), decision, w);
  });
  rankings_.invalidate();
  return st;
}

Result<std::vector<QueueInfo>> EngineImpl::queues() { return rankings_.all(); }

Status EngineImpl::completeTaskOnce(std::string_view id, const Value& variables) {
  if (!variables.isNull() && !variables.isObject()) {
    return Status::invalid("variables must be a JSON object");
  }
  const std::string task_id(id);
  ASSIGN_OR_RETURN(std::optional<StoredTask> seen, store_->storedTask(task_id));
  if (!seen) return Status::notFound("no task '" + task_id + "'");
  auto guard = locks_.lock(seen->info.instance_id);
  ExecutionSlot slot(executing_);
  // Under the lock, the instance's committed state says whether the task is
  // still open: its element instance waits for exactly this task.
  Result<Loaded> loaded = loadLocked(seen->info.instance_id);
  if (!loaded.ok()) {
    // An ended instance's tasks are completed or cancelled: say which. A
    // suspended (or unreadable) instance says why itself.
    ASSIGN_OR_RETURN(std::optional<StoredTask> now, store_->storedTask(task_id));
    const TaskState state = now->info.state;
    if (state == TaskState::Completed || state == TaskState::Cancelled) {
      return Status::conflict("task '" + task_id + "' is already " + taskStateName(state));
    }
    return loaded.status();
  }
  const ElementInstance* waiting = loaded->state.find(seen->element_instance);
  if (waiting == nullptr || waiting->task_id != task_id || waiting->state != ElementState::Active) {
    instances_.put({loaded->row, loaded->state});
    ASSIGN_OR_RETURN(std::optional<StoredTask> now, store_->storedTask(task_id));
    return Status::conflict("task '" + task_id + "' is already " + taskStateName(now->info.state));
  }
  Loaded l = std::move(loaded).value();
  const StoredTask* t = &*seen;
  TaskState state = t->info.state;
  if (state == TaskState::Completed || state == TaskState::Cancelled) {
    return Status::internal("task '" + task_id + "' is " + taskStateName(state) +
                            " but its element instance still waits for it");
  }
  RETURN_IF_ERROR(transition(state, TaskState::Completed, "task"));
  Effects effects;
  effects.task_changes.push_back({task_id, TaskState::Completed, t->info.assignee});
  effects.events.push_back(
      {"task-completed", t->info.element_id, Value(Object{{"taskId", task_id}})});
  if (ElementInstance* ei = l.state.find(t->element_instance)) ei->task_id.clear();
  Execution exec = executionFor(l, effects);
  RETURN_IF_ERROR(exec.completeWaiting(t->element_instance, variables));
  const bool ended = exec.ended();
  return commit(l, effects, ended, false, slot);
}

// --- Jobs -------------------------------------------------------------------

Result<std::vector<JobInfo>> EngineImpl::jobs(std::optional<JobState> state) {
  return store_->jobs(state, 1000);
}

template <typename Ending>
Status EngineImpl::endJob(const std::string& job_id, JobState to, Ending ending) {
  ASSIGN_OR_RETURN(std::optional<StoredJob> seen, store_->storedJob(job_id));
  if (!seen) return Status::notFound("no job '" + job_id + "'");
  auto guard = locks_.lock(seen->info.instance_id);
  ExecutionSlot slot(executing_);
  // Read again under the lock: the job may have ended meanwhile.
  ASSIGN_OR_RETURN(std::optional<StoredJob> job, store_->storedJob(job_id));
  JobState state = job->info.state;
  if (state != JobState::Pending && state != JobState::Running) {
    return Status::conflict("job '" + job_id + "' is " + jobStateName(state));
  }
  RETURN_IF_ERROR(transition(state, to, "job"));
  ASSIGN_OR_RETURN(Loaded l, loadLocked(job->info.instance_id));
  Effects effects;
  Execution exec = executionFor(l, effects);
  ASSIGN_OR_RETURN(bool ended, ending(*job, l, effects, exec));
  return commit(l, effects, ended, false, slot);
}

Status EngineImpl::completeJobOnce(std::string_view id, const Value& variables) {
  if (!variables.isNull() && !variables.isObject()) {
    return Status::invalid("variables must be a JSON object");
  }
  const std::string job_id(id);
  ASSIGN_OR_RETURN(std::optional<StoredJob> seen, store_->storedJob(job_id));
  if (!seen) return Status::notFound("no job '" + job_id + "'");
  if (isDetached(seen->info.type)) return endDetachedJob(*seen, false, {});
  return endJob(
      job_id, JobState::Completed,
      [&](const StoredJob& j, Loaded& l, Effects& effects, Execution& exec) -> Result<bool> {
        effects.job_changes.push_back({job_id, JobState::Completed, j.info.retries, {}});
        effects.events.push_back(
            {"job-completed", j.info.element_id, Value(Object{{"jobId", job_id}})});
        ElementInstance* ei = l.state.find(j.element_instance);
        const std::string& type = j.info.type;
        if (type == kTimerJobType) {
          // A timer whose waiting token has moved on fires into nothing.
          const model::Element* el = l.process.process->find(j.info.element_id);
          if (el == nullptr || ei == nullptr || ei->state != ElementState::Active) return false;
          RETURN_IF_ERROR(exec.trigger(j.element_instance, el->index, Value(), &j.info));
          return exec.ended();
        }
        if (type == kCallJobType) {
          // The called instance runs; the call activity waits for its end.
          const Value* called = variables.find("instanceId");
          const std::string instance =
              called != nullptr && called->isString() ? called->asString() : std::string();
          if (ei != nullptr && ei->job_id == job_id) {
            ei->job_id.clear();
            ei->called_instance = instance;
            effects.events.push_back(
                {"call-started", j.info.element_id, Value(Object{{"instanceId", instance}})});
          } else if (ei == nullptr && !instance.empty()) {
            // The caller ended while the call started: the called one goes too.
            exec.addEngineJob(kCancelCalledJobType, j.info.element_id, j.element_instance,
                              Value(Object{{"instanceId", instance}}));
          }
          return false;
        }
        if (type == kCallReturnJobType) {
          if (ei == nullptr || ei->state != ElementState::Active) return false;
          const Value* vars = j.info.variables.find("variables");
          const Value* error = j.info.variables.find("error");
          RETURN_IF_ERROR(exec.calledInstanceEnded(
              j.element_instance, vars != nullptr ? *vars : Value(Object{}),
              error != nullptr && error->isString() ? error->asString() : std::string()));
          return exec.ended();
        }
        if (ei != nullptr) ei->job_id.clear();
        RETURN_IF_ERROR(exec.completeWaiting(j.element_instance, variables));
        return exec.ended();
      });
}

Status EngineImpl::throwJobErrorOnce(std::string_view id, std::string_view code,
                                     std::string_view message, const Value& variables) {
  if (code.empty()) return Status::invalid("an error code must not be empty");
  if (!variables.isNull() && !variables.isObject()) {
    return Status::invalid("variables must be a JSON object");
  }
  const std::string job_id(id);
  ASSIGN_OR_RETURN(std::optional<StoredJob> seen, store_->storedJob(job_id));
  if (!seen) return Status::notFound("no job '" + job_id + "'");
  if (isDetached(seen->info.type) || seen->info.type.rfind("wf.", 0) == 0) {
    return Status::conflict("job '" + job_id + "' is the engine's own; it throws no errors");
  }
  return endJob(
      job_id, JobState::Completed,
      [&](const StoredJob& j, Loaded&, Effects& effects, Execution& exec) -> Result<bool> {
        effects.job_changes.push_back(
            {job_id, JobState::Completed, j.info.retries, std::string(message)});
        effects.events.push_back({"job-error-thrown", j.info.element_id,
                                  Value(Object{{"jobId", job_id},
                                               {"code", std::string(code)},
                                               {"message", std::string(message)}})});
        RETURN_IF_ERROR(exec.throwJobError(j.element_instance, std::string(code),
                                           std::string(message), variables));
        return exec.ended();
      });
}

Status EngineImpl::failJobOnce(std::string_view id, std::string_view error, bool retry) {
  const std::string job_id(id);
  const std::string message(error);
  ASSIGN_OR_RETURN(std::optional<StoredJob> seen, store_->storedJob(job_id));
  if (!seen) return Status::notFound("no job '" + job_id + "'");
  if (isDetached(seen->info.type)) return endDetachedJob(*seen, true, message);
  return endJob(
      job_id, JobState::Failed,
      [&](const StoredJob& j, Loaded& l, Effects& effects, Execution& exec) -> Result<bool> {
        const int retries = retry ? std::max(0, j.info.retries - 1) : 0;
        if (retries > 0) {
          const model::Element* el = l.process.process->find(j.info.element_id);
          const int failures = std::max(1, (el != nullptr ? el->retries : 3) - retries);
          const int64_t due = now() + backoffMillis(failures);
          effects.job_changes.push_back({job_id, JobState::Pending, retries, message, due});
          effects.events.push_back({"job-failed", j.info.element_id,
                                    Value(Object{{"jobId", job_id},
                                                 {"error", message},
                                                 {"retriesLeft", retries},
                                                 {"retryAt", Value(DateTime{due, 0, true})}})});
          JobInfo again = j.info;
          again.retries = retries;
          again.error = message;
          again.due_at = due;
          effects.retried_jobs.push_back(std::move(again));
          return false;
        }
        effects.job_changes.push_back({job_id, JobState::Failed, 0, message});
        effects.events.push_back(
            {"job-failed", j.info.element_id,
             Value(Object{{"jobId", job_id}, {"error", message}, {"retriesLeft", 0}})});
        if (ElementInstance* ei = l.state.find(j.element_instance)) {
          RETURN_IF_ERROR(exec.raiseIncident(*ei, "job " + job_id + " failed: " + message));
        }
        return false;  // the instance waits with the incident
      });
}

// --- Incidents ----------------------------------------------------------------

Result<std::vector<IncidentInfo>> EngineImpl::incidents() {
  constexpr int kLimit = 1000;
  ASSIGN_OR_RETURN(std::vector<StoredInstance> rows, store_->instancesWithIncidents(kLimit));
  std::vector<IncidentInfo> out;
  for (const StoredInstance& row : rows) {
    ASSIGN_OR_RETURN(InstanceRuntime state, InstanceRuntime::fromJson(row.runtime_json));
    ASSIGN_OR_RETURN(LoadedProcess process, processById(row.definition_id));
    for (const auto& [ei_id, ei] : state.elements) {
      if (ei.state != ElementState::Incident) continue;
      IncidentInfo info;
      info.id = row.id + ":" + std::to_string(ei_id);
      info.instance_id = row.id;
      info.definition_key = row.definition_key;
      info.element_id = ei.element >= 0
                            ? process.process->elements[static_cast<size_t>(ei.element)].id
                            : row.definition_key;
      info.message = ei.incident;
      info.job_id = ei.job_id;
      out.push_back(std::move(info));
    }
  }
  return out;
}

Status EngineImpl::resolveIncidentOnce(std::string_view id, bool skip, const Value& variables) {
  if (!variables.isNull() && !variables.isObject()) {
    return Status::invalid("variables must be a JSON object");
  }
  const std::string incident(id);
  const size_t colon = incident.rfind(':');
  int element_instance = -1;
  if (colon != std::string::npos) {
    const char* first = incident.data() + colon + 1;
    const char* last = incident.data() + incident.size();
    const auto [end, ec] = std::from_chars(first, last, element_instance);
    if (ec != std::errc() || end != last) element_instance = -1;
  }
  if (element_instance < 0) return Status::notFound("no incident '" + incident + "'");
  const std::string instance_id = incident.substr(0, colon);
  auto guard = locks_.lock(instance_id);
  ExecutionSlot slot(executing_);
  Result<Loaded> loaded = loadLocked(instance_id, true);
  if (!loaded.ok()) {
    // An ended instance has no incident left.
    if (loaded.status().code() == StatusCode::Conflict) {
      return Status::notFound("no incident '" + incident + "' (the instance has ended)");
    }
    return loaded.status();
  }
  Loaded l = std::move(loaded).value();
  if (l.row.state == InstanceState::Suspended) {
    instances_.put({l.row, l.state});
    return Status::conflict("process instance '" + instance_id + "' is suspended");
  }
  ElementInstance* ei = l.state.find(element_instance);
  if (ei == nullptr || ei->state != ElementState::Incident) {
    instances_.put({l.row, l.state});
    return Status::notFound("no incident '" + incident + "'");
  }
  Effects effects;
  const std::string job_id = ei->job_id;
  if (!job_id.empty()) {
    ASSIGN_OR_RETURN(std::optional<StoredJob> job, store_->storedJob(job_id));
    if (job) {
      if (skip) {
        effects.job_changes.push_back({job_id, JobState::Cancelled, 0, job->info.error});
        ei->job_id.clear();
      } else {
        // A retry renews the job's retries, as the element defines them.
        const model::Element* el = l.process.process->find(job->info.element_id);
        JobInfo again = job->info;
        again.state = JobState::Pending;
        again.retries = el != nullptr ? el->retries : 3;
        again.error.clear();
        again.due_at = 0;
        effects.job_changes.push_back({job_id, JobState::Pending, again.retries, {}, 0});
        effects.retried_jobs.push_back(std::move(again));
      }
    }
  }
  Execution exec = executionFor(l, effects);
  RETURN_IF_ERROR(exec.resolveIncident(element_instance, variables, skip));
  const bool ended = exec.ended();
  return commit(l, effects, ended, false, slot);
}

void EngineImpl::registerJobHandler(std::string type, JobHandler handler) {
  workers_.registerHandler(std::move(type), std::move(handler));
}

void EngineImpl::startJobWorkers() {
  if (store_->shared() && !leasing_) {
    const std::string owner =
        options_.node_id.empty() ? RandomIdGenerator().next() : options_.node_id;
    leasing_ = std::make_unique<JobLeasing>(*store_, workers_, *options_.clock, owner,
                                            options_.job_lease, options_.job_poll);
    workers_.setTake(leasing_->takeFn());
  }
  workers_.start(options_.job_workers);
  if (leasing_) leasing_->start();
  // Jobs left pending by an earlier run (or a crash) run now.
  constexpr int kPage = 10000;
  Result<std::vector<JobInfo>> pending = store_->pendingJobs(kPage);
  if (pending.ok()) {
    for (const JobInfo& j : *pending) workers_.dispatch(j);
  }
}

Result<int> EngineImpl::retryJobsNow(const std::vector<std::string>& job_types) {
  const int64_t at = now();
  std::vector<JobInfo> due;
  RETURN_IF_ERROR(
      processor_.execute([&](StoreWriter& w, std::vector<AfterCommit>& after) -> Status {
        ASSIGN_OR_RETURN(due, w.retryJobsNow(job_types, at));
        after.push_back([this, &due] { workers_.dispatchEarlier(due); });
        return Status::ok();
      }));
  return static_cast<int>(due.size());
}

bool EngineImpl::waitForJobsIdle(std::chrono::milliseconds timeout) {
  return workers_.waitIdle(timeout);
}

// --- Messages and signals ---------------------------------------------------

namespace {

std::string outcomeJson(const char* outcome, const std::string& instance_id) {
  return Value(Object{{"outcome", outcome}, {"instanceId", instance_id}}).toJson();
}

}  // namespace

Status EngineImpl::triggerSubscriptionOnce(const StoredSubscription& sub, const Value& variables,
                                           const std::optional<MessageOutcome>& outcome,
                                           const std::string& consumed_message) {
  auto guard = locks_.lock(sub.instance_id);
  ExecutionSlot slot(executing_);
  ASSIGN_OR_RETURN(Loaded l, loadLocked(sub.instance_id));
  const model::Element* catching = l.process.process->find(sub.element_id);
  if (catching == nullptr) {
    return Status::internal("subscription of " + sub.instance_id + " names unknown element '" +
                            sub.element_id + "'");
  }
  Effects effects;
  effects.message_outcome = outcome;
  if (!consumed_message.empty()) effects.consumed_messages.push_back(consumed_message);
  effects.events.push_back(
      {sub.kind + "-received", sub.element_id,
       Value(Object{{"name", sub.name}, {"correlationKey", sub.correlation_key}})});
  Execution exec = executionFor(l, effects);
  // On failure the half-run state is dropped: the next command reloads it.
  RETURN_IF_ERROR(exec.trigger(sub.element_instance, catching->index, variables));
  return commit(l, effects, exec.ended(), false, slot);
}

Result<MessageResult> EngineImpl::correlateMessage(const MessageRequest& m) {
  if (m.name.empty()) return Status::invalid("name: a message needs a name");
  if (!m.variables.isNull() && !m.variables.isObject()) {
    return Status::invalid("variables: must be a JSON object");
  }
  if (m.ttl_millis < 0) return Status::invalid("timeToLive: must not be negative");
  const Value vars = m.variables.isNull() ? Value(Object{}) : m.variables;
  const auto duplicate = [&]() -> Result<std::optional<MessageResult>> {
    if (m.message_id.empty()) return std::optional<MessageResult>();
    ASSIGN_OR_RETURN(std::optional<std::string> first, store_->messageOutcome(m.message_id));
    if (!first) return std::optional<MessageResult>();
    return std::optional<MessageResult>(MessageResult{"duplicate", {}, *first});
  };
  const auto record = [&](const char* outcome, const std::string& instance_id) {
    return m.message_id.empty() ? std::optional<MessageOutcome>()
                                : std::optional<MessageOutcome>(MessageOutcome{
                                      m.message_id, outcomeJson(outcome, instance_id)});
  };
  ASSIGN_OR_RETURN(std::optional<MessageResult> seen, duplicate());
  if (seen) return *seen;

  constexpr int kCandidates = 16;
  ASSIGN_OR_RETURN(std::vector<StoredSubscription> subs,
                   store_->subscriptions("message", m.name, m.correlation_key, kCandidates));
  for (const StoredSubscription& sub : subs) {
    Status st = triggerSubscription(sub, vars, record("correlated", sub.instance_id));
    if (st.isOk()) return MessageResult{"correlated", sub.instance_id, {}};
    if (st.code() != StatusCode::Conflict) return st;
    // It moved on meanwhile — or the same message id won a race elsewhere.
    ASSIGN_OR_RETURN(seen, duplicate());
    if (seen) return *seen;
  }

  ASSIGN_OR_RETURN(std::vector<StoredStartEvent> starts, store_->startEvents("message", m.name));
  if (!starts.empty()) {
    const StoredStartEvent& start = starts.front();
    ASSIGN_OR_RETURN(LoadedProcess process, processById(start.definition_id));
    const model::Element* el = process.process->find(start.element_id);
    if (el == nullptr) return Status::internal("start event '" + start.element_id + "' is gone");
    const std::string id = options_.ids->next();
    Effects effects;
    effects.message_outcome = record("started", id);
    Result<InstanceInfo> started = startLoaded(std::move(process), el->index, vars,
                                               m.correlation_key, std::move(effects), {}, id);
    if (!started.ok()) {
      ASSIGN_OR_RETURN(seen, duplicate());
      if (seen) return *seen;
      return started.status();
    }
    return MessageResult{"started", id, {}};
  }

  if (m.ttl_millis == 0) {
    return Status::notFound("no process instance waits for message '" + m.name +
                            "' with correlation key '" + m.correlation_key +
                            "', and no process starts with it");
  }
  BufferedMessage buffered;
  buffered.id = options_.ids->next();
  buffered.name = m.name;
  buffered.correlation_key = m.correlation_key;
  buffered.variables = vars;
  buffered.message_id = m.message_id;
  buffered.created_at = now();
  buffered.expires_at = buffered.created_at + m.ttl_millis;
  Status st = processor_.execute([&](StoreWriter& w, std::vector<AfterCommit>&) -> Status {
    RETURN_IF_ERROR(w.insertMessage(buffered));
    if (!m.message_id.empty()) {
      RETURN_IF_ERROR(
          w.insertMessageOutcome(m.message_id, outcomeJson("buffered", ""), buffered.created_at));
    }
    return Status::ok();
  });
  if (!st.isOk()) {
    ASSIGN_OR_RETURN(seen, duplicate());
    if (seen) return *seen;
    return st;
  }
  // A catch that opened while this message was on its way did not see it in
  // the buffer: look once more, and hand it over.
  ASSIGN_OR_RETURN(subs, store_->subscriptions("message", m.name, m.correlation_key, kCandidates));
  for (const StoredSubscription& sub : subs) {
    if (triggerSubscription(sub, vars, std::nullopt, buffered.id).isOk()) {
      return MessageResult{"correlated", sub.instance_id, {}};
    }
  }
  return MessageResult{"buffered", {}, {}};
}

Result<int> EngineImpl::broadcastSignal(std::string_view name, const Value& variables) {
  if (name.empty()) return Status::invalid("name: a signal needs a name");
  if (!variables.isNull() && !variables.isObject()) {
    return Status::invalid("variables: must be a JSON object");
  }
  const Value vars = variables.isNull() ? Value(Object{}) : variables;
  const std::string signal(name);
  constexpr int kLimit = 100000;
  int reached = 0;
  ASSIGN_OR_RETURN(std::vector<StoredSubscription> subs,
                   store_->subscriptions("signal", signal, "", kLimit));
  for (const StoredSubscription& sub : subs) {
    Status st = triggerSubscription(sub, vars, std::nullopt);
    if (st.isOk()) {
      ++reached;
    } else if (st.code() != StatusCode::Conflict) {
      return st;
    }
  }
  ASSIGN_OR_RETURN(std::vector<StoredStartEvent> starts, store_->startEvents("signal", signal));
  for (const StoredStartEvent& start : starts) {
    ASSIGN_OR_RETURN(LoadedProcess process, processById(start.definition_id));
    const model::Element* el = process.process->find(start.element_id);
    if (el == nullptr) continue;
    ASSIGN_OR_RETURN(InstanceInfo info,
                     startLoaded(std::move(process), el->index, vars, {}, Effects()));
    (void)info;
    ++reached;
  }
  return reached;
}

// --- Jobs the engine runs itself ----------------------------------------------

bool EngineImpl::isDetached(const std::string& type) {
  return type == kSignalJobType || type == kCancelCalledJobType || type == kStartTimerJobType;
}

Status EngineImpl::endDetachedJob(const StoredJob& job, bool failed, const std::string& error) {
  JobState state = job.info.state;
  if (state != JobState::Pending && state != JobState::Running) {
    return Status::conflict("job '" + job.info.id + "' is " + jobStateName(state));
  }
  JobInfo again = job.info;
  if (failed && job.info.retries > 1) {
    again.retries = job.info.retries - 1;
    again.error = error;
    again.due_at = now() + backoffMillis(3 - again.retries);
  } else {
    again.state = failed ? JobState::Failed : JobState::Completed;
    again.retries = failed ? 0 : job.info.retries;
    again.error = error;
  }
  return processor_.execute([&](StoreWriter& w, std::vector<AfterCommit>& after) -> Status {
    RETURN_IF_ERROR(w.updateJob(again.id, again.state, again.retries, again.error, again.due_at));
    if (again.state == JobState::Pending) {
      after.push_back([this, &again] { workers_.dispatch(again); });
    }
    return Status::ok();
  });
}

void EngineImpl::registerEngineJobs() {
  // Timers complete themselves once the scheduler finds them due.
  workers_.registerHandler(kTimerJobType,
                           [](const JobContext&) -> Result<Value> { return Value(Object{}); });
  workers_.registerHandler(kCallReturnJobType,
                           [](const JobContext&) -> Result<Value> { return Value(Object{}); });
  workers_.registerHandler(kCallJobType,
                           [this](const JobContext& c) { return startCalled(c.job); });
  workers_.registerHandler(kStartTimerJobType,
                           [this](const JobContext& c) { return fireStartTimer(c.job); });
  workers_.registerHandler(kSignalJobType, [this](const JobContext& c) -> Result<Value> {
    const Value* name = c.job.variables.find("name");
    const Value* vars = c.job.variables.find("variables");
    if (name == nullptr || !name->isString()) return Status::internal("signal job has no name");
    ASSIGN_OR_RETURN(int reached,
                     broadcastSignal(name->asString(), vars != nullptr ? *vars : Value()));
    return Value(Object{{"reached", reached}});
  });
  workers_.registerHandler(kCancelCalledJobType, [this](const JobContext& c) -> Result<Value> {
    const Value* instance = c.job.variables.find("instanceId");
    if (instance == nullptr || !instance->isString()) {
      return Status::internal("cancel job names no instance");
    }
    Status st = cancelInstance(instance->asString(), "the calling process ended it");
    // Already ended (or never started): nothing left to cancel.
    if (!st.isOk() && st.code() != StatusCode::Conflict && st.code() != StatusCode::NotFound) {
      return st;
    }
    return Value(Object{});
  });
}

Result<std::string> EngineImpl::calledDefinition(const JobInfo& job) {
  const Value* key_value = job.variables.find("processKey");
  const Value* binding_value = job.variables.find("binding");
  const std::string key =
      key_value != nullptr && key_value->isString() ? key_value->asString() : std::string();
  const std::string binding =
      binding_value != nullptr && binding_value->isString() ? binding_value->asString() : "latest";
  if (binding == "version") {
    const Value* v = job.variables.find("version");
    const std::string id =
        key + ":" +
        std::to_string(v != nullptr && v->isNumber() ? static_cast<int>(v->asNumber()) : 0);
    ASSIGN_OR_RETURN(std::optional<StoredDefinition> d, store_->definition(id));
    if (!d) return Status::notFound("called process '" + id + "' is not deployed");
    return id;
  }
  if (binding == "deployment") {
    ASSIGN_OR_RETURN(std::optional<StoredInstance> caller, store_->instance(job.instance_id));
    if (!caller) return Status::notFound("calling instance " + job.instance_id + " is gone");
    ASSIGN_OR_RETURN(std::optional<StoredDefinition> own,
                     store_->definition(caller->definition_id));
    ASSIGN_OR_RETURN(std::vector<StoredDefinition> all, store_->definitions());
    for (const StoredDefinition& d : all) {
      if (own && d.kind == kProcessKind && d.key == key && d.deployment_id == own->deployment_id) {
        return d.id;
      }
    }
    return Status::notFound("called process '" + key +
                            "' was not deployed with the calling process");
  }
  ASSIGN_OR_RETURN(std::optional<std::string> latest,
                   store_->latestDefinitionId(kProcessKind, key));
  if (!latest) return Status::notFound("called process '" + key + "' is not deployed");
  return *latest;
}

Result<Value> EngineImpl::startCalled(const JobInfo& job) {
  // The called instance takes the job's id: a job that runs again (after a
  // crash) finds the instance it started before.
  ASSIGN_OR_RETURN(std::optional<StoredInstance> existing, store_->instance(job.id));
  if (existing) return Value(Object{{"instanceId", job.id}});
  ASSIGN_OR_RETURN(std::string definition_id, calledDefinition(job));
  ASSIGN_OR_RETURN(std::optional<StoredJob> stored, store_->storedJob(job.id));
  if (!stored) return Status::notFound("job " + job.id + " is gone");
  ASSIGN_OR_RETURN(std::optional<StoredInstance> caller, store_->instance(job.instance_id));
  ASSIGN_OR_RETURN(LoadedProcess process, processById(definition_id));
  const Value* vars = job.variables.find("variables");
  ASSIGN_OR_RETURN(
      InstanceInfo info,
      startLoaded(std::move(process), -1, vars != nullptr ? *vars : Value(Object{}),
                  caller ? caller->business_key : std::string(), Effects(),
                  Caller{job.instance_id, stored->element_instance, job.element_id}, job.id));
  return Value(Object{{"instanceId", info.id}});
}

Result<Value> EngineImpl::fireStartTimer(const JobInfo& job) {
  // A newer version cancels the timers of the older one; a timer already
  // scheduled in memory then fires into nothing.
  ASSIGN_OR_RETURN(std::optional<StoredJob> now_stored, store_->storedJob(job.id));
  if (!now_stored || (now_stored->info.state != JobState::Pending &&
                      now_stored->info.state != JobState::Running)) {
    return Value(Object{});
  }
  ASSIGN_OR_RETURN(LoadedProcess process, processById(job.instance_id));
  const model::Element* start = process.process->find(job.element_id);
  if (start == nullptr) return Status::internal("start event '" + job.element_id + "' is gone");
  // The job ends in the same transaction as the start, and the next firing
  // is armed there too: a crash in between starts nothing twice.
  Effects effects;
  effects.job_changes.push_back({job.id, JobState::Completed, job.retries, {}, 0});
  if (std::optional<StoredJob> next = nextStartTimerJob(*start, job, now(), options_.ids->next())) {
    effects.new_jobs.push_back(std::move(*next));
  }
  ASSIGN_OR_RETURN(InstanceInfo info, startLoaded(std::move(process), start->index, Value(Object{}),
                                                  {}, std::move(effects)));
  return Value(Object{{"instanceId", info.id}});
}
}  // namespace
}  // namespace runtime

Result<std::unique_ptr<Engine>> Engine::open(EngineOptions options) {
  ASSIGN_OR_RETURN(std::unique_ptr<Store> store,
                   openStore(options.db_url, options.sync, options.readers));
  return std::unique_ptr<Engine>(
      std::make_unique<runtime::EngineImpl>(std::move(options), std::move(store)));
}

std::vector<Diagnostic> Engine::lint(std::string_view resource_name, std::string_view xml) {
  if (dmn::isDmnDocument(xml)) return dmn::readDmn(resource_name, xml).diagnostics;
  if (calendar::isCalendarDocument(xml)) {
    return calendar::readCalendar(resource_name, xml).diagnostics;
  }
  return bpmn::readBpmn(resource_name, xml).diagnostics;
}

Result<Value> Engine::decide(std::string_view resource_name, std::string_view xml,
                             std::string_view decision, const Value& variables) {
  if (!variables.isNull() && !variables.isObject()) {
    return Status::invalid("variables must be a JSON object");
  }
  dmn::ReadDmnResult read = dmn::readDmn(resource_name, xml);
  if (!read.model) return runtime::refused(resource_name, read.diagnostics);
  return dmn::evaluateDecision(*read.model, decision,
                               variables.isNull() ? Value(Object{}) : variables);
}

}  // namespace wf
