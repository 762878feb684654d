// The command line of hall-devicesim (README.md in this folder), parsed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tools/devicesim/fleet_plan.h"
#include "tools/devicesim/simulated_finger.h"
#include "wf/status.h"

namespace hall::devicesim {

inline constexpr const char* kDevicesimUsage =
    "usage: hall-devicesim [--url URL] [--secret S] [--layout FILE]\n"
    "                      [--devices ID,ID...] [--strips N] [--screens N] [--kiosks N]\n"
    "                      [--desktops N] [--speakers N] [--all]\n"
    "                      [--take-tickets-per-minute R] [--duration S] [--verbose]\n"
    "                      [--finger LOGIN=SECRET]... [--finger-fail REASON]\n";

struct DevicesimOptions {
  std::string url = "http://127.0.0.1:8080";
  std::optional<std::string> secret;  // else HALL_DEVICE_SECRET
  std::string layout = "models/hall/changning.xml";
  FleetRequest fleet;
  double tickets_per_minute = 0;  // per kiosk; 0: the kiosks take none
  double duration_seconds = 0;    // 0: until SIGINT or SIGTERM
  SimulatedFingers fingers;       // --finger, --finger-fail: what the readers answer
  bool verbose = false;
  bool help = false;
};

// InvalidArgument naming the option when an argument is wrong.
wf::Result<DevicesimOptions> parseDevicesimOptions(const std::vector<std::string>& args);

}  // namespace hall::devicesim
