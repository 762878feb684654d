// InstanceLocks: one lock per process instance (striped), held by a command
// from loading the instance until its transaction committed. Commands on
// one instance thus run one after another, while commands on different
// instances execute in parallel on their callers' threads and meet only in
// the writer's group commit.
#pragma once

#include <array>
#include <functional>
#include <mutex>
#include <string>

namespace wf::runtime {

class InstanceLocks {
 public:
  std::unique_lock<std::mutex> lock(const std::string& instance_id) {
    return std::unique_lock<std::mutex>(stripe(instance_id));
  }
  // Does not wait: the lock is not owned when another command holds it.
  std::unique_lock<std::mutex> tryLock(const std::string& instance_id) {
    return std::unique_lock<std::mutex>(stripe(instance_id), std::try_to_lock);
  }

 private:
  std::mutex& stripe(const std::string& instance_id) {
    return stripes_[std::hash<std::string>()(instance_id) % stripes_.size()];
  }

  std::array<std::mutex, 1024> stripes_;
};

}  // namespace wf::runtime
