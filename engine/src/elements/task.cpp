#include "elements/element_behavior.h"

namespace wf::elements {

// An abstract or manual task has no work for the engine: it passes through.
Status activateTask(runtime::Execution& exec, runtime::ElementInstance& ei, const model::Element&) {
  return exec.complete(ei);
}

}  // namespace wf::elements
