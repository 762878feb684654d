#include "elements/element_behavior.h"

namespace wf::elements {

// An intermediate catch event waits for its event: a timer (a job the
// engine completes when due — also at the next start when it fell due while
// the engine was down), a message correlated to it, or a signal.
Status activateCatchEvent(runtime::Execution& exec, runtime::ElementInstance& ei,
                          const model::Element& element) {
  RETURN_IF_ERROR(exec.subscribe(ei, element));
  return exec.wait(ei);
}

}  // namespace wf::elements
