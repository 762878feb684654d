// FrontDeskPublisher: what the front desk does, shown on the hall's devices
// (全局无声叫号 — every call on the screens; voice where a zone has it).
//   a call            → `call` to the welcome screens and the window's strip;
//                       `announce` to the loudspeakers of the window's zone
//                       when that zone speaks calls
//   a window changes  → `window` to its strip and the welcome screens
//   a queue changes   → `queues` to the welcome screens and ticket machines
//   a device comes on → a `snapshot` of queues, windows and recent calls, so
//                       a screen that just (re)connected is current
// Message shapes: devices/protocol/README.md.
//
// Thread-safety: called on the front desk's and the hub's threads at once;
// the recent calls are guarded by a mutex of its own, and the hub is
// thread-safe.
#pragma once

#include <atomic>
#include <deque>
#include <mutex>
#include <string>

#include "portal/domain/front_desk.h"
#include "portal/web/device_hub.h"

namespace portal::web {

class FrontDeskPublisher final : public hall::domain::FrontDeskListener {
 public:
  static constexpr size_t kRecentCalls = 10;

  explicit FrontDeskPublisher(DeviceHub& hub) : hub_(hub) {}

  // The desk the snapshots and window views are read from; events before
  // it is set (the desk opening) go to no device.
  void setDesk(hall::domain::FrontDesk* desk) { desk_.store(desk); }

  void called(const hall::domain::CallEvent& call) override;
  void windowChanged(const hall::domain::WindowSession& session) override;
  void queueChanged(const std::string& queue) override;
  // For DeviceHub::setListener: a device that came online gets a snapshot.
  void deviceChanged(const DeviceStatus& status);

 private:
  wf::Value queuesJson(hall::domain::FrontDesk& desk) const;

  DeviceHub& hub_;
  std::atomic<hall::domain::FrontDesk*> desk_{nullptr};
  std::mutex mu_;
  std::deque<wf::Value> recent_calls_;  // newest first
};

// The `window` display data of a window.
wf::Value windowDisplayJson(const hall::domain::WindowView& view);

}  // namespace portal::web
