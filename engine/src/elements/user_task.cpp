#include "elements/element_behavior.h"

namespace wf::elements {

// A user task creates a task in its queue and waits for its completion.
Status activateUserTask(runtime::Execution& exec, runtime::ElementInstance& ei,
                        const model::Element&) {
  RETURN_IF_ERROR(exec.createUserTask(ei));
  return exec.wait(ei);
}

}  // namespace wf::elements
