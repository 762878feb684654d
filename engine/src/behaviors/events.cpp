// Events that a token waits for or throws: timers, messages and signals it
// subscribes to (its own, its boundary events', an event-based gateway's
// targets', its scope's event sub-processes'), and errors and escalations
// that travel up the scopes until something catches them.
//
// A subscription belongs to the element instance that waits (`waiting`) and
// names the element that catches (`catching`); it closes when the waiting
// instance leaves or is terminated (closeWaits), so nothing can fire for a
// token that has moved on.
#include <algorithm>
#include <cmath>

#include "calendar/timer_cycle.h"
#include "runtime/execution.h"

namespace wf::runtime {

namespace {

using model::ElementKind;
using model::Trigger;

// A correlation key as text: numbers without a fractional part print as
// integers, so a key 42 matches "42".
std::string keyText(const Value& v) {
  if (v.isString()) return v.asString();
  if (v.isNumber()) {
    const double d = v.asNumber();
    if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<int64_t>(d));
  }
  return v.toJson();
}

// Among `candidates` (element indices, or start events via `start_of`),
// the one catching `kind` with exactly `code`, else one catching any code.
template <typename Resolve>
const model::Element* bestCatch(const std::vector<int>& candidates, Resolve resolve, Trigger kind,
                                const std::string& code) {
  const model::Element* any = nullptr;
  for (int c : candidates) {
    const model::Element* e = resolve(c);
    if (e == nullptr || e->trigger != kind) continue;
    if (e->event_name == code) return e;
    if (e->event_name.empty() && any == nullptr) any = e;
  }
  return any;
}

}  // namespace

Result<int64_t> Execution::timerDue(const model::Element& timer, const ElementInstance& ei,
                                    int* repeat) {
  if (timer.cycle) {
    ASSIGN_OR_RETURN(Value v, evaluate(*timer.cycle, ei));
    if (!v.isString()) {
      return Status::invalid(std::string("the timer cycle is a ") + valueKindName(v.kind()) +
                             ", not text like R/PT1H");
    }
    const std::optional<calendar::TimerCycle> cycle = calendar::parseTimerCycle(v.asString());
    if (!cycle) {
      return Status::invalid("timer cycle '" + v.asString() +
                             "' is not an ISO 8601 repeating interval (like R/PT1H)");
    }
    if (repeat != nullptr) *repeat = cycle->repetitions;
    return cycle->firstDue(now());
  }
  if (repeat != nullptr) *repeat = 0;
  return dueDate(timer, ei, now());
}

Status Execution::subscribe(ElementInstance& waiting, const model::Element& catching) {
  if (catching.trigger == Trigger::Timer) {
    int repeat = 0;
    Result<int64_t> due = timerDue(catching, waiting, &repeat);
    if (!due.ok()) {
      return raiseIncident(waiting, "timer of '" + catching.id + "': " + due.status().message());
    }
    Value data = catching.cycle ? Value(Object{{"repeat", repeat}}) : Value(Object{});
    const std::string job = addTimerJob(catching, waiting, *due, std::move(data));
    if (catching.index == waiting.element) {
      waiting.job_id = job;
    } else if (catching.kind == ElementKind::StartEvent) {
      waiting.event_jobs.push_back(job);
    } else {
      waiting.boundary_jobs.push_back(job);
    }
    return Status::ok();
  }
  if (catching.trigger != Trigger::Message && catching.trigger != Trigger::Signal) {
    return Status::ok();  // errors and escalations are caught on their way up
  }
  const bool message = catching.trigger == Trigger::Message;
  std::string key;
  if (message && catching.correlation_key) {
    Result<Value> k = evaluate(*catching.correlation_key, waiting);
    if (!k.ok() || k->isNull()) {
      return raiseIncident(
          waiting, "correlation key of '" + catching.id + "' " +
                       (k.ok() ? std::string("is null") : "failed: " + k.status().message()));
    }
    key = keyText(*k);
  }
  StoredSubscription sub;
  sub.kind = model::triggerName(catching.trigger);
  sub.name = catching.event_name;
  sub.correlation_key = key;
  sub.instance_id = identity_.id;
  sub.element_instance = waiting.id;
  sub.element_id = catching.id;
  sub.created_at = now();
  effects_.new_subscriptions.push_back(std::move(sub));
  waiting.subscribed = true;
  Object data{{"kind", model::triggerName(catching.trigger)}, {"name", catching.event_name}};
  if (message) data["correlationKey"] = key;
  emit("subscription-opened", catching.id, Value(std::move(data)));
  return message ? takeBufferedMessage(waiting, catching, key) : Status::ok();
}

Status Execution::takeBufferedMessage(ElementInstance& waiting, const model::Element& catching,
                                      const std::string& key) {
  if (messages_ == nullptr) return Status::ok();
  ASSIGN_OR_RETURN(std::vector<BufferedMessage> found,
                   messages_->buffered(catching.event_name, key));
  auto& taken = effects_.consumed_messages;
  for (BufferedMessage& m : found) {
    if (std::find(taken.begin(), taken.end(), m.id) != taken.end()) continue;
    taken.push_back(m.id);
    emit("buffered-message-taken", catching.id, Value(Object{{"messageId", m.message_id}}));
    early_messages_.push_back({waiting.id, catching.index, std::move(m.variables)});
    return Status::ok();
  }
  return Status::ok();
}

Status Execution::openEventSubProcesses(ElementInstance& scope) {
  const std::vector<int>& subs =
      scope.element < 0 ? process_.event_subprocesses : element(scope).event_subprocesses;
  for (int sub : subs) {
    const model::Element& sp = process_.elements[static_cast<size_t>(sub)];
    RETURN_IF_ERROR(subscribe(scope, process_.elements[static_cast<size_t>(sp.start_event)]));
    if (scope.state == ElementState::Incident) break;
  }
  return Status::ok();
}

Status Execution::armBoundaryEvents(ElementInstance& host) {
  for (int b : element(host).boundary_events) {
    RETURN_IF_ERROR(subscribe(host, process_.elements[static_cast<size_t>(b)]));
    if (host.state == ElementState::Incident) break;
  }
  return Status::ok();
}

void Execution::closeWaits(ElementInstance& ei) {
  for (const auto* jobs : {&ei.boundary_jobs, &ei.event_jobs}) {
    for (const std::string& job : *jobs) {
      effects_.job_changes.push_back({job, JobState::Cancelled, 0, {}});
    }
  }
  ei.boundary_jobs.clear();
  ei.event_jobs.clear();
  if (ei.subscribed) {
    effects_.closed_subscriptions.push_back({ei.id, {}});
    ei.subscribed = false;
  }
}

Status Execution::trigger(int waiting, int catching, const Value& variables, const JobInfo* timer) {
  ElementInstance* w = state_.find(waiting);
  if (w == nullptr || w->state != ElementState::Active) {
    return Status::conflict("element instance " + std::to_string(waiting) + " no longer waits");
  }
  RETURN_IF_ERROR(triggerNow(*w, catching, variables, timer));
  return run();
}

Status Execution::triggerNow(ElementInstance& waiting, int catching, const Value& variables,
                             const JobInfo* timer) {
  const model::Element& c = process_.elements[static_cast<size_t>(catching)];
  if (timer != nullptr) {
    for (auto* jobs : {&waiting.boundary_jobs, &waiting.event_jobs}) {
      jobs->erase(std::remove(jobs->begin(), jobs->end(), timer->id), jobs->end());
    }
    if (waiting.job_id == timer->id) waiting.job_id.clear();
    if (c.cycle) rearmCycle(waiting, c, *timer);
  }
  emit("event-occurred", c.id, Value(Object{{"trigger", model::triggerName(c.trigger)}}));
  RETURN_IF_ERROR(mergeVariables(waiting, variables));
  if (c.kind == ElementKind::BoundaryEvent) return fireBoundaryEvent(waiting, c);
  if (waiting.element == c.index) return complete(waiting);
  if (waiting.element >= 0 && element(waiting).kind == ElementKind::EventBasedGateway) {
    return passEventGateway(waiting, c);
  }
  if (c.kind == ElementKind::StartEvent && c.parent >= 0) {
    return startEventSubProcess(waiting, process_.elements[static_cast<size_t>(c.parent)]);
  }
  return Status::internal("element '" + c.id + "' does not catch for element instance " +
                          std::to_string(waiting.id));
}

void Execution::rearmCycle(ElementInstance& waiting, const model::Element& catching,
                           const JobInfo& fired) {
  // Only what keeps waiting repeats: an interrupting boundary event or
  // event sub-process ends the wait it fired for.
  if (catching.cancel_activity) return;
  Result<Value> text = evaluate(*catching.cycle, waiting);
  if (!text.ok() || !text->isString()) return;
  const std::optional<calendar::TimerCycle> cycle = calendar::parseTimerCycle(text->asString());
  if (!cycle) return;
  const Value* r = fired.variables.find("repeat");
  const std::optional<calendar::Firing> next = cycle->after(
      {fired.due_at, r != nullptr && r->isNumber() ? static_cast<int>(r->asNumber()) : -1}, now());
  if (!next) return;  // that was the last firing
  const std::string job =
      addTimerJob(catching, waiting, next->due, Value(Object{{"repeat", next->repeat}}));
  (catching.kind == ElementKind::StartEvent ? waiting.event_jobs : waiting.boundary_jobs)
      .push_back(job);
}

Status Execution::fireBoundaryEvent(ElementInstance& host, const model::Element& boundary) {
  emit("boundary-triggered", boundary.id,
       Value(Object{{"interrupting", boundary.cancel_activity}}));
  ElementInstance& scope = scopeOf(host);
  RETURN_IF_ERROR(startChild(scope, boundary.index));
  if (boundary.cancel_activity) RETURN_IF_ERROR(terminate(host));
  return Status::ok();
}

Status Execution::passEventGateway(ElementInstance& gateway, const model::Element& target) {
  const int scope_id = gateway.parent;
  RETURN_IF_ERROR(moveTo(gateway, ElementState::Completing));
  RETURN_IF_ERROR(moveTo(gateway, ElementState::Completed));
  closeWaits(gateway);
  emit("element-completed", element(gateway).id);
  state_.elements.erase(gateway.id);  // `gateway` is gone from here on
  // The target's event has occurred already: it is entered and left at once.
  ElementInstance& child = state_.create(target.index, scope_id);
  emit("element-activated", target.id);
  return complete(child);
}

Status Execution::startEventSubProcess(ElementInstance& scope, const model::Element& sub) {
  const model::Element& start = process_.elements[static_cast<size_t>(sub.start_event)];
  emit("event-subprocess-triggered", sub.id,
       Value(Object{{"interrupting", start.cancel_activity}}));
  if (start.cancel_activity) {
    RETURN_IF_ERROR(terminateScope(scope, -1));
    const std::vector<int>& subs =
        scope.element < 0 ? process_.event_subprocesses : element(scope).event_subprocesses;
    for (int s : subs) {
      const model::Element& other = process_.elements[static_cast<size_t>(s)];
      effects_.closed_subscriptions.push_back(
          {scope.id, process_.elements[static_cast<size_t>(other.start_event)].id});
    }
    for (const std::string& job : scope.event_jobs) {
      effects_.job_changes.push_back({job, JobState::Cancelled, 0, {}});
    }
    scope.event_jobs.clear();
  }
  return startChild(scope, sub.index);
}

Result<bool> Execution::throwEvent(ElementInstance& from, Trigger kind, const std::string& code,
                                   const std::string& message) {
  const int from_id = from.id;
  const char* what = kind == Trigger::Error ? "error" : "escalation";
  const auto start_of = [&](int sub) {
    const model::Element& sp = process_.elements[static_cast<size_t>(sub)];
    return &process_.elements[static_cast<size_t>(sp.start_event)];
  };
  const auto itself = [&](int b) { return &process_.elements[static_cast<size_t>(b)]; };
  emit(std::string(what) + "-thrown", element(from).id, Value(Object{{"code", code}}));
  for (ElementInstance* cur = &from; cur != nullptr;) {
    const model::Element* el = cur->element >= 0 ? &element(*cur) : nullptr;
    if (cur->scope && !cur->mi) {
      const std::vector<int>& subs =
          el != nullptr ? el->event_subprocesses : process_.event_subprocesses;
      if (const model::Element* start = bestCatch(subs, start_of, kind, code)) {
        emit(std::string(what) + "-caught", start->id, Value(Object{{"code", code}}));
        RETURN_IF_ERROR(
            startEventSubProcess(*cur, process_.elements[static_cast<size_t>(start->parent)]));
        return state_.find(from_id) != nullptr;
      }
    }
    // The boundary events of a multi-instance activity hang on its body.
    if (el != nullptr && !cur->mi_inner) {
      if (const model::Element* b = bestCatch(el->boundary_events, itself, kind, code)) {
        emit(std::string(what) + "-caught", b->id, Value(Object{{"code", code}}));
        RETURN_IF_ERROR(fireBoundaryEvent(*cur, *b));
        return state_.find(from_id) != nullptr;
      }
    }
    cur = cur->parent < 0 ? nullptr : state_.find(cur->parent);
  }
  if (kind == Trigger::Escalation) return true;  // not critical: the thrower goes on
  if (state_.caller) {
    // The calling process may catch it on its call activity.
    emit("error-propagated", process_.key, Value(Object{{"code", code}}));
    RETURN_IF_ERROR(terminateScope(state_.root(), -1));
    propagated_error_ = code;
    RETURN_IF_ERROR(endInstance());
    return false;
  }
  if (element(from).kind == ElementKind::EndEvent) {
    // An error end event that nothing catches ends its token like a none
    // end event (as BPMN engines commonly do); the history says so.
    emit("error-uncaught", element(from).id, Value(Object{{"code", code}}));
    return true;
  }
  RETURN_IF_ERROR(raiseIncident(
      from, "unhandled error '" + code + "'" + (message.empty() ? "" : ": " + message)));
  return true;
}

void Execution::broadcastSignal(const model::Element& thrower, const ElementInstance& ei) {
  emit("signal-thrown", thrower.id, Value(Object{{"name", thrower.event_name}}));
  addEngineJob(kSignalJobType, thrower.id, ei.id,
               Value(Object{{"name", thrower.event_name}, {"variables", Value(Object{})}}));
}

void Execution::returnToCaller(const Value& variables, const std::string& error_code) {
  const Caller& caller = *state_.caller;
  addEngineJob(
      kCallReturnJobType, caller.element_id, caller.element_instance,
      Value(Object{
          {"variables", variables}, {"error", error_code}, {"calledInstance", identity_.id}}),
      caller.instance_id);
}

Status Execution::throwJobError(int element_instance, const std::string& code,
                                const std::string& message, const Value& variables) {
  ElementInstance* ei = state_.find(element_instance);
  if (ei == nullptr || ei->state != ElementState::Active) {
    return Status::conflict("element instance " + std::to_string(element_instance) +
                            " is not waiting");
  }
  ei->job_id.clear();
  RETURN_IF_ERROR(mergeVariables(*ei, variables));
  ASSIGN_OR_RETURN(bool stands, throwEvent(*ei, Trigger::Error, code, message));
  (void)stands;
  return run();
}

Status Execution::calledInstanceEnded(int element_instance, const Value& variables,
                                      const std::string& error_code) {
  ElementInstance* ei = state_.find(element_instance);
  if (ei == nullptr || ei->state != ElementState::Active) {
    return Status::conflict("call activity instance " + std::to_string(element_instance) +
                            " is not waiting");
  }
  ei->called_instance.clear();
  ei->job_id.clear();
  if (!error_code.empty()) {
    ASSIGN_OR_RETURN(bool stands, throwEvent(*ei, Trigger::Error, error_code,
                                             "the called process ended with this error"));
    (void)stands;
    return run();
  }
  const model::Element& el = element(*ei);
  const Value called = variables.isObject() ? variables : Value(Object{});
  if (el.pass_all_out) {
    for (const auto& [name, value] : called.asObject()) setVariable(*ei, name, value);
  }
  for (const model::VariableMapping& m : el.outputs) {
    Result<Value> v = evaluateIn(m.source, called);
    if (!v.ok()) return raiseIncident(*ei, "output '" + m.target + "': " + v.status().message());
    setVariable(*ei, m.target, std::move(v).value());
  }
  RETURN_IF_ERROR(complete(*ei));
  return run();
}

}  // namespace wf::runtime
