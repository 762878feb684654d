#include "runtime/definition_cache.h"

#include "bpmn/bpmn_reader.h"

namespace wf::runtime {

Result<LoadedProcess> DefinitionCache::load(const StoredDefinition& stored) {
  bpmn::ReadResult read = bpmn::readBpmn(stored.resource_name, stored.xml);
  if (!read.definitions) {
    return Status::internal("stored definition " + stored.id + " no longer reads");
  }
  for (const model::Process& p : read.definitions->processes) {
    if (p.key == stored.key) {
      LoadedProcess loaded{read.definitions, &p, stored.id, stored.key, stored.version};
      put(loaded);
      return loaded;
    }
  }
  return Status::internal("stored definition " + stored.id + " lacks process " + stored.key);
}

void DefinitionCache::put(const LoadedProcess& p) {
  std::lock_guard<std::mutex> lock(mutex_);
  by_id_[p.id] = p;
}

std::optional<LoadedProcess> DefinitionCache::byId(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

}  // namespace wf::runtime
