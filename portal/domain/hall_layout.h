// The hall as a model (models/hall/*.xml): its zones, the departments
// stationed in it, the queues visitors take tickets for (each with a ticket
// prefix and opening hours), the windows — which queues each serves in what
// order and which matters it takes — the devices and where they stand, and
// the rules of the front desk. Windows, queues and departments are retired,
// never deleted, so that old tickets and cases still name them. Read once at
// start; plain data, shared read-only.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "wf/diagnostic.h"

namespace hall::domain {

enum class WindowKind { Ordinary, Reserved, SuperComprehensive, Vip };
enum class DeviceKind {
  TicketKiosk,        // 21.5" floor-standing, portrait touch
  TicketDesktop,      // 14" desktop, dual screen
  WindowStrip,        // the strip screen above a window
  WelcomeScreen,      // the LED welcome screen
  Broadcast,          // a zone's loudspeaker
  FingerprintReader,  // at a window, confirms an acceptance
};

const char* windowKindName(WindowKind kind);
const char* deviceKindName(DeviceKind kind);

// Where something stands on the floor plan (metres from the plan's origin).
struct Position {
  int floor = 1;
  double x = 0;
  double y = 0;
};

struct Zone {
  std::string id;
  std::string name;
  int floor = 1;
  bool voice = false;  // calls are also spoken here
  wf::SourceLocation loc;
};

// A department (委办局) with people at windows of the hall.
struct Department {
  std::string id;
  std::string name;
  std::string code;           // 统一社会信用代码 (USCC, 18 characters), may be empty
  bool illustrative = false;  // the code is made up (no real register behind it)
  bool retired = false;
  wf::SourceLocation loc;
};

struct Queue {
  std::string id;
  std::string name;
  char prefix = 'A';          // ticket numbers are A001, A002 …
  int opens_minute = 9 * 60;  // minutes after local midnight
  int closes_minute = 17 * 60;
  std::array<bool, 7> days{};  // open on: [0] Monday … [6] Sunday
  bool retired = false;        // no tickets; no active window serves it
  wf::SourceLocation loc;
};

struct Window {
  std::string id;
  int number = 0;  // what the screens and the voice say
  WindowKind kind = WindowKind::Ordinary;
  std::string zone;
  Position position;
  std::vector<std::string> queues;   // served in this order
  std::string department;            // whose people sit here; empty: the hall's own
  std::vector<std::string> matters;  // codes of the matters it takes (opaque here)
  bool retired = false;              // out of service: not in the front desk
  wf::SourceLocation loc;
};

struct Device {
  std::string id;
  DeviceKind kind = DeviceKind::TicketKiosk;
  std::string zone;
  std::string window;  // for strips and fingerprint readers
  Position position;
  wf::SourceLocation loc;
};

// The rules of the front desk.
struct FrontDeskRules {
  int no_show_limit = 3;               // recalls before a ticket counts as a no-show
  bool no_show_requeues_once = true;   // a no-show goes back to the queue once, else ends
  int appointment_early_minutes = 30;  // earlier than this before the slot: waits as walk-in
  int appointment_late_minutes = 15;   // later than this after the slot: a walk-in
};

struct HallLayout {
  std::string id;
  std::string name;
  std::vector<Zone> zones;
  std::vector<Department> departments;
  std::vector<Queue> queues;
  std::vector<Window> windows;
  std::vector<Device> devices;
  FrontDeskRules rules;

  const Queue* queue(const std::string& id) const;
  const Window* window(const std::string& id) const;
  const Zone* zone(const std::string& id) const;
  const Department* department(const std::string& id) const;
  int windowsOfKind(WindowKind kind) const;
};

// The part of `layout` in service: without retired windows, queues and
// departments, and without the devices at retired windows. What the front
// desk is built from.
HallLayout activeLayout(const HallLayout& layout);

}  // namespace hall::domain
