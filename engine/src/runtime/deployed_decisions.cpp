#include "runtime/deployed_decisions.h"

#include "dmn/decision_evaluator.h"
#include "dmn/dmn_reader.h"

namespace wf::runtime {

DeployedDecisions::DeployedDecisions(Store& store, QueueRankings& rankings)
    : models_(store, kDecisionKind,
              [](const StoredDefinition& d) { return dmn::readDmn(d.resource_name, d.xml).model; }),
      rankings_(rankings) {}

Result<Value> DeployedDecisions::evaluate(const std::string& decision_id, const Value& inputs) {
  Result<std::shared_ptr<const dmn::DmnModel>> model = models_.latest(decision_id);
  if (!model.ok()) {
    if (model.status().code() == StatusCode::NotFound) {
      return Status::notFound("no decision '" + decision_id + "' is deployed");
    }
    return model.status();
  }
  return dmn::evaluateDecision(**model, decision_id, inputs);
}

}  // namespace wf::runtime
