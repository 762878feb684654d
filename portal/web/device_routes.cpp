#include "portal/web/device_routes.h"

#include <utility>

#include "portal/web/record_json.h"

namespace portal::web {

wf::Value toJson(const DeviceStatus& status) {
  wf::Array faults;
  for (const std::string& code : status.faults) faults.emplace_back(code);
  return wf::Value(wf::Object{
      {"id", wf::Value(status.id)},
      {"kind", wf::Value(status.kind)},
      {"zone", wf::Value(status.zone)},
      {"window", wf::Value(status.window)},
      {"state", wf::Value(status.state)},
      {"faults", wf::Value(std::move(faults))},
      {"lastSeen", instantJson(status.last_seen_ms)},
      {"remote", wf::Value(status.remote)},
      {"software", wf::Value(status.software)},
  });
}

void DeviceRoutes::addTo(Router& router) {
  router.add("GET", "/api/v1/devices", [this](const ApiRequest& r) { return listDevices(r); });
  router.add("GET", "/api/v1/devices/{id}", [this](const ApiRequest& r) { return getDevice(r); });
}

ApiResponse DeviceRoutes::listDevices(const ApiRequest&) {
  wf::Array out;
  for (const DeviceStatus& status : hub_.devices()) out.push_back(toJson(status));
  return ApiResponse::ok(wf::Value(std::move(out)));
}

ApiResponse DeviceRoutes::getDevice(const ApiRequest& request) {
  const std::string& id = request.params.at("id");
  const std::optional<DeviceStatus> status = hub_.device(id);
  if (!status) return ApiResponse::error(wf::Status::notFound("no device " + id));
  return ApiResponse::ok(toJson(*status));
}

}  // namespace portal::web
