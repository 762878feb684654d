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
#include <map>
#include <optional>
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

// Subscriptions that close: those of an element instance, or (with an
// element id) of one catching element there.
struct SubscriptionClose {
  int element_instance = 0;
  std::string element_id;
};

// A message id and what it did, recorded with the command it caused.
struct MessageOutcome {
  std::string message_id;
  std::string outcome;  // JSON
};

// Everything a command writes besides the instance row.
struct Effects {
  std::vector<PendingEvent> events;
  std::vector<StoredTask> new_tasks;
  std::vector<TaskChange> task_changes;
  std::vector<StoredJob> new_jobs;
  std::vector<JobChange> job_changes;
  std::vector<JobInfo> retried_jobs;  // failed jobs to run again when due
  std::vector<StoredSubscription> new_subscriptions;
  std::vector<SubscriptionClose> closed_subscriptions;
  bool close_all_subscriptions = false;  // the instance ended
  // Tasks and jobs whose element is now another one (a migration).
  struct ElementMove {
    bool task = true;  // else a job
    std::string id;
    std::string element_id;
  };
  std::vector<ElementMove> moved;
  bool migrated = false;                       // the instance row names another definition
  std::vector<std::string> consumed_messages;  // buffered messages taken
  std::optional<MessageOutcome> message_outcome;
};

// Evaluates the latest deployed version of a decision; business rule tasks
// call it. Implemented by the engine over its deployed decisions.
class Decisions {
 public:
  virtual ~Decisions() = default;
  virtual Result<Value> evaluate(const std::string& decision_id, const Value& inputs) = 0;
  // Whether tasks of `queue` are ranked by a decision (so a task keeps a
  // snapshot of the variables the decision reads).
  virtual bool ranksQueue(const std::string& queue) = 0;
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

// Messages that arrived before anything waited for them; a message catch
// takes the oldest that matches when its subscription opens.
class MessageBuffer {
 public:
  virtual ~MessageBuffer() = default;
  virtual Result<std::vector<BufferedMessage>> buffered(const std::string& name,
                                                        const std::string& key) = 0;
};

// The job type of timers; the engine itself completes them when due.
inline constexpr const char* kTimerJobType = "wf.timer";
// Jobs the engine runs itself: start a called instance; tell a caller that
// its called instance ended; cancel a called instance; broadcast a signal.
inline constexpr const char* kCallJobType = "wf.call";
inline constexpr const char* kCallReturnJobType = "wf.call-return";
inline constexpr const char* kCancelCalledJobType = "wf.cancel-called";
inline constexpr const char* kSignalJobType = "wf.signal";
// Fires a process-level timer start event (a job of the definition, not of
// an instance).
inline constexpr const char* kStartTimerJobType = "wf.start-timer";

struct InstanceIdentity {
  std::string id;
  std::string definition_key;
};

class Execution {
 public:
  Execution(const model::Process& process, InstanceIdentity identity, InstanceRuntime& state,
            Effects& effects, const Clock& clock, IdGenerator& ids, Decisions* decisions = nullptr,
            Calendars* calendars = nullptr, MessageBuffer* messages = nullptr);

  // Commands.
  // Starts at `start_event` (an element index), or at the none start event.
  Status start(const Value& variables, int start_event = -1);
  // The event that `catching` (an element index) waits for has occurred
  // for element instance `waiting`: a message or signal (`variables` is its
  // payload), or a timer (`timer` is its job). Conflict when it no longer
  // waits.
  Status trigger(int waiting, int catching, const Value& variables, const JobInfo* timer = nullptr);
  // A job's worker reported a BPMN error: it is thrown from the job's
  // element instance (its boundary events catch it first).
  Status throwJobError(int element_instance, const std::string& code, const std::string& message,
                       const Value& variables);
  // The instance a call activity started has ended: its variables come
  // back through the outputs; an error it did not catch is thrown here.
  Status calledInstanceEnded(int element_instance, const Value& variables,
                             const std::string& error_code);
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
  // Moves every element instance from `from` (the instance's version) to
  // this execution's process as `plan` maps them: waits close and open
  // again as the target version defines them (boundary events, event
  // sub-processes, messages); tasks and jobs stay, now of their new element.
  Status migrate(const model::Process& from, const std::map<int, int>& plan,
                 const std::string& from_id, const std::string& to_id);

  bool ended() const { return ended_; }
  InstanceRuntime& state() { return state_; }
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
  // Evaluates against the given variables only (not this instance's).
  Result<Value> evaluateIn(const expr::Expression& e, const Value& variables) const;
  Result<bool> evaluateCondition(const model::Flow& flow, const ElementInstance& ei) const;
  // Sets where the name is already defined in the chain, else at the process.
  void setVariable(const ElementInstance& from, const std::string& name, Value value);
  Status mergeVariables(const ElementInstance& from, const Value& variables);
  Object visibleVariables(const ElementInstance& ei) const;

  // User tasks and jobs; timers (a job of kTimerJobType that the engine
  // completes itself when it falls due) are opened by subscribe().
  Status createUserTask(ElementInstance& ei);
  Status createJob(ElementInstance& ei);
  // The due time of `el`'s `due` evaluated in `ei`'s scope (a date-time, a
  // date, or now plus a duration whose working days count in its calendar).
  Result<int64_t> dueDate(const model::Element& el, const ElementInstance& ei, int64_t now);
  // A time given by `when` (a date-time, a date, or a duration from `now`
  // counted in `el`'s calendar).
  Result<int64_t> timeFrom(const expr::Expression& when, bool is_duration, const model::Element& el,
                           const ElementInstance& ei, int64_t now);
  // Opens what `waiting` waits for through `catching`: a subscription to
  // its message or signal, or its timer.
  Status subscribe(ElementInstance& waiting, const model::Element& catching);
  // Opens the start events of a scope's event sub-processes.
  Status openEventSubProcesses(ElementInstance& scope);
  // Throws an error or an escalation from `from` up its scopes. An uncaught
  // error ends a called instance (its caller may catch it), ends an error
  // end event's token, and is an incident anywhere else; an uncaught
  // escalation changes nothing. Returns whether `from` still stands.
  Result<bool> throwEvent(ElementInstance& from, model::Trigger kind, const std::string& code,
                          const std::string& message);
  // Adds a job the engine runs itself (kCallJobType …).
  std::string addEngineJob(const char* type, const std::string& element_id, int element_instance,
                           Value variables, const std::string& instance_id = {});
  // A throw event's signal: broadcast by a job after the command commits.
  void broadcastSignal(const model::Element& thrower, const ElementInstance& ei);

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
  // trigger() without running the agenda afterwards.
  Status triggerNow(ElementInstance& waiting, int catching, const Value& variables,
                    const JobInfo* timer);
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
  std::string addTimerJob(const model::Element& timer, const ElementInstance& waiting, int64_t due,
                          Value data = Value(Object{}));
  // The first due time of a timer element (a date, a duration from now, or
  // a cycle's first firing); `repeat` gets a cycle's remaining firings.
  Result<int64_t> timerDue(const model::Element& timer, const ElementInstance& ei, int* repeat);
  // Arms the events of an activity's boundary events, once it waits.
  Status armBoundaryEvents(ElementInstance& host);
  // Cancels an element instance's timers and closes its subscriptions.
  void closeWaits(ElementInstance& ei);
  // Fires a boundary event of `host`: its token starts in the host's scope;
  // an interrupting one ends the host first.
  Status fireBoundaryEvent(ElementInstance& host, const model::Element& boundary);
  // Leaves an event-based gateway towards `target`, which has occurred.
  Status passEventGateway(ElementInstance& gateway, const model::Element& target);
  // Starts event sub-process `sub` in `scope`; an interrupting one ends
  // every other token of the scope first.
  Status startEventSubProcess(ElementInstance& scope, const model::Element& sub);
  // Arms the next firing of a repeating timer that fired.
  void rearmCycle(ElementInstance& waiting, const model::Element& catching, const JobInfo& fired);
  // Takes a buffered message for a subscription just opened, if one waits.
  Status takeBufferedMessage(ElementInstance& waiting, const model::Element& catching,
                             const std::string& key);
  // Messages found in the buffer while subscriptions opened; triggered
  // once the agenda is empty.
  struct EarlyMessage {
    int waiting;
    int catching;
    Value variables;
  };
  std::vector<EarlyMessage> early_messages_;
  // Ends the instance's caller's call activity (a job on the caller).
  void returnToCaller(const Value& variables, const std::string& error_code);
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
  MessageBuffer* messages_;
  std::deque<Action> agenda_;
  bool ended_ = false;
  bool incident_ = false;
  std::string propagated_error_;  // an uncaught error that ends a called instance
  int steps_ = 0;
};

}  // namespace wf::runtime
