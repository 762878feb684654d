#include "wf/records.h"

namespace wf {

const char* instanceStateName(InstanceState s) {
  switch (s) {
    case InstanceState::Active:
      return "active";
    case InstanceState::Completed:
      return "completed";
    case InstanceState::Terminated:
      return "terminated";
    case InstanceState::Suspended:
      return "suspended";
  }
  return "?";
}

const char* taskStateName(TaskState s) {
  switch (s) {
    case TaskState::Created:
      return "created";
    case TaskState::Claimed:
      return "claimed";
    case TaskState::Completed:
      return "completed";
    case TaskState::Cancelled:
      return "cancelled";
  }
  return "?";
}

const char* jobStateName(JobState s) {
  switch (s) {
    case JobState::Pending:
      return "pending";
    case JobState::Running:
      return "running";
    case JobState::Completed:
      return "completed";
    case JobState::Failed:
      return "failed";
    case JobState::Cancelled:
      return "cancelled";
  }
  return "?";
}

}  // namespace wf
