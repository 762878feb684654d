// Which of a hall's devices the simulator connects: the ids asked for by
// name, and so many of each kind, all checked against the hall layout
// (models/hall/*.xml) — the server refuses any id its layout does not have.
//
// One connection per device: the device hub keeps a single connection per
// device id and closes the older when a second registers (devices/protocol/
// README.md), so a plan never holds an id twice, and asking for more devices
// of a kind than the layout has is an error, not a second connection of the
// same screen. More screens for a load test need more devices in the layout
// (tools/bench/screens_bench does that on a copy of the models).
//
// Pure functions over the layout; safe from any thread.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "portal/domain/hall_layout.h"
#include "wf/status.h"

namespace hall::devicesim {

// A device to connect, as the layout describes it.
struct FleetMember {
  std::string id;
  std::string kind;    // "window-strip", "welcome-screen", "ticket-kiosk", "broadcast" …
  std::string window;  // a strip's window; "" otherwise
};

struct FleetRequest {
  std::vector<std::string> ids;  // these devices, in this order
  // Then so many of each kind in all, those named in `ids` counting: the
  // rest are the first of the kind in the layout's order.
  int strips = 0;
  int screens = 0;
  int kiosks = 0;
  int desktops = 0;
  int speakers = 0;
  // Every device of the layout (the counts above add nothing then).
  bool all = false;
};

// Reads and checks a hall layout file; its diagnostics (file:line:col) in
// the error when it has errors.
wf::Result<std::shared_ptr<const hall::domain::HallLayout>> loadHallLayout(
    const std::filesystem::path& file);

// The devices the request names, each once. InvalidArgument when an id is
// not in the layout or named twice, when a kind has fewer devices than asked
// for, or when the request names no device at all.
wf::Result<std::vector<FleetMember>> planFleet(const hall::domain::HallLayout& layout,
                                               const FleetRequest& request);

}  // namespace hall::devicesim
