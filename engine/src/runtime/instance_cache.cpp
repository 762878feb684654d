#include "runtime/instance_cache.h"

namespace wf::runtime {

std::optional<CachedInstance> InstanceCache::take(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = slots_.find(id);
  if (it == slots_.end()) return std::nullopt;
  CachedInstance out = std::move(it->second.entry);
  order_.erase(it->second.position);
  slots_.erase(it);
  return out;
}

void InstanceCache::put(CachedInstance entry) {
  if (capacity_ == 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string id = entry.row.id;
  auto it = slots_.find(id);
  if (it != slots_.end()) {
    order_.erase(it->second.position);
    slots_.erase(it);
  }
  order_.push_front(id);
  slots_.emplace(id, Slot{std::move(entry), order_.begin()});
  while (slots_.size() > capacity_) {
    slots_.erase(order_.back());
    order_.pop_back();
  }
}

}  // namespace wf::runtime
