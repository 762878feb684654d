#include "elements/element_behavior.h"

namespace wf::elements {

// A none start event passes its token on at once.
Status activateStartEvent(runtime::Execution& exec, runtime::ElementInstance& ei,
                          const model::Element&) {
  return exec.complete(ei);
}

}  // namespace wf::elements
