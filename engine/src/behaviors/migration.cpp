// Migration of an instance's tokens to another version of its process (see
// runtime/migration_plan.h for what is checked first). Tokens keep their
// tasks, jobs and variables; what they wait for besides — boundary events,
// event sub-processes, message and signal subscriptions — closes under the
// old version and opens under the new one.
#include "runtime/execution.h"

namespace wf::runtime {

Status Execution::migrate(const model::Process& from, const std::map<int, int>& plan,
                          const std::string& from_id, const std::string& to_id) {
  Object moved;
  for (auto& [id, ei] : state_.elements) {
    closeWaits(ei);
    if (ei.element < 0) continue;
    const std::string old_id = from.elements[static_cast<size_t>(ei.element)].id;
    ei.element = plan.at(ei.element);
    const model::Element& el = element(ei);
    if (old_id != el.id) moved[old_id] = el.id;
    if (!ei.task_id.empty()) effects_.moved.push_back({true, ei.task_id, el.id});
    if (!ei.job_id.empty()) effects_.moved.push_back({false, ei.job_id, el.id});
  }
  std::vector<int> ids;
  for (const auto& [id, ei] : state_.elements) ids.push_back(id);
  for (int id : ids) {
    ElementInstance* ei = state_.find(id);
    if (ei == nullptr || ei->state != ElementState::Active) continue;
    if (ei->scope && !ei->mi) RETURN_IF_ERROR(openEventSubProcesses(*ei));
    if (ei->element < 0 || ei->state != ElementState::Active) continue;
    const model::Element& el = element(*ei);
    const bool catches = el.kind == model::ElementKind::IntermediateCatchEvent ||
                         el.kind == model::ElementKind::ReceiveTask;
    // A timer keeps its job (and its due time); messages and signals open again.
    if (catches && el.trigger != model::Trigger::Timer && !ei->mi) {
      RETURN_IF_ERROR(subscribe(*ei, el));
    }
    if (el.kind == model::ElementKind::EventBasedGateway) {
      for (int f : el.outgoing) {
        const model::Flow& flow = process_.flows[static_cast<size_t>(f)];
        RETURN_IF_ERROR(subscribe(*ei, process_.elements[static_cast<size_t>(flow.target)]));
      }
    }
    if (!ei->mi_inner && !el.boundary_events.empty() && ei->state == ElementState::Active) {
      RETURN_IF_ERROR(armBoundaryEvents(*ei));
    }
  }
  effects_.migrated = true;
  emit("instance-migrated", process_.key,
       Value(Object{{"from", from_id}, {"to", to_id}, {"mapping", Value(std::move(moved))}}));
  return run();
}

}  // namespace wf::runtime
