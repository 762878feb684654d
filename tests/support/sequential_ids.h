// Ids "<prefix>1", "<prefix>2", … so tests can predict them. Thread-safe.
#pragma once

#include <atomic>
#include <string>

#include "wf/ports/id_generator.h"

namespace hall::test {

class SequentialIds final : public wf::IdGenerator {
 public:
  explicit SequentialIds(std::string prefix = "id") : prefix_(std::move(prefix)) {}
  std::string next() override { return prefix_ + std::to_string(++n_); }

 private:
  std::string prefix_;
  std::atomic<long> n_{0};
};

}  // namespace hall::test
