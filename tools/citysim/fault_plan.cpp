#include "tools/citysim/fault_plan.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "tools/citysim/request_parts.h"

namespace hall::citysim {

namespace {

constexpr double kMaxMs = 86'400'000;  // a day

wf::Result<int64_t> millisecondsOf(const wf::Value& body, const std::string& field) {
  const wf::Value* v = body.find(field);
  if (v == nullptr || v->isNull()) return int64_t{0};
  if (!v->isNumber()) return fieldRefused(field, "must be a number of milliseconds");
  const double ms = v->asNumber();
  if (ms < 0 || ms > kMaxMs || ms != std::floor(ms)) {
    return fieldRefused(field, "must be whole milliseconds from 0 to 86400000");
  }
  return static_cast<int64_t>(ms);
}

wf::Result<double> rateOf(const wf::Value& body, const std::string& field) {
  const wf::Value* v = body.find(field);
  if (v == nullptr || v->isNull()) return 0.0;
  if (!v->isNumber()) return fieldRefused(field, "must be a number from 0 to 1");
  const double rate = v->asNumber();
  if (!(rate >= 0 && rate <= 1)) return fieldRefused(field, "must be a number from 0 to 1");
  return rate;
}

wf::Result<bool> switchOf(const wf::Value& body, const std::string& field) {
  const wf::Value* v = body.find(field);
  if (v == nullptr || v->isNull()) return false;
  if (!v->isBool()) return fieldRefused(field, "must be true or false");
  return v->asBool();
}

}  // namespace

wf::Result<FaultSettings> parseFaultSettings(const wf::Value& body) {
  if (!body.isObject()) return fieldRefused("body", "must be a JSON object");
  FaultSettings s;
  ASSIGN_OR_RETURN(s.down_for_ms, millisecondsOf(body, "downForMs"));
  ASSIGN_OR_RETURN(s.error_rate, rateOf(body, "errorRate"));
  ASSIGN_OR_RETURN(s.latency_ms, millisecondsOf(body, "latencyMs"));
  ASSIGN_OR_RETURN(s.drop_rate, rateOf(body, "dropRate"));
  ASSIGN_OR_RETURN(s.malformed_rate, rateOf(body, "malformedRate"));
  ASSIGN_OR_RETURN(s.wrong_types_rate, rateOf(body, "wrongTypesRate"));
  ASSIGN_OR_RETURN(s.huge_rate, rateOf(body, "hugeRate"));
  ASSIGN_OR_RETURN(s.duplicate_callbacks, switchOf(body, "duplicateCallbacks"));
  ASSIGN_OR_RETURN(s.out_of_order_callbacks, switchOf(body, "outOfOrderCallbacks"));
  ASSIGN_OR_RETURN(s.tampered_callbacks, switchOf(body, "tamperedCallbacks"));
  return s;
}

void FaultPlan::set(const FaultSettings& settings, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  settings_ = settings;
  down_until_ms_ = settings.down_for_ms > 0 ? now_ms + settings.down_for_ms : 0;
}

void FaultPlan::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  settings_ = FaultSettings{};
  down_until_ms_ = 0;
}

FaultDecision FaultPlan::decide(int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  FaultDecision d;
  d.latency_ms = settings_.latency_ms;
  std::uniform_real_distribution<double> share(0.0, 1.0);
  const auto happens = [&](double rate) { return rate > 0 && share(random_) < rate; };
  if (now_ms < down_until_ms_) {
    d.action = FaultAction::Down;
  } else if (happens(settings_.drop_rate)) {
    d.action = FaultAction::Drop;
  } else if (happens(settings_.error_rate)) {
    d.action = FaultAction::Error;
  } else if (happens(settings_.malformed_rate)) {
    d.action = FaultAction::Malformed;
  } else if (happens(settings_.wrong_types_rate)) {
    d.action = FaultAction::WrongTypes;
  } else if (happens(settings_.huge_rate)) {
    d.action = FaultAction::Huge;
  }
  return d;
}

FaultSettings FaultPlan::settings() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return settings_;
}

wf::Value FaultPlan::toValue(int64_t now_ms) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return wf::Value(
      wf::Object{{"downForMs", wf::Value(std::max<int64_t>(0, down_until_ms_ - now_ms))},
                 {"errorRate", wf::Value(settings_.error_rate)},
                 {"latencyMs", wf::Value(settings_.latency_ms)},
                 {"dropRate", wf::Value(settings_.drop_rate)},
                 {"malformedRate", wf::Value(settings_.malformed_rate)},
                 {"wrongTypesRate", wf::Value(settings_.wrong_types_rate)},
                 {"hugeRate", wf::Value(settings_.huge_rate)},
                 {"duplicateCallbacks", wf::Value(settings_.duplicate_callbacks)},
                 {"outOfOrderCallbacks", wf::Value(settings_.out_of_order_callbacks)},
                 {"tamperedCallbacks", wf::Value(settings_.tampered_callbacks)}});
}

}  // namespace hall::citysim
