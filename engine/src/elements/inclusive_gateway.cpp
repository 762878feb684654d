#include "elements/element_behavior.h"

namespace wf::elements {

// Forks into every outgoing flow whose condition holds; the default flow
// only when none does; an incident when nothing can be taken. (Joining
// happens before activation, when no token upstream can still arrive.)
Status activateInclusiveGateway(runtime::Execution& exec, runtime::ElementInstance& ei,
                                const model::Element& gw) {
  std::vector<int> taken;
  for (int f : gw.outgoing) {
    if (f == gw.default_flow) continue;
    const model::Flow& flow = exec.process().flows[static_cast<size_t>(f)];
    Result<bool> holds = exec.evaluateCondition(flow, ei);
    if (!holds.ok()) return exec.raiseIncident(ei, holds.status().message());
    if (*holds) taken.push_back(f);
  }
  if (taken.empty() && gw.default_flow >= 0) taken.push_back(gw.default_flow);
  if (taken.empty()) {
    return exec.raiseIncident(
        ei, "no condition of inclusive gateway '" + gw.id + "' holds and it has no default flow");
  }
  return exec.leave(ei, taken);
}

}  // namespace wf::elements
