// Source of "now" for timers, due dates and history timestamps. The engine
// never reads the system clock itself, so tests drive time with a fake.
#pragma once

#include <chrono>
#include <cstdint>

namespace wf {

using TimePoint = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

inline int64_t toEpochMillis(TimePoint t) { return t.time_since_epoch().count(); }

}  // namespace wf
