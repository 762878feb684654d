#include "elements/element_behavior.h"

namespace wf::elements {

// A service task becomes a job of its connector type; a worker runs it
// after the command commits and completes (or fails) it by a new command.
Status activateServiceTask(runtime::Execution& exec, runtime::ElementInstance& ei,
                           const model::Element&) {
  RETURN_IF_ERROR(exec.createJob(ei));
  return exec.wait(ei);
}

}  // namespace wf::elements
