#include "elements/element_behavior.h"

namespace wf::elements {

// Takes the first outgoing flow, in document order, whose condition holds;
// else the default flow; else raises an incident.
Status activateExclusiveGateway(runtime::Execution& exec, runtime::ElementInstance& ei,
                                const model::Element& gw) {
  for (int f : gw.outgoing) {
    if (f == gw.default_flow) continue;
    const model::Flow& flow = exec.process().flows[static_cast<size_t>(f)];
    Result<bool> holds = exec.evaluateCondition(flow, ei);
    if (!holds.ok()) return exec.raiseIncident(ei, holds.status().message());
    if (*holds) return exec.leave(ei, {f});
  }
  if (gw.default_flow >= 0) return exec.leave(ei, {gw.default_flow});
  return exec.raiseIncident(
      ei, "no condition of exclusive gateway '" + gw.id + "' holds and it has no default flow");
}

}  // namespace wf::elements
