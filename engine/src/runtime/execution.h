// Execution: runs the tokens of one process instance for one command, until
// every token waits (a user task, a job, a join) or the instance ends.
//
// It works on an InstanceRuntime in memory and records what else must be
// written — history events, tasks, jobs — in Effects; the command processor
// writes both in the command's transaction. It never touches the store.
//
// Element kinds are behaviours in elements/ (one file each); what they share
// (leaving by flows, joins, scopes and variables, multi-instance, tasks and
// jobs, incidents) lives in behaviors/. Not thread-safe: one per command.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "calendar/working_calendar.h"
#include "model/model.h"
#include "runtime/instance_runtime.h"
#include "wf/ports/clock.h"
#include "wf/ports/id_generator.h"
#include "wf/ports/store.h"

namespace wf::runtime {

struct PendingEvent {
  std::string type;
  std::string element_id;
  Value data;
};

struct TaskChange {
  std::string id;
  TaskState state;
  std::string assignee;
};

struct JobChange {
  std::string id;
  JobState state;
  int retries = 0;
  std::string error;
  int64_t due_at = 0;
};

// Everything a command writes besides the instance row.
struct Effects {
  std::vector<PendingEvent> events;
  std::vector<StoredTask> new_tasks;
  std::vector<TaskChange> task_changes;
  std::vector<StoredJob> new_jobs;
  std::vector<JobChange> job_changes;
  std::vector<JobInfo> retried_jobs;  // failed jobs to run again when due
};

// Evaluates the latest deployed version of a decision; business rule tasks
// call it. Implemented by the engine over its deployed decisions.
class Decisions {
 public:
  virtual ~Decisions() = default;
  virtual Result<Value> evaluate(const std::string& decision_id, const Value& inputs) = 0;
};

// The working-day calendars due dates count in (hall:calendar, P5WD).
class Calendars {
 public:
  virtual ~Calendars() = default;
  // The calendar `id`, or the default one when `id` is empty.
  virtual Result<std::shared_ptr<const calendar::WorkingCalendar>> find(const std::string& id) = 0;
  // The local time whose dates working days are counted in.
  virtual int utcOffsetMinutes() const = 0;
};

// The job type of timers; the engine itself completes them when due.
inline constexpr const char* kTimerJobType = "wf.timer";

struct InstanceIdentity {
  std::string id;
  std::string definition_key;
};

class Execution {
 public:
  Execution(const model::Process& process, InstanceIdentity identity, InstanceRuntime& state,
            Effects& effects, const Clock& clock, IdGenerator& ids, Decisions* decisions = nullptr,
            Calendars* calendars = nullptr);

  // Commands.
  Status start(const Value& variables);
  // Completes a waiting user task or service task element instance, after
  // merging `variables` into its scope chain.
  Status completeWaiting(int element_instance, const Value& variables);
  // Resolves the incident of an element instance after merging `variables`:
  // retry repeats the step that failed (activation, leaving, or the job);
  // skip completes the element as if its work were done. Conflict when it
  // has no incident, or when skipping a gateway (it would not know its flow).
  Status resolveIncident(int element_instance, const Value& variables, bool skip);
  // Ends every token (their tasks and jobs are cancelled): the instance is
  // being cancelled.
  Status cancel(const std::string& reason);

  bool ended() const { return ended_; }
  bool incident() const { return incident_; }

  // --- Used by element behaviours (elements/) -----------------------------
  const model::Process& process() const { return process_; }
  const model::Element& element(const ElementInstance& ei) const;
  const InstanceIdentity& identity() const { return identity_; }
  int64_t now() const;
  IdGenerator& ids() { return ids_; }
  // Null when the execution runs without decisions (a business rule task
  // then raises an incident).
  Decisions* decisions() { return decisions_; }
  // Null when the execution runs without deployed calendars (working days
  // then skip weekends only).
  Calendars* calendars() { return calendars_; }
  Effects& effects() { return effects_; }

  // The element is done: leave by its outgoing flows (conditions evaluated).
  Status complete(ElementInstance& ei);
  // Leave by exactly these flows (gateways choose them).
  Status leave(ElementInstance& ei, const std::vector<int>& flows);
  // The element waits for a command (a user task, a job).
  Status wait(ElementInstance& ei);
  // Stops this token with an incident; other tokens go on.
  Status raiseIncident(ElementInstance& ei, const std::string& message);
  // Starts a child token at `element` inside the scope `scope`.
  Status startChild(ElementInstance& scope, int element);
  // Ends every other token of the scope (terminate end event).
  Status terminateScope(ElementInstance& scope, int except);

  // Variables: lookup walks the scope chain up to the process.
  Result<Value> evaluate(const expr::Expression& e, const ElementInstance& ei) const;
  Result<bool> evaluateCondition(const model::Flow& flow, const ElementInstance& ei) const;
  // Sets where the name is already defined in the chain, else at the process.
  void setVariable(const ElementInstance& from, const std::string& name, Value value);
  Status mergeVariables(const ElementInstance& from, const Value& variables);
  Object visibleVariables(const ElementInstance& ei) const;

  // User tasks, jobs and timers (a timer is a job of kTimerJobType that the
  // engine completes itself when it falls due).
  Status createUserTask(ElementInstance& ei);
  Status createJob(ElementInstance& ei);
  Status createTimer(ElementInstance& ei);
  // The due time of `el`'s `due` evaluated in `ei`'s scope (a date-time, a
  // date, or now plus a duration whose working days count in its calendar).
  Result<int64_t> dueDate(const model::Element& el, const ElementInstance& ei, int64_t now);
  // A boundary timer fell due: its event's token starts in the host's scope;
  // an interrupting one ends the host first. Nothing when the host has
  // left already.
  Status fireBoundary(int host, int boundary_element, const std::string& job_id);

  void emit(std::string type, const std::string& element_id, Value data = Value());

  ElementInstance& scopeOf(const ElementInstance& ei);
  const ElementInstance& scopeOf(const ElementInstance& ei) const;

 private:
  enum class Step { Activate, Complete };
  struct Action {
    Step step;
    int ei;
  };

  Status run();
  Status activate(ElementInstance& ei);
  Status completeNow(ElementInstance& ei);
  Status arrive(ElementInstance& scope, int flow);
  Status fireJoin(ElementInstance& scope, int gateway);
  Result<bool> fireInclusiveJoins();
  bool inclusiveJoinCanFire(const ElementInstance& scope, int gateway) const;
  Status checkScopeEnd(int scope_id);
  Status endInstance();
  bool hasChildren(int scope_id) const;
  Status terminate(ElementInstance& ei);
  // Adds the job of a timer (a catch event, or a boundary event whose
  // host is `waiting`) due at `due`; returns its id.
  std::string addTimerJob(const model::Element& timer, const ElementInstance& waiting,
                          int64_t due);
  // Arms the timers of an activity's boundary events, once it waits.
  Status armBoundaryTimers(ElementInstance& host);
  void cancelBoundaryTimers(ElementInstance& host);
  Status moveTo(ElementInstance& ei, ElementState to);

  // Multi-instance (behaviors/multi_instance.cpp).
  Status activateBody(ElementInstance& body);
  Status startInner(ElementInstance& body, int index);
  Status innerCompleted(ElementInstance& body, ElementInstance& inner);

  const model::Process& process_;
  InstanceIdentity identity_;
  InstanceRuntime& state_;
  Effects& effects_;
  const Clock& clock_;
  IdGenerator& ids_;
  Decisions* decisions_;
  Calendars* calendars_;
  std::deque<Action> agenda_;
  bool ended_ = false;
  bool incident_ = false;
  int steps_ = 0;
};

}  // namespace wf::runtime
