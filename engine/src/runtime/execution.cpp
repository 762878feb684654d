#include "runtime/execution.h"

#include <algorithm>

#include "elements/element_behavior.h"

namespace wf::runtime {

namespace {
// A command that takes more steps than this without any token waiting is
// caught in a loop of pass-through elements; it is refused and rolled back.
constexpr int kMaxStepsPerCommand = 100000;

bool isJoiningGateway(const model::Element& e) {
  return (e.kind == model::ElementKind::ParallelGateway ||
          e.kind == model::ElementKind::InclusiveGateway) &&
         e.incoming.size() > 1;
}
}  // namespace

Execution::Execution(const model::Process& process, InstanceIdentity identity,
                     InstanceRuntime& state, Effects& effects, const Clock& clock, IdGenerator& ids,
                     Decisions* decisions, Calendars* calendars, MessageBuffer* messages)
    : process_(process),
      identity_(std::move(identity)),
      state_(state),
      effects_(effects),
      clock_(clock),
      ids_(ids),
      decisions_(decisions),
      calendars_(calendars),
      messages_(messages) {}

const model::Element& Execution::element(const ElementInstance& ei) const {
  return process_.elements[static_cast<size_t>(ei.element)];
}

int64_t Execution::now() const { return toEpochMillis(clock_.now()); }

void Execution::emit(std::string type, const std::string& element_id, Value data) {
  effects_.events.push_back({std::move(type), element_id, std::move(data)});
}

ElementInstance& Execution::scopeOf(const ElementInstance& ei) {
  return state_.elements.at(ei.parent);
}
const ElementInstance& Execution::scopeOf(const ElementInstance& ei) const {
  return state_.elements.at(ei.parent);
}

Status Execution::moveTo(ElementInstance& ei, ElementState to) {
  return transition(ei.state, to, "element instance");
}

// --- Commands ---------------------------------------------------------------

Status Execution::start(const Value& variables, int start_event) {
  if (start_event < 0) start_event = process_.start_event;
  if (start_event < 0) {
    return Status::invalid("process '" + process_.key +
                           "' has no none start event; it starts by a message, signal or timer");
  }
  ElementInstance& root = state_.elements[0];
  root.id = 0;
  root.element = -1;
  root.parent = -1;
  root.scope = true;
  root.state = ElementState::Active;
  if (variables.isObject()) root.vars = variables.asObject();
  emit("instance-started", process_.key, variables.isObject() ? variables : Value(Object{}));
  RETURN_IF_ERROR(openEventSubProcesses(root));
  RETURN_IF_ERROR(startChild(root, start_event));
  return run();
}

Status Execution::completeWaiting(int element_instance, const Value& variables) {
  ElementInstance* ei = state_.find(element_instance);
  if (ei == nullptr || ei->state != ElementState::Active) {
    return Status::conflict("element instance " + std::to_string(element_instance) +
                            " is not waiting");
  }
  RETURN_IF_ERROR(mergeVariables(*ei, variables));
  RETURN_IF_ERROR(complete(*ei));
  return run();
}

Status Execution::resolveIncident(int element_instance, const Value& variables, bool skip) {
  ElementInstance* ei = state_.find(element_instance);
  if (ei == nullptr || ei->state != ElementState::Incident) {
    return Status::conflict("element instance " + std::to_string(element_instance) +
                            " has no incident");
  }
  const model::Element* el = ei->element >= 0 ? &element(*ei) : nullptr;
  const bool gateway = el != nullptr && (el->kind == model::ElementKind::ExclusiveGateway ||
                                         el->kind == model::ElementKind::InclusiveGateway);
  if (skip && gateway && !ei->incident_on_leave) {
    return Status::conflict(
        "a gateway cannot be skipped (it would not know which flow to take): "
        "set the variables its conditions need and retry");
  }
  RETURN_IF_ERROR(mergeVariables(*ei, variables));
  emit("incident-resolved", el != nullptr ? el->id : process_.key,
       Value(Object{{"action", skip ? "skip" : "retry"}, {"message", ei->incident}}));
  const bool on_leave = ei->incident_on_leave;
  ei->incident.clear();
  ei->incident_on_leave = false;
  RETURN_IF_ERROR(moveTo(*ei, ElementState::Active));
  if (skip || on_leave) {
    RETURN_IF_ERROR(complete(*ei));
  } else if (!ei->job_id.empty()) {
    return Status::ok();  // the job runs again; the token waits for it
  } else if (el != nullptr && el->multi_instance && !ei->mi_inner) {
    RETURN_IF_ERROR(activateBody(*ei));
  } else if (el != nullptr) {
    RETURN_IF_ERROR(elements::behaviorFor(el->kind)(*this, *ei, *el));
  }
  return run();
}

Status Execution::cancel(const std::string& reason) {
  RETURN_IF_ERROR(terminateScope(state_.root(), -1));
  closeWaits(state_.root());
  effects_.close_all_subscriptions = true;
  emit("instance-cancelled", process_.key, Value(Object{{"reason", reason}}));
  agenda_.clear();
  return Status::ok();
}

// --- The run loop -----------------------------------------------------------

Status Execution::run() {
  for (;;) {
    while (!agenda_.empty()) {
      if (++steps_ > kMaxStepsPerCommand) {
        return Status::invalid("the command ran more than " + std::to_string(kMaxStepsPerCommand) +
                               " steps without any token waiting (a loop with no wait state?)");
      }
      const Action action = agenda_.front();
      agenda_.pop_front();
      ElementInstance* ei = state_.find(action.ei);
      if (ei == nullptr) continue;  // terminated meanwhile
      if (action.step == Step::Activate) {
        if (ei->state != ElementState::Activating) continue;
        RETURN_IF_ERROR(activate(*ei));
      } else {
        if (ei->state != ElementState::Completing) continue;
        RETURN_IF_ERROR(completeNow(*ei));
      }
    }
    if (ended_) return Status::ok();
    if (!early_messages_.empty()) {
      EarlyMessage m = std::move(early_messages_.front());
      early_messages_.erase(early_messages_.begin());
      ElementInstance* waiting = state_.find(m.waiting);
      // It may have moved on since (another message, a gateway's choice).
      if (waiting != nullptr && waiting->state == ElementState::Active) {
        RETURN_IF_ERROR(triggerNow(*waiting, m.catching, m.variables, nullptr));
      }
      continue;
    }
    ASSIGN_OR_RETURN(bool fired, fireInclusiveJoins());
    if (!fired) return Status::ok();
  }
}

Status Execution::startChild(ElementInstance& scope, int element) {
  ElementInstance& child = state_.create(element, scope.id);
  agenda_.push_back({Step::Activate, child.id});
  return Status::ok();
}

Status Execution::activate(ElementInstance& ei) {
  const model::Element& el = element(ei);
  emit("element-activated", el.id);
  if (el.multi_instance && !ei.mi_inner) {
    const int id = ei.id;
    RETURN_IF_ERROR(activateBody(ei));
    ElementInstance* body = state_.find(id);
    if (body != nullptr && body->state == ElementState::Active && !el.boundary_events.empty()) {
      return armBoundaryEvents(*body);
    }
    return Status::ok();
  }
  elements::Activate behavior = elements::behaviorFor(el.kind);
  if (behavior == nullptr) return Status::internal("no behaviour for " + el.id);
  const int id = ei.id;
  RETURN_IF_ERROR(behavior(*this, ei, el));
  // An activity that now waits arms the timers of its boundary events.
  ElementInstance* waiting = state_.find(id);
  if (waiting != nullptr && waiting->state == ElementState::Active && !waiting->mi_inner &&
      !el.boundary_events.empty()) {
    return armBoundaryEvents(*waiting);
  }
  return Status::ok();
}

Status Execution::wait(ElementInstance& ei) {
  if (ei.state == ElementState::Activating) return moveTo(ei, ElementState::Active);
  return Status::ok();
}

Status Execution::complete(ElementInstance& ei) {
  if (ei.state == ElementState::Activating) RETURN_IF_ERROR(moveTo(ei, ElementState::Active));
  RETURN_IF_ERROR(moveTo(ei, ElementState::Completing));
  agenda_.push_back({Step::Complete, ei.id});
  return Status::ok();
}

// Leaves an activity or event by its outgoing flows: those without a
// condition and those whose condition holds; the default flow when none of
// the conditional ones holds.
Status Execution::completeNow(ElementInstance& ei) {
  if (ei.mi && !ei.mi_inner) {
    // A multi-instance body completing: its outputs go to the scope above.
    const model::Element& el = element(ei);
    if (!el.multi_instance->output_collection.empty()) {
      setVariable(scopeOf(ei), el.multi_instance->output_collection, Value(ei.mi->outputs));
    }
  }
  if (ei.mi_inner) {
    ElementInstance& body = scopeOf(ei);
    return innerCompleted(body, ei);
  }
  const model::Element& el = element(ei);
  std::vector<int> taken;
  bool any_conditional = false;
  for (int f : el.outgoing) {
    if (f == el.default_flow) continue;
    const model::Flow& flow = process_.flows[static_cast<size_t>(f)];
    if (!flow.condition) {
      taken.push_back(f);
      continue;
    }
    any_conditional = true;
    Result<bool> holds = evaluateCondition(flow, ei);
    if (!holds.ok()) return raiseIncident(ei, holds.status().message());
    if (*holds) taken.push_back(f);
  }
  if (taken.empty() && el.default_flow >= 0) taken.push_back(el.default_flow);
  if (taken.empty() && any_conditional) {
    return raiseIncident(ei, "no outgoing flow of '" + el.id + "' can be taken");
  }
  return leave(ei, taken);
}

Status Execution::leave(ElementInstance& ei, const std::vector<int>& flows) {
  if (ei.state == ElementState::Activating) RETURN_IF_ERROR(moveTo(ei, ElementState::Active));
  if (ei.state == ElementState::Active) RETURN_IF_ERROR(moveTo(ei, ElementState::Completing));
  RETURN_IF_ERROR(moveTo(ei, ElementState::Completed));
  const model::Element& el = element(ei);
  closeWaits(ei);
  emit("element-completed", el.id);
  const int scope_id = ei.parent;
  state_.elements.erase(ei.id);  // `ei` is gone from here on
  ElementInstance& scope = state_.elements.at(scope_id);
  for (int f : flows) RETURN_IF_ERROR(arrive(scope, f));
  return checkScopeEnd(scope_id);
}

Status Execution::arrive(ElementInstance& scope, int flow) {
  const model::Flow& f = process_.flows[static_cast<size_t>(flow)];
  const model::Element& target = process_.elements[static_cast<size_t>(f.target)];
  if (!isJoiningGateway(target)) return startChild(scope, f.target);
  scope.joins[target.index][flow] += 1;
  if (target.kind == model::ElementKind::ParallelGateway) {
    const auto& arrived = scope.joins[target.index];
    for (int in : target.incoming) {
      auto it = arrived.find(in);
      if (it == arrived.end() || it->second == 0) return Status::ok();
    }
    return fireJoin(scope, target.index);
  }
  return Status::ok();  // inclusive joins are checked when the agenda drains
}

Status Execution::fireJoin(ElementInstance& scope, int gateway) {
  auto& arrived = scope.joins[gateway];
  for (auto it = arrived.begin(); it != arrived.end();) {
    if (--it->second <= 0) {
      it = arrived.erase(it);
    } else {
      ++it;
    }
  }
  if (arrived.empty()) scope.joins.erase(gateway);
  return startChild(scope, gateway);
}

// An inclusive join fires when tokens wait at it and no token of its scope
// can still reach it: neither a live element instance nor a token waiting at
// another join upstream of it.
bool Execution::inclusiveJoinCanFire(const ElementInstance& scope, int gateway) const {
  const model::Element& gw = process_.elements[static_cast<size_t>(gateway)];
  const auto reaches = [&](int element) {
    return element >= 0 && static_cast<size_t>(element) < gw.reachable_from.size() &&
           gw.reachable_from[static_cast<size_t>(element)];
  };
  for (const auto& [id, ei] : state_.elements) {
    if (ei.parent == scope.id && reaches(ei.element)) return false;
  }
  for (const auto& [other, arrivals] : scope.joins) {
    if (other != gateway && !arrivals.empty() && reaches(other)) return false;
  }
  return true;
}

Result<bool> Execution::fireInclusiveJoins() {
  for (auto& [id, scope] : state_.elements) {
    if (scope.joins.empty()) continue;
    for (const auto& [gateway, arrivals] : scope.joins) {
      const model::Element& gw = process_.elements[static_cast<size_t>(gateway)];
      if (gw.kind != model::ElementKind::InclusiveGateway || arrivals.empty()) continue;
      if (inclusiveJoinCanFire(scope, gateway)) {
        RETURN_IF_ERROR(fireJoin(scope, gateway));
        return true;
      }
    }
  }
  return false;
}

bool Execution::hasChildren(int scope_id) const {
  return std::any_of(state_.elements.begin(), state_.elements.end(),
                     [&](const auto& entry) { return entry.second.parent == scope_id; });
}

Status Execution::checkScopeEnd(int scope_id) {
  ElementInstance* scope = state_.find(scope_id);
  if (scope == nullptr || scope->mi) return Status::ok();  // bodies end by their counters
  if (hasChildren(scope_id) || !scope->joins.empty()) return Status::ok();
  if (scope_id == 0) return endInstance();
  if (scope->state == ElementState::Active) return complete(*scope);
  return Status::ok();
}

Status Execution::endInstance() {
  ElementInstance& root = state_.root();
  RETURN_IF_ERROR(moveTo(root, ElementState::Completing));
  RETURN_IF_ERROR(moveTo(root, ElementState::Completed));
  closeWaits(root);
  effects_.close_all_subscriptions = true;
  emit("instance-completed", process_.key);
  if (state_.caller) returnToCaller(Value(root.vars), propagated_error_);
  ended_ = true;
  agenda_.clear();
  return Status::ok();
}

Status Execution::terminateScope(ElementInstance& scope, int except) {
  std::vector<int> children;
  for (const auto& [id, ei] : state_.elements) {
    if (ei.parent == scope.id && id != except) children.push_back(id);
  }
  for (int id : children) {
    if (ElementInstance* child = state_.find(id)) RETURN_IF_ERROR(terminate(*child));
  }
  scope.joins.clear();
  return Status::ok();
}

Status Execution::terminate(ElementInstance& ei) {
  RETURN_IF_ERROR(terminateScope(ei, -1));
  RETURN_IF_ERROR(moveTo(ei, ElementState::Terminated));
  if (!ei.task_id.empty()) {
    effects_.task_changes.push_back({ei.task_id, TaskState::Cancelled, {}});
  }
  if (!ei.job_id.empty()) {
    effects_.job_changes.push_back({ei.job_id, JobState::Cancelled, 0, {}});
  }
  if (!ei.called_instance.empty()) {
    addEngineJob(kCancelCalledJobType, element(ei).id, ei.id,
                 Value(Object{{"instanceId", ei.called_instance}}));
  }
  closeWaits(ei);
  emit("element-terminated", element(ei).id);
  state_.elements.erase(ei.id);
  return Status::ok();
}

Status Execution::raiseIncident(ElementInstance& ei, const std::string& message) {
  ei.incident_on_leave = ei.state == ElementState::Completing;
  ei.incident = message;
  RETURN_IF_ERROR(moveTo(ei, ElementState::Incident));
  incident_ = true;
  Object data;
  data["message"] = message;
  emit("incident-raised", ei.element >= 0 ? element(ei).id : process_.key, Value(std::move(data)));
  return Status::ok();
}

}  // namespace wf::runtime
