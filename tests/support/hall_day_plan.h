// HallDayPlan: who comes to the Changning hall on one day and what each of
// them will do, and which clerks work which windows when — drawn up front
// from a seed, so that a simulation replays the same day whatever order the
// front desk serves it in.
//
// Visitors arrive from opening (09:00) to closing (17:00) on a curve with a
// morning peak (about 09:30–11:00), a lunch dip and an afternoon peak
// (about 14:00–15:30). Most take a ticket for a queue by weight (商事登记
// and 一窗通 heaviest) as walk-ins or with their ID card (some born before
// 1966, so elderly); some booked an appointment ahead and check in on time,
// too early (refused; they come back when told) or late (a walk-in then);
// a few are VIP. At the window a visitor may not come when called (and may
// come on a recall, or not at all, in which case the hall's rule requeues
// the ticket once), may be sent on to another queue or window, and is
// served for a lognormal time whose mean depends on the queue.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "portal/domain/front_desk_records.h"
#include "portal/domain/hall_layout.h"
#include "support/sim_random.h"

namespace hall::test {

enum class Punctuality { OnTime, TooEarly, Late };

struct PlannedVisitor {
  int index = 0;
  int64_t arrives_at = 0;  // epoch millis at the ticket machine
  std::string queue;       // for an appointment, the one it was booked for
  hall::domain::TicketChannel channel = hall::domain::TicketChannel::WalkIn;
  std::string id_number;  // valid GB 11643; empty for an anonymous walk-in
  bool elderly = false;   // born before 1966
  bool disabled = false;  // declared at the machine

  // An appointment (channel Appointment), booked ahead for `slot_at`.
  bool vip_booking = false;
  int64_t slot_at = 0;
  Punctuality punctuality = Punctuality::OnTime;
  // Refused as too early, the visitor comes back this long after the time
  // the machine named.
  int64_t returns_after_ms = 0;

  // At the window. Per calling (the first, and the one after a no-show
  // requeued the ticket): the call he answers, 1 … 3 (a recall), or 0 for
  // none — he is not there.
  std::array<int, 2> answers_call = {1, 1};
  int64_t walk_ms = 0;  // from the call to the window
  double service_minutes = 0;
  std::string outcome;  // "consultation" or "intake"
  // A transfer after `transfer_after_minutes` of service: to another queue,
  // or (transfer_to_window) to a window serving that queue; then served
  // there for `second_service_minutes`.
  std::string transfer_queue;
  bool transfer_to_window = false;
  double transfer_pick = 0;  // which such window, in [0, 1)
  double transfer_after_minutes = 0;
  double second_service_minutes = 0;
};

struct PlannedBreak {
  int64_t from = 0;  // the clerk pauses at the first idle moment from here
  int64_t minutes = 0;
};

struct PlannedWindow {
  std::string id;
  std::vector<PlannedBreak> breaks;  // in time order
};

struct HallDayPlan {
  int yyyymmdd = 0;
  int64_t opens_at = 0;                  // 09:00
  int64_t closes_at = 0;                 // 17:00
  std::vector<PlannedVisitor> visitors;  // by arrival
  std::vector<PlannedWindow> windows;    // signed in at opening
};

struct HallDayShape {
  uint32_t seed = 1;
  int yyyymmdd = 20261130;  // a Monday
  int visitors = 300;
  // The windows clerks sign in to (with the VIP rooms); each queue must be
  // served by at least one.
  std::vector<std::string> windows;
};

HallDayPlan planHallDay(const HallDayShape& shape, const hall::domain::HallLayout& layout);

}  // namespace hall::test
