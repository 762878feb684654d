// InstanceCache: the committed state of recently used instances, so that a
// command need not read and parse the instance row again. Bounded (least
// recently used go first), so a million waiting instances cost storage, not
// memory. Thread-safe.
//
// Only a command holding the instance's lock takes an entry out (take) and
// puts the new state back after its commit; a failed command puts nothing
// back, and the next one reads the store.
#pragma once

#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "runtime/instance_runtime.h"
#include "wf/ports/store.h"

namespace wf::runtime {

struct CachedInstance {
  StoredInstance row;
  InstanceRuntime state;
};

class InstanceCache {
 public:
  explicit InstanceCache(size_t capacity) : capacity_(capacity) {}

  std::optional<CachedInstance> take(const std::string& id);
  void put(CachedInstance entry);

 private:
  using Order = std::list<std::string>;
  struct Slot {
    CachedInstance entry;
    Order::iterator position;
  };

  const size_t capacity_;
  std::mutex mutex_;
  Order order_;  // most recent first
  std::unordered_map<std::string, Slot> slots_;
};

}  // namespace wf::runtime
