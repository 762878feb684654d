// A repeating timer written as an ISO 8601 repeating interval
// (`R/2026-01-01T08:30:00+08:00/P1D`, `R3/PT10M`): how often, from when,
// and every how long. Timer start events and non-interrupting boundary
// events use them; each firing arms the next.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "wf/value.h"

namespace wf::calendar {

// One firing of a cycle: when, and how many firings are left counting this
// one (-1: without end).
struct Firing {
  int64_t due = 0;
  int repeat = -1;
};

struct TimerCycle {
  int repetitions = -1;          // -1: without end
  std::optional<int64_t> start;  // epoch millis of the first firing, when given
  Duration period;

  // The first due time, counted from `now` when no start is given.
  int64_t firstDue(int64_t now) const;
  // The due time after `due`, on the same local calendar.
  int64_t nextDue(int64_t due) const;
  // The firing after `fired`; nullopt when that was the last. Firings
  // already past at `now` are skipped: after a long outage the missed ones
  // are not repeated one by one.
  std::optional<Firing> after(const Firing& fired, int64_t now) const;
};

// Nullopt when `text` is not `R[n]/[start/]period` with a positive period
// of calendar time (working days do not repeat).
std::optional<TimerCycle> parseTimerCycle(std::string_view text);

}  // namespace wf::calendar
