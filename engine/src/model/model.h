// The executable model: what the BPMN reader produces from XML and the
// runtime executes. Immutable once built; shared between threads by
// shared_ptr<const Definitions>.
//
// Elements and flows of one process live in flat vectors and refer to each
// other by index, so a model is cheap to walk and holds no pointers into
// itself. An embedded sub-process is an element whose `children` are indices
// into the same vector; `parent` points back (-1 for the process level).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "expr/expression.h"
#include "wf/diagnostic.h"

namespace wf::model {

using SourceLocation = wf::SourceLocation;

enum class ElementKind {
  StartEvent,
  EndEvent,
  Task,  // bpmn:task and bpmn:manualTask: pass through
  UserTask,
  ServiceTask,             // becomes a job of `connector_type`
  ScriptTask,              // evaluates `script`, stores it in `result_variable`
  BusinessRuleTask,        // evaluates decision `decision_ref`, stores it in `result_variable`
  ReceiveTask,             // waits for message `event_name`
  IntermediateCatchEvent,  // waits for its `trigger`: a timer, a message or a signal
  IntermediateThrowEvent,  // none (passes), signal, escalation, or message (a job)
  BoundaryEvent,           // on an activity: timer, message, signal, error or escalation
  ExclusiveGateway,
  ParallelGateway,
  InclusiveGateway,
  EventBasedGateway,  // waits for the first of the events its flows lead to
  SubProcess,         // embedded; an event sub-process when `triggered_by_event`
  CallActivity,       // starts an instance of `called_element` and waits for it to end
};

// What an event catches or throws (its event definition).
enum class Trigger { None, Timer, Message, Signal, Error, Escalation, Terminate };

const char* triggerName(Trigger trigger);

// Where a call activity's variables come from and go to: `target` is set
// to `source` evaluated in the other instance's scope.
struct VariableMapping {
  expr::Expression source;
  std::string target;
};

const char* elementKindName(ElementKind kind);

struct MultiInstance {
  bool sequential = false;
  std::optional<expr::Expression>
      input_collection;  // zeebe:loopCharacteristics or camunda:collection
  std::optional<expr::Expression> loop_cardinality;  // bpmn:loopCardinality
  std::string input_element;                         // element variable name
  std::optional<expr::Expression> completion_condition;
  std::string output_collection;                   // optional
  std::optional<expr::Expression> output_element;  // optional
};

struct Flow {
  int index = -1;
  std::string id;
  std::string name;
  int source = -1;  // element index
  int target = -1;  // element index
  std::optional<expr::Expression> condition;
  SourceLocation loc;
};

struct Element {
  int index = -1;
  std::string id;
  std::string name;
  ElementKind kind = ElementKind::Task;
  int parent = -1;            // index of the enclosing sub-process, -1 for the process
  std::vector<int> incoming;  // flow indices
  std::vector<int> outgoing;  // flow indices
  int default_flow = -1;      // flow index, for exclusive/inclusive gateways and activities
  SourceLocation loc;

  // Events: what they catch or throw, and its name — the message or signal
  // name, or the error or escalation code (empty on a catch: any code).
  Trigger trigger = Trigger::None;
  std::string event_name;
  // Message catch events and receive tasks: the value a message's
  // correlation key must equal, evaluated when the subscription opens.
  std::optional<expr::Expression> correlation_key;
  // Timers that repeat (a start event's or non-interrupting boundary
  // event's timeCycle, R[n]/start/period or R[n]/period).
  std::optional<expr::Expression> cycle;

  // User task (hall: and camunda: extensions); `due` and `calendar` also
  // give a timer catch event its time (timeDuration or timeDate).
  std::string queue;
  // hall:queue="=expr": the queue is chosen per instance (a visit waits in
  // the queue its ticket was taken for).
  std::optional<expr::Expression> queue_expr;
  std::vector<std::string> candidate_groups;
  std::vector<std::string> candidate_users;
  std::optional<expr::Expression> assignee;
  std::optional<expr::Expression> priority;  // number; default 50
  std::optional<expr::Expression> due;  // hall:dueIn (a duration) or camunda:dueDate (a date-time)
  bool due_is_duration = false;         // true for hall:dueIn
  // hall:followUpIn (a duration) or camunda:followUpDate (a date-time).
  std::optional<expr::Expression> follow_up;
  bool follow_up_is_duration = false;
  std::string form_key;
  std::string calendar;  // hall:calendar: the working-day calendar of its due date

  // Service task.
  std::string connector_type;
  int retries = 3;

  // Script task (and business rule task: the result variable).
  std::optional<expr::Expression> script;
  std::string result_variable;

  // Business rule task: the id of the decision (latest deployed version).
  std::string decision_ref;

  // Sub-process: child element indices, and the index of its none start event.
  std::vector<int> children;
  int start_event = -1;
  // An event sub-process starts when the event of its start event occurs
  // while its enclosing scope is active; `cancel_activity` on that start
  // event says whether it interrupts the scope.
  bool triggered_by_event = false;
  // A scope (sub-process) lists its event sub-processes.
  std::vector<int> event_subprocesses;

  // Call activity: the process key it starts, which version, and the
  // variables passed in and out. With `pass_all`, every variable goes in
  // and every variable of the called instance comes back out.
  std::string called_element;
  std::string binding = "latest";  // latest, deployment, or version
  int called_version = 0;          // for binding "version"
  std::vector<VariableMapping> inputs;
  std::vector<VariableMapping> outputs;
  bool pass_all_in = false;
  bool pass_all_out = false;

  std::optional<MultiInstance> multi_instance;

  // Boundary event: the activity it is attached to, and whether firing
  // interrupts (ends) it. An activity lists its boundary events.
  std::string attached_to_id;
  int attached_to = -1;
  bool cancel_activity = true;
  std::vector<int> boundary_events;

  // Inclusive join: for every element of the same scope, whether a token
  // there can still reach this gateway without passing through it.
  // Indexed by element index; empty for other kinds. Filled by the reader.
  std::vector<bool> reachable_from;
};

struct Process {
  std::string key;  // the process id
  std::string name;
  std::string file;  // where it was read from, for diagnostics
  std::vector<Element> elements;
  std::vector<Flow> flows;
  int start_event = -1;  // the process-level none start event
  // Process-level start events with a trigger (message, signal, timer).
  std::vector<int> event_starts;
  // Event sub-processes at the process level.
  std::vector<int> event_subprocesses;
  std::unordered_map<std::string, int> element_index;  // id -> index

  const Element* find(const std::string& id) const {
    auto it = element_index.find(id);
    return it == element_index.end() ? nullptr : &elements[static_cast<size_t>(it->second)];
  }
};

struct Definitions {
  std::string file;
  std::vector<Process> processes;  // executable processes only
};

}  // namespace wf::model
