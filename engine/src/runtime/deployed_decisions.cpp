#include "runtime/deployed_decisions.h"

#include "dmn/decision_evaluator.h"
#include "dmn/dmn_reader.h"

namespace wf::runtime {

void DeployedDecisions::remember(const std::string& definition_id,
                                 std::shared_ptr<const dmn::DmnModel> model) {
  std::lock_guard<std::mutex> lock(mutex_);
  models_[definition_id] = std::move(model);
}

Result<std::shared_ptr<const dmn::DmnModel>> DeployedDecisions::model(
    const std::string& definition_id) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = models_.find(definition_id);
    if (it != models_.end()) return it->second;
  }
  ASSIGN_OR_RETURN(std::optional<StoredDefinition> stored, store_.definition(definition_id));
  if (!stored) return Status::internal("decision definition " + definition_id + " is missing");
  dmn::ReadDmnResult read = dmn::readDmn(stored->resource_name, stored->xml);
  if (!read.model) {
    return Status::internal("stored decision definition " + definition_id + " no longer reads");
  }
  remember(definition_id, read.model);
  return read.model;
}

Result<Value> DeployedDecisions::evaluate(const std::string& decision_id, const Value& inputs) {
  // The latest version is looked up on every call, so a decision table an
  // analyst has just deployed applies from the next evaluation on.
  ASSIGN_OR_RETURN(std::optional<std::string> id,
                   store_.latestDefinitionId(kDecisionKind, decision_id));
  if (!id) return Status::notFound("no decision '" + decision_id + "' is deployed");
  ASSIGN_OR_RETURN(std::shared_ptr<const dmn::DmnModel> m, model(*id));
  return dmn::evaluateDecision(*m, decision_id, inputs);
}

}  // namespace wf::runtime
