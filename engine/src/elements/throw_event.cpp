#include "elements/element_behavior.h"

namespace wf::elements {

// An intermediate throw event: a none event passes; a signal is broadcast
// once the command commits; an escalation travels up the scopes (and the
// token goes on unless an interrupting catch ended it); a message is sent
// by a connector job, like a service task.
Status activateThrowEvent(runtime::Execution& exec, runtime::ElementInstance& ei,
                          const model::Element& element) {
  return throwAndGoOn(exec, ei, element);
}

Status throwAndGoOn(runtime::Execution& exec, runtime::ElementInstance& ei,
                    const model::Element& element) {
  const int id = ei.id;
  switch (element.trigger) {
    case model::Trigger::Signal:
      exec.broadcastSignal(element, ei);
      break;
    case model::Trigger::Escalation: {
      ASSIGN_OR_RETURN(bool stands,
                       exec.throwEvent(ei, model::Trigger::Escalation, element.event_name, {}));
      if (!stands) return Status::ok();
      break;
    }
    case model::Trigger::Message:
      RETURN_IF_ERROR(exec.createJob(ei));
      return exec.wait(ei);
    default:
      break;
  }
  runtime::ElementInstance* still = exec.state().find(id);
  if (still == nullptr || still->state != runtime::ElementState::Activating) return Status::ok();
  return exec.complete(*still);
}

}  // namespace wf::elements
