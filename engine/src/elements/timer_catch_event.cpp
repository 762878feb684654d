#include "elements/element_behavior.h"

namespace wf::elements {

// An intermediate timer catch event waits until its time: a timer job due
// then, which the engine completes when it falls due — also at the next
// start when it fell due while the engine was down.
Status activateTimerCatchEvent(runtime::Execution& exec, runtime::ElementInstance& ei,
                               const model::Element&) {
  RETURN_IF_ERROR(exec.createTimer(ei));
  return exec.wait(ei);
}

}  // namespace wf::elements
