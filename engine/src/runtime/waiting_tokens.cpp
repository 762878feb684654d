#include "runtime/waiting_tokens.h"

#include <algorithm>

namespace wf::runtime {

namespace {

// Calls `visit(element_id, incident)` once per waiting token.
template <typename Visit>
void forEachWaiting(const model::Process& process, const InstanceRuntime& state, Visit visit) {
  for (const auto& [id, ei] : state.elements) {
    if (ei.element >= 0 && !ei.mi &&
        (ei.state == ElementState::Active || ei.state == ElementState::Incident)) {
      const model::Element& el = process.elements[static_cast<size_t>(ei.element)];
      if (el.kind != model::ElementKind::SubProcess) {
        visit(el.id, ei.state == ElementState::Incident);
      }
    }
    for (const auto& [gateway, arrivals] : ei.joins) {
      for (const auto& [flow, count] : arrivals) {
        for (int i = 0; i < count; ++i) {
          visit(process.elements[static_cast<size_t>(gateway)].id, false);
        }
      }
    }
  }
}

}  // namespace

std::vector<std::string> activeActivities(const model::Process& process,
                                          const InstanceRuntime& state) {
  std::vector<std::string> out;
  forEachWaiting(process, state,
                 [&](const std::string& element_id, bool) { out.push_back(element_id); });
  std::sort(out.begin(), out.end());
  return out;
}

void countWaiting(const model::Process& process, const InstanceRuntime& state,
                  std::map<std::string, ElementStatistics>& counts) {
  forEachWaiting(process, state, [&](const std::string& element_id, bool incident) {
    ElementStatistics& entry = counts[element_id];
    entry.element_id = element_id;
    ++entry.waiting;
    if (incident) ++entry.incidents;
  });
}

}  // namespace wf::runtime
