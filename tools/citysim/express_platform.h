// ExpressPlatform: the simulated 市快递平台 (the city's express delivery
// platform), prefix /express/v1 (README.md): create a waybill for a
// certificate (idempotent by Idempotency-Key) and read it. A waybill moves
// created → collected (揽收) → in-transit → delivered (签收) when the
// simulator is told to (POST /_sim/express/waybills/{no}/advance) or, when
// started with a step time, on its own one step that long after the last
// (for demos; tests use the endpoint), and each
// step is a signed callback to the hall (CallbackSender, app id
// city-express) when the simulator knows where the hall is (--hall, or PUT
// /_sim/express/hall). The platform's fault plan can make the callbacks
// misbehave: each sent twice, held back and sent last first (delivered
// before collected), or with a broken signature.
//
// The store is in memory and lives as long as the process. Thread-safe: one
// mutex guards the waybills; callbacks are sent outside it. With a step
// time, one thread of its own moves the waybills (stopped by the
// destructor).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tools/citysim/callback_sender.h"
#include "tools/citysim/platform.h"
#include "tools/citysim/waybill_application.h"

namespace hall::citysim {

class ExpressPlatform final : public Platform {
 public:
  static constexpr const char* kCallbackApp = "city-express";

  // `key` signs the callbacks (HMAC-SM3), or `sm2_key` when given (SM2,
  // --callback-sm2-key); `hall_url` is where they go (none: kept only in
  // the waybill's events); `step_every` > 0 moves each waybill on by
  // itself, one step that long after the last.
  ExpressPlatform(std::string key, std::optional<std::string> hall_url,
                  std::chrono::milliseconds step_every = std::chrono::milliseconds(0),
                  std::optional<connectors::Sm2Key> sm2_key = std::nullopt);
  ~ExpressPlatform() override;
  ExpressPlatform(const ExpressPlatform&) = delete;
  ExpressPlatform& operator=(const ExpressPlatform&) = delete;

  std::string name() const override { return "express"; }
  std::string prefix() const override { return "/express/v1"; }
  std::string displayName() const override { return "市快递平台"; }
  PlatformResponse handle(const PlatformRequest& request, PlatformStats& stats) override;
  void bindFaults(const FaultPlan& faults) override { faults_ = &faults; }
  PlatformResponse control(const PlatformRequest& request) override;

 private:
  struct Event {
    std::string event;  // collected, in-transit, delivered
    std::string event_id;
    int64_t at_ms = 0;
  };
  struct Waybill {
    std::string number;
    WaybillApplication application;
    int64_t created_at_ms = 0;
    int step = 0;               // index in kSteps
    std::vector<Event> events;  // in the order they happened
    std::vector<Event> held;    // out of order: not sent until delivered
  };
  struct IdempotentCreate {
    std::string fingerprint;
    std::string number;
  };

  PlatformResponse create(const PlatformRequest& request, PlatformStats& stats);
  PlatformResponse read(const std::string& number);
  PlatformResponse setHall(const std::string& body);
  PlatformResponse advance(const std::string& number, const std::string& body, int64_t now_ms);
  // The callback of `event` of `waybill` as JSON text.
  static std::string callbackBody(const Waybill& waybill, const Event& event);
  static wf::Value createAnswer(const Waybill& waybill);
  static wf::Value fullWaybill(const Waybill& waybill);
  // The step thread: moves on every waybill whose last step is due.
  void stepByTime();

  const CallbackSender sender_;
  std::atomic<const FaultPlan*> faults_{nullptr};
  std::mutex mutex_;
  std::optional<std::string> hall_url_;
  std::map<std::string, Waybill> waybills_;  // by number; numbers sort in creation order
  std::map<std::string, IdempotentCreate> created_by_key_;
  int64_t sequence_ = 0;

  const std::chrono::milliseconds step_every_;
  std::mutex stepper_mutex_;
  std::condition_variable stepper_wake_;
  bool stopping_ = false;  // under stepper_mutex_
  std::thread stepper_;
};

}  // namespace hall::citysim
