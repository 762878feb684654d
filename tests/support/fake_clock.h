// A clock that stands still until the test moves it.
#pragma once

#include <atomic>
#include <chrono>

#include "wf/ports/clock.h"

namespace hall::test {

class FakeClock final : public wf::Clock {
 public:
  explicit FakeClock(int64_t epoch_millis = 1'790'812'800'000)  // 2026-10-01T00:00:00Z
      : millis_(epoch_millis) {}
  wf::TimePoint now() const override {
    return wf::TimePoint(std::chrono::milliseconds(millis_.load()));
  }
  void advance(std::chrono::milliseconds d) { millis_ += d.count(); }
  void set(int64_t epoch_millis) { millis_ = epoch_millis; }

 private:
  std::atomic<int64_t> millis_;
};

}  // namespace hall::test
