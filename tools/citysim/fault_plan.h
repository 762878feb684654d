// FaultPlan: how one platform misbehaves when told to (PUT
// /_sim/faults/{platform}): down for a while (503 PLATFORM_DOWN), a share of
// requests answered 500, a wait before every answer, a share of connections
// closed without an answer, and a share of requests that the platform
// carries out but answers badly (answer_garbler.h): malformed JSON, members
// of the wrong type, or a body too big to read. DELETE clears it.
//
// Thread-safe: one mutex guards the settings and the random source; the
// server asks decide() once per request.
#pragma once

#include <cstdint>
#include <mutex>
#include <random>

#include "wf/status.h"
#include "wf/value.h"

namespace hall::citysim {

struct FaultSettings {
  int64_t down_for_ms = 0;
  double error_rate = 0;
  int64_t latency_ms = 0;
  double drop_rate = 0;
  double malformed_rate = 0;
  double wrong_types_rate = 0;
  double huge_rate = 0;
  // For platforms that call the hall back (express): send each callback
  // twice, hold callbacks back until delivery and send them last first, or
  // send them with a broken signature.
  bool duplicate_callbacks = false;
  bool out_of_order_callbacks = false;
  bool tampered_callbacks = false;
};

// {"downForMs", "errorRate", "latencyMs", "dropRate", "malformedRate",
// "wrongTypesRate", "hugeRate", "duplicateCallbacks", "outOfOrderCallbacks",
// "tamperedCallbacks"}, each optional (0 or false when
// absent): InvalidArgument naming the member when one has the wrong type or
// is out of range (rates 0 to 1, times 0 to 1 day and whole milliseconds).
// The Status details carry {"field": …}.
wf::Result<FaultSettings> parseFaultSettings(const wf::Value& body);

// Malformed, WrongTypes and Huge: the platform does the work, then its
// answer is spoiled that way.
enum class FaultAction { None, Down, Error, Drop, Malformed, WrongTypes, Huge };

struct FaultDecision {
  int64_t latency_ms = 0;  // wait this long first
  FaultAction action = FaultAction::None;
};

class FaultPlan {
 public:
  explicit FaultPlan(uint64_t seed = std::random_device{}()) : random_(seed) {}

  // Replaces the settings; down_for_ms counts from `now_ms`.
  void set(const FaultSettings& settings, int64_t now_ms);
  void clear();

  // What to do with a request arriving at `now_ms`: down while the down
  // period lasts, else a drop with drop_rate, else an error with
  // error_rate, else a spoiled answer with each of the three garble rates.
  FaultDecision decide(int64_t now_ms);

  FaultSettings settings() const;

  // {"downForMs" (what is left of it at now_ms), "errorRate", "latencyMs",
  // "dropRate", "malformedRate", "wrongTypesRate", "hugeRate", and the three
  // callback switches}.
  wf::Value toValue(int64_t now_ms) const;

 private:
  mutable std::mutex mutex_;
  FaultSettings settings_;
  int64_t down_until_ms_ = 0;
  std::mt19937_64 random_;
};

}  // namespace hall::citysim
