// simulateHallDay: plays a HallDayPlan through the real front desk of a
// FrontDeskHarness as a discrete-event simulation. One thread, events in
// time order (ties in the order they were scheduled); before each event the
// harness's fake clock — shared by the engine — is set to its time.
//
// Appointments are booked at 08:00; the planned clerks sign in at 09:00.
// Visitors take tickets as they arrive. Whenever a window is idle and the
// simulation knows someone waits in a queue it serves, the window calls the
// next number. The called visitor walks up (or not: recalls, then a
// no-show), is served, and the window ends the service or transfers the
// ticket; clerks pause for their breaks when idle. The day ends when no
// event is left; then the clerks sign out and the visits' connectors
// (case.handover, rating.request) run, stood in for by job handlers that
// succeed at once.
//
// While it runs, the simulation checks each call against what it knows of
// the queues — the rules of the hall as the calling decision and the
// window's order of queues state them — and records every departure as a
// problem rather than stopping, so a test can show them all.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "support/front_desk_harness.h"
#include "support/hall_day_plan.h"

namespace hall::test {

struct DayTicket {
  std::string id;
  std::string number;
  std::string instance_id;
  int visitor = 0;
  // appointment (on time), vip, elderly (or disabled), walk-in, or
  // late-appointment (called as a walk-in).
  std::string category;
  std::string queue;  // issued in
  int64_t issued_at = 0;
  int estimated_wait_minutes = 0;  // as told at the machine
  int64_t first_called_at = 0;
  int requeues = 0;  // after a no-show
  bool transferred = false;
};

struct DayCall {
  std::string ticket;
  std::string window;
  int64_t at = 0;
  bool recall = false;
};

struct DayLog {
  std::vector<DayTicket> tickets;  // in the order issued
  std::vector<DayCall> calls;      // as the front desk returned them
  int too_early_refusals = 0;      // appointments told to come back
  int no_shows = 0;                // times a visitor did not come when called
  int transfers = 0;
  int transfers_to_window = 0;
  int breaks = 0;
  std::map<std::string, int> peak_waiting;  // by queue: the most waiting at once
  int events = 0;
  int64_t last_event_at = 0;
  std::vector<std::string> problems;
};

DayLog simulateHallDay(FrontDeskHarness& harness, const HallDayPlan& plan);

}  // namespace hall::test
