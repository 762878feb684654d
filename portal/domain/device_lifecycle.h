// DeviceLifecycle: the life of one hall device as the server sees it.
//
//   offline ──registered──▶ online ──fault reported──▶ fault
//   fault ──its last fault cleared──▶ online
//   online, fault ──disconnected (closed, or heartbeats missed)──▶ offline
//
// A fault reported while in fault adds to the device's faults; clearing a
// fault the device does not have changes nothing (a device may clear, after
// reconnecting, a fault from its previous connection). Going offline forgets
// the faults: a device reports again what it still has when it registers.
//
// A Boost.Statechart machine inside (device_lifecycle.cpp). An event the
// current state does not take is a Conflict and changes nothing — never a
// silent change of state.
//
// Not thread-safe: the owner (portal/web's DeviceHub) serializes all calls.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "wf/status.h"

namespace hall::domain {

struct DeviceLifecycleMachine;

class DeviceLifecycle {
 public:
  enum class State { Offline, Online, Fault };

  DeviceLifecycle();  // offline
  ~DeviceLifecycle();
  DeviceLifecycle(DeviceLifecycle&&) noexcept;
  DeviceLifecycle& operator=(DeviceLifecycle&&) noexcept;

  State state() const;
  // The faults reported and not yet cleared, sorted by code.
  std::vector<std::string> faults() const;

  wf::Status registered();
  wf::Status faultReported(const std::string& code);
  wf::Status faultCleared(const std::string& code);
  wf::Status disconnected();

 private:
  std::unique_ptr<DeviceLifecycleMachine> machine_;
};

// "offline", "online", "fault": the wire names of the states.
const char* deviceStateName(DeviceLifecycle::State state);

}  // namespace hall::domain
