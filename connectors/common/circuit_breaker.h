// CircuitBreaker: one per platform. Closed, it lets calls through and counts
// failures in a row; at `failures` it opens and refuses calls (without
// touching the network) for `open_for`; then it lets one trial call through
// (half-open): success closes it, failure opens it again.
//
// Thread-safety: all members may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>

#include "connectors/common/platform_config.h"

namespace connectors {

class CircuitBreaker {
 public:
  enum class State { Closed, Open, HalfOpen };

  CircuitBreaker(BreakerPolicy policy, std::function<int64_t()> now_ms)
      : policy_(policy), now_(std::move(now_ms)) {}

  // Whether a call may go out now; a half-open breaker lets one through.
  bool allow();
  // Returns whether this success ends a failing spell (failures counted, or
  // the breaker open or half-open): true once per recovery.
  bool succeeded();
  void failed();
  State state();
  // When an open breaker lets the next trial through (epoch ms).
  int64_t reopensAt();

 private:
  const BreakerPolicy policy_;
  const std::function<int64_t()> now_;
  std::mutex mu_;
  State state_ = State::Closed;
  int failures_ = 0;
  int64_t open_until_ = 0;
  bool trial_out_ = false;
};

const char* breakerStateName(CircuitBreaker::State state);

}  // namespace connectors
