// Lifecycles of the persisted things — element instance, process instance,
// user task, job — as explicit transition tables. Every state change goes
// through one of the `transition` functions, which refuse an illegal move
// with an Internal status instead of changing anything.
#pragma once

#include "wf/records.h"
#include "wf/status.h"

namespace wf::runtime {

enum class ElementState { Activating, Active, Completing, Completed, Terminated, Incident };
const char* elementStateName(ElementState s);

bool canTransition(ElementState from, ElementState to);
bool canTransition(wf::InstanceState from, wf::InstanceState to);
bool canTransition(TaskState from, TaskState to);
bool canTransition(JobState from, JobState to);

// Moves `state` to `to`, or returns Internal naming both states.
template <typename S>
Status transition(S& state, S to, const char* what);

}  // namespace wf::runtime
