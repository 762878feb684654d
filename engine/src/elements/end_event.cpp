#include "elements/element_behavior.h"

namespace wf::elements {

// A none end event consumes its token; a terminate end event first ends
// every other token of its scope (the process, or the enclosing sub-process).
Status activateEndEvent(runtime::Execution& exec, runtime::ElementInstance& ei,
                        const model::Element& element) {
  if (element.terminate) RETURN_IF_ERROR(exec.terminateScope(exec.scopeOf(ei), ei.id));
  return exec.complete(ei);
}

}  // namespace wf::elements
