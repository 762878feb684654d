// The Engine: wires the store, the single writer (group commit), the caches
// and the job workers. A command on an instance takes the instance's lock,
// loads its committed state (from the cache or the store), runs an
// Execution and prepares its writes on the caller's thread; the writer then
// only runs the SQL, in a group commit with other commands. The lock is
// released after the commit, so the next command on that instance sees it.
#include <algorithm>
#include <charconv>
#include <functional>
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
#include "runtime/write_set.h"
#include "wf/engine.h"

namespace wf {

namespace runtime {
namespace {

// Active activity ids of a runtime state: waiting tokens and join arrivals.
std::vector<std::string> activeActivities(const model::Process& process,
                                          const InstanceRuntime& state) {
  std::vector<std::string> out;
  for (const auto& [id, ei] : state.elements) {
    if (ei.element >= 0 && !ei.mi &&
        (ei.state == ElementState::Active || ei.state == ElementState::Incident)) {
      const model::Element& el = process.elements[static_cast<size_t>(ei.element)];
      if (el.kind != model::ElementKind::SubProcess) out.push_back(el.id);
    }
    for (const auto& [gateway, arrivals] : ei.joins) {
      for (const auto& [flow, count] : arrivals) {
        for (int i = 0; i < count; ++i) {
          out.push_back(process.elements[static_cast<size_t>(gateway)].id);
        }
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

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
                 [this](const std::string& id, const std::string& e) { return failJob(id, e); },
                 *options_.clock) {
    // Timers are jobs that complete themselves once the scheduler finds them due.
    workers_.registerHandler(kTimerJobType, [](const JobContext&) -> Result<Value> {
      return Value(Object{});
    });
  }

  Result<DeploymentResult> deploy(std::string_view resource_name, std::string_view xml) override;
  Result<std::vector<ProcessDefinitionInfo>> definitions() override;
  Result<Value> evaluateDecision(std::string_view key, const Value& variables) override;
  Result<InstanceInfo> startInstance(std::string_view key, const Value& variables,
                                     std::string_view business_key) override;
  Result<InstanceInfo> instance(std::string_view id) override;
  Result<std::vector<HistoryEvent>> history(std::string_view instance_id) override;
  Status cancelInstance(std::string_view id, std::string_view reason) override {
    return rerunIfStale([&] { return cancelInstanceOnce(id, reason); });
  }
  Status suspendInstance(std::string_view id) override;
  Status resumeInstance(std::string_view id) override;
  Status verifyHistory(std::string_view instance_id) override;
  Result<std::vector<TaskInfo>> tasks(const TaskQuery& query) override;
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
  void registerJobHandler(std::string type, JobHandler handler) override;
  void startJobWorkers() override;
  bool waitForJobsIdle(std::chrono::milliseconds timeout) override;

 private:
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
                     *options_.clock, *options_.ids, &decisions_, &calendars_);
  }
  // Sets a task's assignee (empty: back to its queue) with a history event;
  // the caller holds its instance's lock.
  Status reassignLocked(const std::string& task_id, const std::string& assignee,
                        const char* event);
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
  Status failJobOnce(std::string_view id, std::string_view error);

  EngineOptions options_;
  std::unique_ptr<Store> store_;
  DefinitionCache cache_;
  DeployedDecisions decisions_{*store_};
  DeployedCalendars calendars_{*store_, options_.default_calendar, options_.utc_offset_minutes};
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
    items.push_back({kProcessKind, p.key, p.name,
                     [this, defs = read.definitions, process = &p](const std::string& id) {
                       cache_.put(LoadedProcess{defs, process, id, process->key,
                                                std::stoi(id.substr(id.rfind(':') + 1))});
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
  // Two nodes deploying the same new version at once: the second one's
  // insert is stale, and its rerun finds the version deployed.
  Status st = rerunIfStale([&] {
    return processor_.execute([&](StoreWriter& w, std::vector<AfterCommit>& after) -> Status {
      result.definitions.clear();
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
        any_new = true;
        result.definitions.push_back({d.id, d.key, d.version, true, item.kind});
        after.push_back([remember = item.remember, id = d.id] { remember(id); });
      }
      if (any_new)
        RETURN_IF_ERROR(w.insertDeployment(result.id, std::string(resource_name), now()));
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
  Loaded l;
  ASSIGN_OR_RETURN(l.process, processById(*id));
  l.row.id = options_.ids->next();
  l.row.definition_id = l.process.id;
  l.row.definition_key = l.process.key;
  l.row.version = l.process.version;
  l.row.business_key = std::string(business_key);
  l.row.started_at = now();
  // A new id: no other command can reach this instance before it commits,
  // but the lock keeps the cache entry and the commit in step.
  auto guard = locks_.lock(l.row.id);
  ExecutionSlot slot(executing_);
  Effects effects;
  Execution exec = executionFor(l, effects);
  RETURN_IF_ERROR(exec.start(variables));
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
  constexpr int kRounds = 8;
  for (int round = 0; round < kRounds; ++round) {
    ASSIGN_OR_RETURN(std::vector<TaskInfo> candidates, store_->unclaimedTasks(queues, kCandidates));
    if (candidates.empty()) return std::optional<TaskInfo>();
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
  return endJob(
      job_id, JobState::Completed,
      [&](const StoredJob& j, Loaded& l, Effects& effects, Execution& exec) -> Result<bool> {
        effects.job_changes.push_back({job_id, JobState::Completed, j.info.retries, {}});
        effects.events.push_back(
            {"job-completed", j.info.element_id, Value(Object{{"jobId", job_id}})});
        const model::Element* el = l.process.process->find(j.info.element_id);
        if (el != nullptr && el->kind == model::ElementKind::BoundaryTimer) {
          RETURN_IF_ERROR(exec.fireBoundary(j.element_instance, el->index, job_id));
          return exec.ended();
        }
        if (ElementInstance* ei = l.state.find(j.element_instance)) ei->job_id.clear();
        RETURN_IF_ERROR(exec.completeWaiting(j.element_instance, variables));
        return exec.ended();
      });
}

Status EngineImpl::failJobOnce(std::string_view id, std::string_view error) {
  const std::string job_id(id);
  const std::string message(error);
  return endJob(
      job_id, JobState::Failed,
      [&](const StoredJob& j, Loaded& l, Effects& effects, Execution& exec) -> Result<bool> {
        const int retries = std::max(0, j.info.retries - 1);
        if (retries > 0) {
          // Retried after a backoff that doubles with each failure so far:
          // 1 s, 2 s, 4 s … up to 5 minutes.
          const model::Element* el = l.process.process->find(j.info.element_id);
          const int failures = std::max(1, (el != nullptr ? el->retries : 3) - retries);
          const int64_t backoff =
              std::min<int64_t>(kMaxBackoffMillis, int64_t{1000} << std::min(failures - 1, 20));
          const int64_t due = now() + backoff;
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

bool EngineImpl::waitForJobsIdle(std::chrono::milliseconds timeout) {
  return workers_.waitIdle(timeout);
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
