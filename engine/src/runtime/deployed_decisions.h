// DeployedDecisions: the decisions a business rule task (or the API) may
// call — the latest deployed version of each decision id, parsed once per
// version and kept, since a deployed version never changes. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "dmn/dmn_model.h"
#include "runtime/execution.h"
#include "wf/ports/store.h"

namespace wf::runtime {

class DeployedDecisions final : public Decisions {
 public:
  explicit DeployedDecisions(Store& store) : store_(store) {}

  // NotFound when no decision with that id is deployed.
  Result<Value> evaluate(const std::string& decision_id, const Value& inputs) override;

  // Keeps a model just deployed, so its first call needs no parse.
  void remember(const std::string& definition_id, std::shared_ptr<const dmn::DmnModel> model);

 private:
  Result<std::shared_ptr<const dmn::DmnModel>> model(const std::string& definition_id);

  Store& store_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const dmn::DmnModel>> models_;  // by definition id
};

}  // namespace wf::runtime
