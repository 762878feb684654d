#include "elements/element_behavior.h"

namespace wf::elements {

// An event-based gateway waits for the first of the events its flows lead
// to: it subscribes for each target (a message, a signal, a timer); the
// first that occurs takes the token down its flow and closes the others.
Status activateEventBasedGateway(runtime::Execution& exec, runtime::ElementInstance& ei,
                                 const model::Element& gateway) {
  for (int f : gateway.outgoing) {
    const model::Flow& flow = exec.process().flows[static_cast<size_t>(f)];
    RETURN_IF_ERROR(exec.subscribe(ei, exec.process().elements[static_cast<size_t>(flow.target)]));
    if (ei.state == runtime::ElementState::Incident) return Status::ok();
  }
  return exec.wait(ei);
}

}  // namespace wf::elements
