#include "tools/devicesim/fleet_plan.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>

#include "portal/domain/hall_layout_reader.h"

namespace hall::devicesim {

namespace {

using hall::domain::Device;
using hall::domain::DeviceKind;
using hall::domain::HallLayout;

FleetMember memberOf(const Device& device) {
  return FleetMember{device.id, hall::domain::deviceKindName(device.kind), device.window};
}

}  // namespace

wf::Result<std::shared_ptr<const HallLayout>> loadHallLayout(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return wf::Status::invalid(file.string() + ": cannot open the hall layout");
  const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!hall::domain::isHallLayoutDocument(xml)) {
    return wf::Status::invalid(file.string() + ": not a hall layout (<hall xmlns=\"" +
                               std::string(hall::domain::kHallLayoutNs) + "\">)");
  }
  hall::domain::ReadHallLayoutResult read = hall::domain::readHallLayout(file.string(), xml);
  if (!read.layout) {
    std::string message;
    for (const wf::Diagnostic& d : read.diagnostics) {
      if (d.severity == wf::Severity::Error)
        message += (message.empty() ? "" : "\n") + d.toString();
    }
    return wf::Status::invalid(message.empty() ? file.string() + ": unreadable hall layout"
                                               : message);
  }
  return read.layout;
}

wf::Result<std::vector<FleetMember>> planFleet(const HallLayout& layout,
                                               const FleetRequest& request) {
  std::vector<FleetMember> plan;
  std::set<std::string, std::less<>> taken;
  for (const std::string& id : request.ids) {
    const auto found = std::find_if(layout.devices.begin(), layout.devices.end(),
                                    [&](const Device& d) { return d.id == id; });
    if (found == layout.devices.end()) {
      return wf::Status::invalid("device \"" + id + "\" is not in the hall layout " + layout.id);
    }
    if (!taken.insert(id).second) {
      return wf::Status::invalid("device \"" + id +
                                 "\" named twice: the hub keeps one connection per device");
    }
    plan.push_back(memberOf(*found));
  }

  const struct {
    DeviceKind kind;
    int wanted;
    const char* option;
  } kCounts[] = {{DeviceKind::WindowStrip, request.strips, "--strips"},
                 {DeviceKind::WelcomeScreen, request.screens, "--screens"},
                 {DeviceKind::TicketKiosk, request.kiosks, "--kiosks"},
                 {DeviceKind::TicketDesktop, request.desktops, "--desktops"},
                 {DeviceKind::Broadcast, request.speakers, "--speakers"}};
  for (const auto& count : kCounts) {
    if (count.wanted < 0) {
      return wf::Status::invalid(std::string(count.option) + ": expected a count of 0 or more");
    }
    const int of_kind =
        static_cast<int>(std::count_if(layout.devices.begin(), layout.devices.end(),
                                       [&](const Device& d) { return d.kind == count.kind; }));
    if (count.wanted > of_kind) {
      return wf::Status::invalid(std::string(count.option) + " " + std::to_string(count.wanted) +
                                 ": the hall layout " + layout.id + " has " +
                                 std::to_string(of_kind) + " " +
                                 hall::domain::deviceKindName(count.kind) +
                                 " device(s); the hub keeps one connection per device id, so "
                                 "more need more devices in the layout");
    }
    int planned =
        static_cast<int>(std::count_if(plan.begin(), plan.end(), [&](const FleetMember& m) {
          return m.kind == hall::domain::deviceKindName(count.kind);
        }));
    for (const Device& d : layout.devices) {
      if (planned >= count.wanted) break;
      if (d.kind != count.kind || !taken.insert(d.id).second) continue;
      plan.push_back(memberOf(d));
      ++planned;
    }
  }

  if (request.all) {
    for (const Device& d : layout.devices) {
      if (taken.insert(d.id).second) plan.push_back(memberOf(d));
    }
  }
  if (plan.empty()) return wf::Status::invalid("no devices asked for");
  return plan;
}

}  // namespace hall::devicesim
