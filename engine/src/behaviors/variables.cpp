// Variables and expressions of an execution: lookup walks the scope chain
// from the element instance up to the process; assignment goes to the
// innermost scope that already defines the name, else to the process.
#include "runtime/execution.h"

namespace wf::runtime {

namespace {

class ScopeLookup final : public expr::VariableLookup {
 public:
  ScopeLookup(const InstanceRuntime& state, const ElementInstance& start)
      : state_(state), start_(start) {}

  std::optional<Value> get(std::string_view name) const override {
    const ElementInstance* ei = &start_;
    while (ei != nullptr) {
      if (ei->scope) {
        auto it = ei->vars.find(name);
        if (it != ei->vars.end()) return it->second;
      }
      if (ei->parent < 0) break;
      auto p = state_.elements.find(ei->parent);
      ei = p == state_.elements.end() ? nullptr : &p->second;
    }
    return std::nullopt;
  }

 private:
  const InstanceRuntime& state_;
  const ElementInstance& start_;
};

}  // namespace

Result<Value> Execution::evaluateIn(const expr::Expression& e, const Value& variables) const {
  return e.evaluate(expr::ObjectLookup(variables));
}

Result<Value> Execution::evaluate(const expr::Expression& e, const ElementInstance& ei) const {
  return e.evaluate(ScopeLookup(state_, ei));
}

Result<bool> Execution::evaluateCondition(const model::Flow& flow,
                                          const ElementInstance& ei) const {
  if (!flow.condition) return true;
  ASSIGN_OR_RETURN(Value v, evaluate(*flow.condition, ei));
  if (v.isNull()) return false;  // FEEL: a condition that is not true is not taken
  if (!v.isBool()) {
    return Status::invalid("condition of flow '" + flow.id + "' (" + flow.condition->text() +
                           ") gave a " + valueKindName(v.kind()) + ", not a boolean");
  }
  return v.asBool();
}

void Execution::setVariable(const ElementInstance& from, const std::string& name, Value value) {
  ElementInstance* ei = state_.find(from.id);
  while (ei != nullptr) {
    if (ei->scope && ei->vars.find(name) != ei->vars.end()) {
      ei->vars[name] = std::move(value);
      return;
    }
    ei = ei->parent < 0 ? nullptr : state_.find(ei->parent);
  }
  state_.root().vars[name] = std::move(value);
}

Status Execution::mergeVariables(const ElementInstance& from, const Value& variables) {
  if (variables.isNull()) return Status::ok();
  if (!variables.isObject()) return Status::invalid("variables must be a JSON object");
  for (const auto& [name, value] : variables.asObject()) setVariable(from, name, value);
  if (!variables.asObject().empty()) {
    emit("variables-updated", from.element >= 0 ? element(from).id : process_.key, variables);
  }
  return Status::ok();
}

Object Execution::visibleVariables(const ElementInstance& ei) const {
  std::vector<const ElementInstance*> chain;
  for (const ElementInstance* s = &ei; s != nullptr;) {
    chain.push_back(s);
    if (s->parent < 0) break;
    auto p = state_.elements.find(s->parent);
    s = p == state_.elements.end() ? nullptr : &p->second;
  }
  Object out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (!(*it)->scope) continue;
    for (const auto& [k, v] : (*it)->vars) out[k] = v;
  }
  return out;
}

}  // namespace wf::runtime
