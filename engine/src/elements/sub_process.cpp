#include "elements/element_behavior.h"

namespace wf::elements {

// An embedded sub-process is a scope: its variables are local to it, and it
// completes when its last inner token ends. Its event sub-processes wait
// for their events while it is active.
Status activateSubProcess(runtime::Execution& exec, runtime::ElementInstance& ei,
                          const model::Element& sub) {
  ei.scope = true;
  RETURN_IF_ERROR(exec.wait(ei));
  RETURN_IF_ERROR(exec.openEventSubProcesses(ei));
  if (ei.state == runtime::ElementState::Incident) return Status::ok();
  return exec.startChild(ei, sub.start_event);
}

}  // namespace wf::elements
