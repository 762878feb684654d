#include "elements/element_behavior.h"

namespace wf::elements {

// Forks into every outgoing flow. (Joining is done before activation: the
// gateway activates once a token has arrived on each incoming flow.)
Status activateParallelGateway(runtime::Execution& exec, runtime::ElementInstance& ei,
                               const model::Element& gw) {
  return exec.leave(ei, gw.outgoing);
}

}  // namespace wf::elements
