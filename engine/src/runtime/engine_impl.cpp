// The Engine: wires the store, the single writer (group commit), the
// definition cache and the job workers, and turns each public command into
// one transaction that loads an instance, runs an Execution and writes what
// it produced.
#include <algorithm>

#include "bpmn/bpmn_reader.h"
#include "runtime/command_processor.h"
#include "runtime/definition_cache.h"
#include "runtime/execution.h"
#include "runtime/history_chain.h"
#include "runtime/job_workers.h"
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

bool anyIncident(const InstanceRuntime& state) {
  return std::any_of(state.elements.begin(), state.elements.end(), [](const auto& e) {
    return e.second.state == ElementState::Incident;
  });
}

class EngineImpl final : public Engine {
 public:
  EngineImpl(EngineOptions options, std::unique_ptr<Store> store)
      : options_(std::move(options)),
        store_(std::move(store)),
        processor_(*store_, options_.max_batch),
        workers_([this](const std::string& id, const Value& v) { return completeJob(id, v); },
                 [this](const std::string& id, const std::string& e) { return failJob(id, e); }) {}

  Result<DeploymentResult> deploy(std::string_view resource_name, std::string_view xml) override;
  Result<std::vector<ProcessDefinitionInfo>> definitions() override;
  Result<InstanceInfo> startInstance(std::string_view key, const Value& variables,
                                     std::string_view business_key) override;
  Result<InstanceInfo> instance(std::string_view id) override;
  Result<std::vector<HistoryEvent>> history(std::string_view instance_id) override;
  Status verifyHistory(std::string_view instance_id) override;
  Result<std::vector<TaskInfo>> tasks(const TaskQuery& query) override;
  Result<TaskInfo> task(std::string_view id) override;
  Status claimTask(std::string_view id, std::string_view assignee) override;
  Status completeTask(std::string_view id, const Value& variables) override;
  Result<std::vector<JobInfo>> jobs(std::optional<JobState> state) override;
  Status completeJob(std::string_view id, const Value& variables) override;
  Status failJob(std::string_view id, std::string_view error) override;
  void registerJobHandler(std::string type, JobHandler handler) override;
  void startJobWorkers() override;
  bool waitForJobsIdle(std::chrono::milliseconds timeout) override;

 private:
  // A loaded instance inside a command.
  struct Loaded {
    StoredInstance row;
    LoadedProcess process;
    InstanceRuntime state;
  };

  Result<LoadedProcess> processById(StoreWriter& w, const std::string& id);
  Result<Loaded> loadInstance(StoreWriter& w, const std::string& id);
  // Writes the instance row, history, tasks and jobs of a command.
  Status persist(StoreWriter& w, Loaded& l, Effects& effects, bool ended, bool insert,
                 std::vector<AfterCommit>& after);
  Status appendEvents(StoreWriter& w, StoredInstance& row, std::vector<PendingEvent>& events);
  InstanceInfo infoOf(const Loaded& l) const;
  int64_t now() const { return toEpochMillis(options_.clock->now()); }

  EngineOptions options_;
  std::unique_ptr<Store> store_;
  DefinitionCache cache_;
  CommandProcessor processor_;
  JobWorkers workers_;
};

Result<LoadedProcess> EngineImpl::processById(StoreWriter& w, const std::string& id) {
  if (auto cached = cache_.byId(id)) return *cached;
  ASSIGN_OR_RETURN(std::optional<StoredDefinition> stored, w.definitionById(id));
  if (!stored) return Status::internal("definition " + id + " is missing");
  return cache_.load(*stored);
}

Result<EngineImpl::Loaded> EngineImpl::loadInstance(StoreWriter& w, const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<StoredInstance> row, w.loadInstance(id));
  if (!row) return Status::notFound("no process instance '" + id + "'");
  if (row->state != wf::InstanceState::Active) {
    return Status::conflict("process instance '" + id + "' has ended");
  }
  ASSIGN_OR_RETURN(LoadedProcess process, processById(w, row->definition_id));
  ASSIGN_OR_RETURN(InstanceRuntime state, InstanceRuntime::fromJson(row->runtime_json));
  return Loaded{std::move(*row), std::move(process), std::move(state)};
}

Status EngineImpl::appendEvents(StoreWriter& w, StoredInstance& row,
                                std::vector<PendingEvent>& events) {
  if (events.empty()) return Status::ok();
  const int64_t at = now();
  std::vector<HistoryEvent> sealed;
  sealed.reserve(events.size());
  for (PendingEvent& p : events) {
    HistoryEvent e;
    e.instance_id = row.id;
    e.seq = ++row.history_seq;
    e.at = at;
    e.type = std::move(p.type);
    e.element_id = std::move(p.element_id);
    e.data = std::move(p.data);
    e.prev_hash = row.history_hash;
    sealEvent(e);
    row.history_hash = e.hash;
    sealed.push_back(std::move(e));
  }
  events.clear();
  RETURN_IF_ERROR(w.appendHistory(sealed));
  return Status::ok();
}

Status EngineImpl::persist(StoreWriter& w, Loaded& l, Effects& effects, bool ended, bool insert,
                           std::vector<AfterCommit>& after) {
  RETURN_IF_ERROR(appendEvents(w, l.row, effects.events));
  for (const StoredTask& t : effects.new_tasks) RETURN_IF_ERROR(w.insertTask(t));
  for (const TaskChange& c : effects.task_changes) {
    RETURN_IF_ERROR(w.updateTaskState(c.id, c.state));
    if (c.state == TaskState::Completed || c.state == TaskState::Cancelled) {
      RETURN_IF_ERROR(w.clearTaskCandidates(c.id));
    }
  }
  for (const StoredJob& j : effects.new_jobs) RETURN_IF_ERROR(w.insertJob(j));
  for (const JobChange& c : effects.job_changes) {
    RETURN_IF_ERROR(w.updateJob(c.id, c.state, c.retries, c.error));
  }
  l.row.incident = anyIncident(l.state);
  if (ended) {
    RETURN_IF_ERROR(transition(l.row.state, wf::InstanceState::Completed, "process instance"));
    l.row.ended_at = now();
    // Only the process scope (its final variables) stays.
    ElementInstance root = l.state.root();
    l.state.elements.clear();
    l.state.elements.emplace(0, std::move(root));
  }
  l.row.runtime_json = l.state.toJson();
  if (insert) {
    RETURN_IF_ERROR(w.insertInstance(l.row));
  } else {
    RETURN_IF_ERROR(w.updateInstance(l.row));
  }
  if (!effects.new_jobs.empty()) {
    std::vector<JobInfo> jobs;
    for (const StoredJob& j : effects.new_jobs) jobs.push_back(j.info);
    after.push_back([this, jobs = std::move(jobs)] {
      for (const JobInfo& j : jobs) workers_.dispatch(j);
    });
  }
  return Status::ok();
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
  if (l.process.process != nullptr) info.active_activity_ids = activeActivities(*l.process.process, l.state);
  auto root = l.state.elements.find(0);
  info.variables = root == l.state.elements.end() ? Value(Object{}) : Value(root->second.vars);
  return info;
}

// --- Deploy -----------------------------------------------------------------

Result<DeploymentResult> EngineImpl::deploy(std::string_view resource_name, std::string_view xml) {
  bpmn::ReadResult read = bpmn::readBpmn(resource_name, xml);
  std::vector<Diagnostic> warnings;
  for (const Diagnostic& d : read.diagnostics) {
    if (d.severity == Severity::Warning) warnings.push_back(d);
  }
  if (!read.definitions || hasErrors(read.diagnostics)) {
    Array list;
    size_t errors = 0;
    for (const Diagnostic& d : read.diagnostics) {
      list.push_back(d.toValue());
      if (d.severity == Severity::Error) ++errors;
    }
    Object details;
    details["diagnostics"] = Value(std::move(list));
    return Status::invalid(std::string(resource_name) + ": the model has " +
                               std::to_string(errors) + " error(s)",
                           Value(std::move(details)));
  }
  const std::string content_hash = sm3Hex(xml);
  DeploymentResult result;
  result.id = options_.ids->next();
  result.warnings = warnings;
  const std::shared_ptr<const model::Definitions> defs = read.definitions;
  Status st = processor_.execute([&](StoreWriter& w, std::vector<AfterCommit>& after) -> Status {
    result.definitions.clear();
    bool any_new = false;
    for (const model::Process& p : defs->processes) {
      ASSIGN_OR_RETURN(std::optional<StoredDefinition> latest, w.latestDefinition(p.key));
      if (latest && latest->content_hash == content_hash) {
        result.definitions.push_back({latest->id, latest->key, latest->version, false});
        continue;
      }
      StoredDefinition d;
      d.key = p.key;
      d.version = latest ? latest->version + 1 : 1;
      d.id = p.key + ":" + std::to_string(d.version);
      d.name = p.name;
      d.deployment_id = result.id;
      d.resource_name = std::string(resource_name);
      d.content_hash = content_hash;
      d.xml = std::string(xml);
      d.deployed_at = now();
      RETURN_IF_ERROR(w.insertDefinition(d));
      any_new = true;
      result.definitions.push_back({d.id, d.key, d.version, true});
      LoadedProcess loaded{defs, &p, d.id, d.key, d.version};
      after.push_back([this, loaded] { cache_.put(loaded, true); });
    }
    if (any_new) RETURN_IF_ERROR(w.insertDeployment(result.id, std::string(resource_name), now()));
    return Status::ok();
  });
  if (!st.isOk()) return st;
  return result;
}

Result<std::vector<ProcessDefinitionInfo>> EngineImpl::definitions() {
  ASSIGN_OR_RETURN(std::vector<StoredDefinition> stored, store_->definitions());
  std::vector<ProcessDefinitionInfo> out;
  out.reserve(stored.size());
  for (const StoredDefinition& d : stored) {
    out.push_back({d.id, d.key, d.version, d.name, d.deployment_id, d.resource_name,
                   d.deployed_at});
  }
  return out;
}

// --- Instances ----------------------------------------------------------------

Result<InstanceInfo> EngineImpl::startInstance(std::string_view key, const Value& variables,
                                               std::string_view business_key) {
  if (!variables.isNull() && !variables.isObject()) {
    return Status::invalid("variables must be a JSON object");
  }
  InstanceInfo info;
  const std::string key_str(key);
  Status st = processor_.execute([&](StoreWriter& w, std::vector<AfterCommit>& after) -> Status {
    std::optional<LoadedProcess> process = cache_.latest(key_str);
    if (!process) {
      ASSIGN_OR_RETURN(std::optional<StoredDefinition> latest, w.latestDefinition(key_str));
      if (!latest) return Status::notFound("no process definition with key '" + key_str + "'");
      ASSIGN_OR_RETURN(LoadedProcess loaded, cache_.load(*latest));
      cache_.put(loaded, true);
      process = loaded;
    }
    Loaded l;
    l.process = *process;
    l.row.id = options_.ids->next();
    l.row.definition_id = process->id;
    l.row.definition_key = process->key;
    l.row.version = process->version;
    l.row.business_key = std::string(business_key);
    l.row.started_at = now();
    Effects effects;
    Execution exec(*process->process, {l.row.id, l.row.definition_key}, l.state, effects,
                   *options_.clock, *options_.ids);
    RETURN_IF_ERROR(exec.start(variables));
    RETURN_IF_ERROR(persist(w, l, effects, exec.ended(), true, after));
    info = infoOf(l);
    return Status::ok();
  });
  if (!st.isOk()) return st;
  return info;
}

Result<InstanceInfo> EngineImpl::instance(std::string_view id) {
  ASSIGN_OR_RETURN(std::optional<StoredInstance> row, store_->instance(std::string(id)));
  if (!row) return Status::notFound("no process instance '" + std::string(id) + "'");
  Loaded l;
  l.row = std::move(*row);
  if (auto p = cache_.byId(l.row.definition_id)) l.process = *p;
  if (!l.row.runtime_json.empty()) {
    ASSIGN_OR_RETURN(l.state, InstanceRuntime::fromJson(l.row.runtime_json));
  }
  if (l.process.process == nullptr && l.row.state == wf::InstanceState::Active) {
    // Not cached yet (after a restart): load its definition through a query.
    ASSIGN_OR_RETURN(std::vector<StoredDefinition> all, store_->definitions());
    for (const StoredDefinition& d : all) {
      if (d.id == l.row.definition_id) {
        ASSIGN_OR_RETURN(l.process, cache_.load(d));
      }
    }
  }
  return infoOf(l);
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

Status EngineImpl::claimTask(std::string_view id, std::string_view assignee) {
  if (assignee.empty()) return Status::invalid("assignee must not be empty");
  const std::string task_id(id);
  return processor_.execute([&](StoreWriter& w, std::vector<AfterCommit>&) -> Status {
    ASSIGN_OR_RETURN(std::optional<StoredTask> t, w.loadTask(task_id));
    if (!t) return Status::notFound("no task '" + task_id + "'");
    TaskInfo& info = t->info;
    if (info.state == TaskState::Claimed && info.assignee == assignee) return Status::ok();
    if (info.state == TaskState::Claimed) {
      return Status::conflict("task '" + task_id + "' is claimed by " + info.assignee);
    }
    RETURN_IF_ERROR(transition(info.state, TaskState::Claimed, "task"));
    RETURN_IF_ERROR(w.updateTaskAssignee(task_id, std::string(assignee), info.state));
    ASSIGN_OR_RETURN(std::optional<StoredInstance> row, w.loadInstance(info.instance_id));
    if (!row) return Status::internal("task " + task_id + " has no instance");
    std::vector<PendingEvent> events;
    events.push_back({"task-claimed", info.element_id,
                      Value(Object{{"taskId", task_id}, {"assignee", std::string(assignee)}})});
    RETURN_IF_ERROR(appendEvents(w, *row, events));
    return w.updateInstance(*row);
  });
}

Status EngineImpl::completeTask(std::string_view id, const Value& variables) {
  if (!variables.isNull() && !variables.isObject()) {
    return Status::invalid("variables must be a JSON object");
  }
  const std::string task_id(id);
  return processor_.execute([&](StoreWriter& w, std::vector<AfterCommit>& after) -> Status {
    ASSIGN_OR_RETURN(std::optional<StoredTask> t, w.loadTask(task_id));
    if (!t) return Status::notFound("no task '" + task_id + "'");
    if (t->info.state == TaskState::Completed || t->info.state == TaskState::Cancelled) {
      return Status::conflict("task '" + task_id + "' is already " +
                              taskStateName(t->info.state));
    }
    ASSIGN_OR_RETURN(Loaded l, loadInstance(w, t->info.instance_id));
    Effects effects;
    TaskState state = t->info.state;
    RETURN_IF_ERROR(transition(state, TaskState::Completed, "task"));
    effects.task_changes.push_back({task_id, TaskState::Completed, t->info.assignee});
    effects.events.push_back({"task-completed", t->info.element_id,
                              Value(Object{{"taskId", task_id}})});
    Execution exec(*l.process.process, {l.row.id, l.row.definition_key}, l.state, effects,
                   *options_.clock, *options_.ids);
    if (ElementInstance* ei = l.state.find(t->element_instance)) ei->task_id.clear();
    RETURN_IF_ERROR(exec.completeWaiting(t->element_instance, variables));
    return persist(w, l, effects, exec.ended(), false, after);
  });
}

// --- Jobs -------------------------------------------------------------------

Result<std::vector<JobInfo>> EngineImpl::jobs(std::optional<JobState> state) {
  return store_->jobs(state, 1000);
}

Status EngineImpl::completeJob(std::string_view id, const Value& variables) {
  if (!variables.isNull() && !variables.isObject()) {
    return Status::invalid("variables must be a JSON object");
  }
  const std::string job_id(id);
  return processor_.execute([&](StoreWriter& w, std::vector<AfterCommit>& after) -> Status {
    ASSIGN_OR_RETURN(std::optional<StoredJob> j, w.loadJob(job_id));
    if (!j) return Status::notFound("no job '" + job_id + "'");
    JobState state = j->info.state;
    if (state != JobState::Pending && state != JobState::Running) {
      return Status::conflict("job '" + job_id + "' is " + jobStateName(state));
    }
    RETURN_IF_ERROR(transition(state, JobState::Completed, "job"));
    ASSIGN_OR_RETURN(Loaded l, loadInstance(w, j->info.instance_id));
    Effects effects;
    effects.job_changes.push_back({job_id, JobState::Completed, j->info.retries, {}});
    effects.events.push_back({"job-completed", j->info.element_id,
                              Value(Object{{"jobId", job_id}})});
    Execution exec(*l.process.process, {l.row.id, l.row.definition_key}, l.state, effects,
                   *options_.clock, *options_.ids);
    if (ElementInstance* ei = l.state.find(j->element_instance)) ei->job_id.clear();
    RETURN_IF_ERROR(exec.completeWaiting(j->element_instance, variables));
    return persist(w, l, effects, exec.ended(), false, after);
  });
}

Status EngineImpl::failJob(std::string_view id, std::string_view error) {
  const std::string job_id(id);
  return processor_.execute([&](StoreWriter& w, std::vector<AfterCommit>& after) -> Status {
    ASSIGN_OR_RETURN(std::optional<StoredJob> j, w.loadJob(job_id));
    if (!j) return Status::notFound("no job '" + job_id + "'");
    JobState state = j->info.state;
    if (state != JobState::Pending && state != JobState::Running) {
      return Status::conflict("job '" + job_id + "' is " + jobStateName(state));
    }
    RETURN_IF_ERROR(transition(state, JobState::Failed, "job"));
    ASSIGN_OR_RETURN(Loaded l, loadInstance(w, j->info.instance_id));
    Effects effects;
    const int retries = std::max(0, j->info.retries - 1);
    effects.job_changes.push_back({job_id, JobState::Failed, retries, std::string(error)});
    Execution exec(*l.process.process, {l.row.id, l.row.definition_key}, l.state, effects,
                   *options_.clock, *options_.ids);
    effects.events.push_back({"job-failed", j->info.element_id,
                              Value(Object{{"jobId", job_id}, {"error", std::string(error)}})});
    if (ElementInstance* ei = l.state.find(j->element_instance)) {
      RETURN_IF_ERROR(exec.raiseIncident(*ei, "job " + job_id + " failed: " + std::string(error)));
    }
    return persist(w, l, effects, false, false, after);
  });
}

void EngineImpl::registerJobHandler(std::string type, JobHandler handler) {
  workers_.registerHandler(std::move(type), std::move(handler));
}

void EngineImpl::startJobWorkers() {
  workers_.start(options_.job_workers);
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
  return bpmn::readBpmn(resource_name, xml).diagnostics;
}

}  // namespace wf
