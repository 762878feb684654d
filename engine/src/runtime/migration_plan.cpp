#include "runtime/migration_plan.h"

#include <vector>

namespace wf::runtime {

namespace {

std::string quoted(const std::string& id) { return "'" + id + "'"; }

}  // namespace

Result<MigrationPlan> planMigration(const model::Process& from, const model::Process& to,
                                    const InstanceRuntime& state,
                                    const std::map<std::string, std::string>& mapping) {
  std::vector<std::string> problems;
  for (const auto& [source, target] : mapping) {
    if (from.find(source) == nullptr) {
      problems.push_back("mapping names " + quoted(source) +
                         ", which is not in the instance's version");
    }
    if (to.find(target) == nullptr) {
      problems.push_back("mapping names " + quoted(target) +
                         ", which is not in the target version");
    }
  }
  MigrationPlan plan;
  for (const auto& [id, ei] : state.elements) {
    for (const auto& [gateway, arrivals] : ei.joins) {
      if (!arrivals.empty()) {
        problems.push_back("a token waits at join " +
                           quoted(from.elements[static_cast<size_t>(gateway)].id) +
                           "; migrate once it has passed");
      }
    }
    if (ei.element < 0 || plan.contains(ei.element)) continue;
    const model::Element& source = from.elements[static_cast<size_t>(ei.element)];
    auto mapped = mapping.find(source.id);
    const std::string target_id = mapped == mapping.end() ? source.id : mapped->second;
    const model::Element* target = to.find(target_id);
    if (target == nullptr) {
      problems.push_back(quoted(source.id) + " has no counterpart in the target version (map it)");
      continue;
    }
    if (target->kind != source.kind) {
      problems.push_back(quoted(source.id) + " is a " + model::elementKindName(source.kind) +
                         " but " + quoted(target->id) + " is a " +
                         model::elementKindName(target->kind));
      continue;
    }
    if (source.multi_instance.has_value() != target->multi_instance.has_value()) {
      problems.push_back(quoted(source.id) + " and " + quoted(target->id) +
                         " differ in being multi-instance");
      continue;
    }
    plan[source.index] = target->index;
  }
  // Every token must stay in the scope it is in: its target's enclosing
  // sub-process is the target of its own enclosing sub-process.
  for (const auto& [id, ei] : state.elements) {
    if (ei.element < 0 || !plan.contains(ei.element)) continue;
    const model::Element& source = from.elements[static_cast<size_t>(ei.element)];
    const model::Element& target = to.elements[static_cast<size_t>(plan[ei.element])];
    const int expected = source.parent < 0              ? -1
                         : plan.contains(source.parent) ? plan.at(source.parent)
                                                        : -2;
    if (target.parent != expected) {
      problems.push_back(quoted(target.id) + " is not in the scope that " + quoted(source.id) +
                         " is in");
    }
  }
  if (problems.empty()) return plan;
  Array list;
  std::string message = "the instance cannot migrate: ";
  for (size_t i = 0; i < problems.size(); ++i) {
    if (i > 0) message += "; ";
    message += problems[i];
    list.push_back(problems[i]);
  }
  return Status::invalid(message, Value(Object{{"problems", Value(std::move(list))}}));
}

}  // namespace wf::runtime
