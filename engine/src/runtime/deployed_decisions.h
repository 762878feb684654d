// DeployedDecisions: the decisions a business rule task (or the API) may
// call — the latest deployed version of each decision id.
#pragma once

#include "dmn/dmn_model.h"
#include "runtime/deployed_models.h"
#include "runtime/execution.h"
#include "runtime/queue_rankings.h"

namespace wf::runtime {

class DeployedDecisions final : public Decisions {
 public:
  DeployedDecisions(Store& store, QueueRankings& rankings);

  // NotFound when no decision with that id is deployed.
  Result<Value> evaluate(const std::string& decision_id, const Value& inputs) override;
  bool ranksQueue(const std::string& queue) override {
    return rankings_.decisionFor(queue).has_value();
  }

  DeployedModels<dmn::DmnModel>& models() { return models_; }

 private:
  DeployedModels<dmn::DmnModel> models_;
  QueueRankings& rankings_;
};

}  // namespace wf::runtime
