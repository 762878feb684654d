// The runtime state of one process instance: its element instances (tokens
// and scopes) and what waits at joins. Loaded from and saved to the
// instance row as compact JSON by every command.
//
// Element instance 0 is the process itself (element -1), the root scope.
// Scopes (the process, a sub-process, a multi-instance body and each of its
// inner instances) hold local variables.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/lifecycle.h"
#include "wf/status.h"
#include "wf/value.h"

namespace wf::runtime {

struct MultiInstanceBody {
  Array items;        // the input collection (or 1..n for a cardinality)
  int started = 0;    // inner instances created so far
  int completed = 0;  // inner instances completed
  Array outputs;      // output elements, by loop index
};

struct ElementInstance {
  int id = 0;
  int element = -1;  // model element index; -1 for the process
  int parent = -1;   // id of the enclosing scope; -1 for the process itself
  ElementState state = ElementState::Activating;
  bool scope = false;     // holds variables and children
  bool mi_inner = false;  // one iteration of a multi-instance activity
  int loop_counter = 0;   // 1-based, for inner instances
  Object vars;
  std::optional<MultiInstanceBody> mi;     // set on a multi-instance body
  std::string task_id;                     // user task waiting
  std::string job_id;                      // service task waiting
  std::vector<std::string> boundary_jobs;  // timers of its boundary events
  // A scope's timers of its event sub-processes' start events.
  std::vector<std::string> event_jobs;
  // It has message or signal subscriptions open (its own, its boundary
  // events', an event-based gateway's, or its event sub-processes').
  bool subscribed = false;
  // A call activity: the instance it called (once started).
  std::string called_instance;
  // Why it stopped (state Incident), and whether on leaving (its outgoing
  // flows) rather than on activation: a retry repeats that step.
  std::string incident;
  bool incident_on_leave = false;
  // Tokens that arrived at joining gateways of this scope: gateway element
  // index -> (incoming flow index -> count).
  std::map<int, std::map<int, int>> joins;
};

// The call activity that started an instance, if one did: its instance
// learns of the end through a job on that element instance.
struct Caller {
  std::string instance_id;
  int element_instance = -1;
  std::string element_id;
};

struct InstanceRuntime {
  int next_id = 1;
  std::optional<Caller> caller;
  std::map<int, ElementInstance> elements;  // by id; ordered so runs are deterministic

  ElementInstance& root() { return elements.at(0); }
  ElementInstance* find(int id) {
    auto it = elements.find(id);
    return it == elements.end() ? nullptr : &it->second;
  }
  ElementInstance& create(int element, int parent);

  std::string toJson() const;
  static Result<InstanceRuntime> fromJson(const std::string& json);
};

}  // namespace wf::runtime
