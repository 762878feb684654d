#include "elements/element_behavior.h"

namespace wf::elements {

// A script task evaluates its FEEL expression and stores the result in its
// result variable. A failing expression is an incident on this token.
Status activateScriptTask(runtime::Execution& exec, runtime::ElementInstance& ei,
                          const model::Element& element) {
  if (element.script) {
    Result<Value> result = exec.evaluate(*element.script, ei);
    if (!result.ok()) return exec.raiseIncident(ei, result.status().message());
    if (!element.result_variable.empty()) {
      exec.setVariable(ei, element.result_variable, std::move(result).value());
    }
  }
  return exec.complete(ei);
}

}  // namespace wf::elements
