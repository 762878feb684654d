// DeployedModels<Model>: the latest deployed version of each key of one kind
// of model (decisions, calendars), parsed once per version and kept — a
// deployed version never changes. The latest version is looked up in the
// store on every call, so what an analyst deploys applies from the next use
// on, also when another process deployed it. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "wf/ports/store.h"

namespace wf::runtime {

template <typename Model>
class DeployedModels {
 public:
  // Parses a stored definition; null when it no longer reads.
  using Parse = std::function<std::shared_ptr<const Model>(const StoredDefinition&)>;

  DeployedModels(Store& store, const char* kind, Parse parse)
      : store_(store), kind_(kind), parse_(std::move(parse)) {}

  // NotFound when no definition of that key is deployed.
  Result<std::shared_ptr<const Model>> latest(const std::string& key) {
    ASSIGN_OR_RETURN(std::optional<std::string> id, store_.latestDefinitionId(kind_, key));
    if (!id) return Status::notFound("no " + std::string(kind_) + " '" + key + "' is deployed");
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = models_.find(*id);
      if (it != models_.end()) return it->second;
    }
    ASSIGN_OR_RETURN(std::optional<StoredDefinition> stored, store_.definition(*id));
    if (!stored) return Status::internal("definition " + *id + " is missing");
    std::shared_ptr<const Model> model = parse_(*stored);
    if (!model) return Status::internal("stored definition " + *id + " no longer reads");
    remember(*id, model);
    return model;
  }

  // Keeps a model just deployed, so its first use needs no parse.
  void remember(const std::string& definition_id, std::shared_ptr<const Model> model) {
    std::lock_guard<std::mutex> lock(mutex_);
    models_[definition_id] = std::move(model);
  }

 private:
  Store& store_;
  const char* kind_;
  Parse parse_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Model>> models_;  // by definition id
};

}  // namespace wf::runtime
