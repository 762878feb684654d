#include "elements/element_behavior.h"

namespace wf::elements {

// A boundary event's token starts when its event occurs (see
// Execution::fireBoundaryEvent); it passes on by the event's outgoing flows.
Status activateBoundaryEvent(runtime::Execution& exec, runtime::ElementInstance& ei,
                             const model::Element&) {
  return exec.complete(ei);
}

}  // namespace wf::elements
