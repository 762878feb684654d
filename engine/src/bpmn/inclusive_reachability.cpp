// Which elements can still send a token to an inclusive join. The runtime
// fires the join when no live token in the scope sits at an element marked
// here (tokens already waiting at the join aside), so computing this once at
// deploy time keeps the run-time check a simple scan.
#include <vector>

#include "bpmn/reader_context.h"

namespace wf::bpmn {

void computeInclusiveReachability(model::Process& process) {
  const size_t count = process.elements.size();
  for (model::Element& join : process.elements) {
    if (join.kind != model::ElementKind::InclusiveGateway || join.incoming.size() < 2) continue;
    std::vector<bool> reachable(count, false);
    // Walk the flows backwards from the join; never through the join itself,
    // so a token that must pass the join again does not hold it up.
    std::vector<int> stack;
    for (int flow : join.incoming) {
      stack.push_back(process.flows[static_cast<size_t>(flow)].source);
    }
    while (!stack.empty()) {
      const int index = stack.back();
      stack.pop_back();
      const auto at = static_cast<size_t>(index);
      if (index == join.index || reachable[at]) continue;
      reachable[at] = true;
      for (int flow : process.elements[at].incoming) {
        stack.push_back(process.flows[static_cast<size_t>(flow)].source);
      }
      // A boundary event is entered from its activity.
      if (process.elements[at].attached_to >= 0) stack.push_back(process.elements[at].attached_to);
    }
    join.reachable_from = std::move(reachable);
  }
}

}  // namespace wf::bpmn
