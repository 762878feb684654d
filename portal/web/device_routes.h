// DeviceRoutes: the devices' endpoints over a DeviceHub.
//   GET /api/v1/devices        every device of the hall layout, by id:
//                              [{id, kind, zone, window, state, faults,
//                                lastSeen, remote, software}]
//   GET /api/v1/devices/{id}   one of them; 404 for an id the layout lacks
// `state` is offline, online or fault; `lastSeen` an ISO 8601 UTC instant,
// or null when the device has never been heard from.
//
// Thread-safety: the hub is thread-safe and the handlers keep no state, so
// they run on every server thread at once.
#pragma once

#include "portal/web/device_hub.h"
#include "portal/web/router.h"
#include "wf/value.h"

namespace portal::web {

class DeviceRoutes {
 public:
  // This object and the hub must outlive the router the routes are added to.
  explicit DeviceRoutes(const DeviceHub& hub) : hub_(hub) {}

  void addTo(Router& router);

  ApiResponse listDevices(const ApiRequest& request);
  ApiResponse getDevice(const ApiRequest& request);

 private:
  const DeviceHub& hub_;
};

wf::Value toJson(const DeviceStatus& status);

}  // namespace portal::web
