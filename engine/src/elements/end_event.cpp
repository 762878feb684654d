#include "elements/element_behavior.h"

namespace wf::elements {

// A none end event consumes its token; a terminate end event first ends
// every other token of its scope (the process, or the enclosing
// sub-process). An error end event throws its error up the scopes (one that
// nothing catches ends like a none end event); signal, escalation and message end events
// throw like intermediate throw events, then end.
Status activateEndEvent(runtime::Execution& exec, runtime::ElementInstance& ei,
                        const model::Element& element) {
  switch (element.trigger) {
    case model::Trigger::Terminate:
      RETURN_IF_ERROR(exec.terminateScope(exec.scopeOf(ei), ei.id));
      return exec.complete(ei);
    case model::Trigger::Error: {
      // Caught, the token ended with its scope; uncaught, it ends here.
      const int id = ei.id;
      ASSIGN_OR_RETURN(bool stands,
                       exec.throwEvent(ei, model::Trigger::Error, element.event_name, {}));
      runtime::ElementInstance* still = exec.state().find(id);
      if (!stands || still == nullptr || still->state != runtime::ElementState::Activating) {
        return Status::ok();
      }
      return exec.complete(*still);
    }
    case model::Trigger::Signal:
    case model::Trigger::Escalation:
    case model::Trigger::Message:
      return throwAndGoOn(exec, ei, element);
    default:
      return exec.complete(ei);
  }
}

}  // namespace wf::elements
