#include "elements/element_behavior.h"

namespace wf::elements {

// A business rule task evaluates the latest deployed version of its decision
// with the variables visible to it and stores the result. A decision that
// is missing or fails (no unique hit, a type error) is an incident.
Status activateBusinessRuleTask(runtime::Execution& exec, runtime::ElementInstance& ei,
                                const model::Element& element) {
  if (exec.decisions() == nullptr) {
    return exec.raiseIncident(ei, "no decisions are available to '" + element.id + "'");
  }
  Result<Value> result =
      exec.decisions()->evaluate(element.decision_ref, Value(exec.visibleVariables(ei)));
  if (!result.ok()) {
    return exec.raiseIncident(ei, "decision '" + element.decision_ref +
                                      "': " + result.status().message());
  }
  exec.setVariable(ei, element.result_variable, std::move(result).value());
  return exec.complete(ei);
}

}  // namespace wf::elements
