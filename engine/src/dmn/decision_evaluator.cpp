// Decisions in requirement order: each result is bound to the decision's
// name, where the decisions that require it find it.
#include "dmn/decision_evaluator.h"

#include <map>
#include <string>
#include <utility>

#include "dmn/decision_table.h"

namespace wf::dmn {
namespace {

// Decision results first, then the caller's inputs; input data the caller
// left out are null rather than unknown.
class DecisionScope final : public expr::VariableLookup {
 public:
  DecisionScope(const DmnModel& model, const Value& inputs) : model_(model), inputs_(inputs) {}

  std::optional<Value> get(std::string_view name) const override {
    if (auto it = results_.find(name); it != results_.end()) {
      return it->second;
    }
    if (const Value* v = inputs_.find(name)) {
      return *v;
    }
    for (const InputData& input : model_.inputs) {
      if (input.name == name) {
        return Value();
      }
    }
    return std::nullopt;
  }

  void bind(const std::string& name, Value value) { results_[name] = std::move(value); }
  Object results() const { return Object(results_.begin(), results_.end()); }

 private:
  const DmnModel& model_;
  const Value& inputs_;
  std::map<std::string, Value, std::less<>> results_;
};

std::string describe(const Decision& decision) {
  return "decision '" + decision.name + "' (" + decision.id + ")";
}

Result<Value> evaluateOne(const Decision& decision, const DecisionScope& scope) {
  Result<Value> result = std::visit(
      [&](const auto& logic) -> Result<Value> {
        using T = std::decay_t<decltype(logic)>;
        if constexpr (std::is_same_v<T, DecisionTable>) {
          return evaluateDecisionTable(logic, scope);
        } else {
          return logic.expression.evaluate(scope);
        }
      },
      decision.logic);
  if (!result.ok()) {
    return Status(result.status().code(), describe(decision) + ": " + result.status().message());
  }
  return result;
}

Result<const Decision*> find(const DmnModel& model, std::string_view id_or_name,
                             const Value& inputs) {
  if (!inputs.isNull() && !inputs.isObject()) {
    return Status::invalid(std::string("decision inputs must be an object, got ") +
                           valueKindName(inputs.kind()));
  }
  const Decision* decision = model.findDecision(id_or_name);
  if (decision == nullptr) {
    return Status::notFound("no decision '" + std::string(id_or_name) + "' in " + model.file);
  }
  return decision;
}

Result<DecisionScope> run(const DmnModel& model, const Decision& target, const Value& inputs) {
  DecisionScope scope(model, inputs);
  for (size_t index : target.evaluation_order) {
    const Decision& decision = model.decisions[index];
    ASSIGN_OR_RETURN(Value value, evaluateOne(decision, scope));
    scope.bind(decision.name, std::move(value));
  }
  return scope;
}

}  // namespace

Result<Value> evaluateDecision(const DmnModel& model, std::string_view decision_id_or_name,
                               const Value& inputs) {
  ASSIGN_OR_RETURN(const Decision* decision, find(model, decision_id_or_name, inputs));
  ASSIGN_OR_RETURN(DecisionScope scope, run(model, *decision, inputs));
  return *scope.get(decision->name);
}

Result<Value> evaluateDecisionWithRequirements(const DmnModel& model,
                                               std::string_view decision_id_or_name,
                                               const Value& inputs) {
  ASSIGN_OR_RETURN(const Decision* decision, find(model, decision_id_or_name, inputs));
  ASSIGN_OR_RETURN(DecisionScope scope, run(model, *decision, inputs));
  return Value(scope.results());
}

}  // namespace wf::dmn
