// DefinitionCache: parsed process definitions by id. Definitions are
// immutable, so a cached one is shared by every command that runs an
// instance of it, and never goes stale. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "model/model.h"
#include "wf/ports/store.h"

namespace wf::runtime {

struct LoadedProcess {
  std::shared_ptr<const model::Definitions> definitions;  // keeps `process` alive
  const model::Process* process = nullptr;
  std::string id;
  std::string key;
  int version = 0;
};

class DefinitionCache {
 public:
  // Parses a stored definition (its whole document) and caches it.
  Result<LoadedProcess> load(const StoredDefinition& stored);
  void put(const LoadedProcess& p);

  std::optional<LoadedProcess> byId(const std::string& id) const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, LoadedProcess> by_id_;
};

}  // namespace wf::runtime
