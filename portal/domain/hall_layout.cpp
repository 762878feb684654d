#include "portal/domain/hall_layout.h"

#include <algorithm>

namespace hall::domain {

namespace {

template <typename T>
const T* byId(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const char* windowKindName(WindowKind kind) {
  switch (kind) {
    case WindowKind::Ordinary:
      return "ordinary";
    case WindowKind::Reserved:
      return "reserved";
    case WindowKind::SuperComprehensive:
      return "super";
    case WindowKind::Vip:
      return "vip";
  }
  return "ordinary";
}

const char* deviceKindName(DeviceKind kind) {
  switch (kind) {
    case DeviceKind::TicketKiosk:
      return "ticket-kiosk";
    case DeviceKind::TicketDesktop:
      return "ticket-desktop";
    case DeviceKind::WindowStrip:
      return "window-strip";
    case DeviceKind::WelcomeScreen:
      return "welcome-screen";
    case DeviceKind::Broadcast:
      return "broadcast";
    case DeviceKind::FingerprintReader:
      return "fingerprint-reader";
  }
  return "ticket-kiosk";
}

const Queue* HallLayout::queue(const std::string& id) const { return byId(queues, id); }
const Window* HallLayout::window(const std::string& id) const { return byId(windows, id); }
const Zone* HallLayout::zone(const std::string& id) const { return byId(zones, id); }
const Department* HallLayout::department(const std::string& id) const {
  return byId(departments, id);
}

int HallLayout::windowsOfKind(WindowKind kind) const {
  return static_cast<int>(std::count_if(windows.begin(), windows.end(),
                                        [&](const Window& w) { return w.kind == kind; }));
}

HallLayout activeLayout(const HallLayout& layout) {
  HallLayout active = layout;
  const auto retired = [](const auto& item) { return item.retired; };
  std::erase_if(active.windows, retired);
  std::erase_if(active.queues, retired);
  std::erase_if(active.departments, retired);
  std::erase_if(active.devices, [&](const Device& d) {
    return !d.window.empty() && active.window(d.window) == nullptr;
  });
  return active;
}

}  // namespace hall::domain
