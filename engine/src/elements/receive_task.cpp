#include "elements/element_behavior.h"

namespace wf::elements {

// A receive task waits for its message, correlated by its key like a
// message catch event; unlike an event it may carry boundary events.
Status activateReceiveTask(runtime::Execution& exec, runtime::ElementInstance& ei,
                           const model::Element& element) {
  return activateCatchEvent(exec, ei, element);
}

}  // namespace wf::elements
