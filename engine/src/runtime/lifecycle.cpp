#include "runtime/lifecycle.h"

#include <string>

namespace wf::runtime {

const char* elementStateName(ElementState s) {
  switch (s) {
    case ElementState::Activating:
      return "activating";
    case ElementState::Active:
      return "active";
    case ElementState::Completing:
      return "completing";
    case ElementState::Completed:
      return "completed";
    case ElementState::Terminated:
      return "terminated";
    case ElementState::Incident:
      return "incident";
  }
  return "?";
}

bool canTransition(ElementState from, ElementState to) {
  using E = ElementState;
  switch (from) {
    case E::Activating:
      return to == E::Active || to == E::Incident || to == E::Terminated;
    case E::Active:
      return to == E::Completing || to == E::Incident || to == E::Terminated;
    case E::Completing:
      return to == E::Completed || to == E::Incident || to == E::Terminated;
    case E::Incident:
      return to == E::Active || to == E::Terminated;
    case E::Completed:
    case E::Terminated:
      return false;
  }
  return false;
}

bool canTransition(wf::InstanceState from, wf::InstanceState to) {
  using I = wf::InstanceState;
  switch (from) {
    case I::Active:
      return to == I::Completed || to == I::Terminated || to == I::Suspended;
    case I::Suspended:
      return to == I::Active || to == I::Terminated;
    case I::Completed:
    case I::Terminated:
      return false;
  }
  return false;
}

bool canTransition(TaskState from, TaskState to) {
  using T = TaskState;
  switch (from) {
    case T::Created:
      return to == T::Claimed || to == T::Completed || to == T::Cancelled;
    case T::Claimed:
      return to == T::Created || to == T::Completed || to == T::Cancelled;
    case T::Completed:
    case T::Cancelled:
      return false;
  }
  return false;
}

bool canTransition(JobState from, JobState to) {
  using J = JobState;
  switch (from) {
    case J::Pending:
      return to == J::Running || to == J::Completed || to == J::Failed || to == J::Cancelled;
    case J::Running:
      return to == J::Pending || to == J::Completed || to == J::Failed || to == J::Cancelled;
    case J::Failed:
      return to == J::Pending || to == J::Cancelled;
    case J::Completed:
    case J::Cancelled:
      return false;
  }
  return false;
}

namespace {
const char* name(ElementState s) { return elementStateName(s); }
const char* name(wf::InstanceState s) { return instanceStateName(s); }
const char* name(TaskState s) { return taskStateName(s); }
const char* name(JobState s) { return jobStateName(s); }
}  // namespace

template <typename S>
Status transition(S& state, S to, const char* what) {
  if (!canTransition(state, to)) {
    return Status::internal(std::string("illegal transition of ") + what + " from " + name(state) +
                            " to " + name(to));
  }
  state = to;
  return Status::ok();
}

template Status transition<ElementState>(ElementState&, ElementState, const char*);
template Status transition<wf::InstanceState>(wf::InstanceState&, wf::InstanceState, const char*);
template Status transition<TaskState>(TaskState&, TaskState, const char*);
template Status transition<JobState>(JobState&, JobState, const char*);

}  // namespace wf::runtime
