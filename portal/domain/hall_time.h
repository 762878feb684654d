// The hall's local time. Shanghai keeps China Standard Time (UTC+8) all
// year, so local dates and opening hours are a fixed offset from the
// engine's clock — no time-zone database needed.
#pragma once

#include <cstdint>
#include <string>

namespace hall::domain {

struct HallTime {
  int yyyymmdd = 0;       // 20261129
  std::string date;       // "2026-11-29"
  int minute_of_day = 0;  // 0 … 1439
  int weekday = 0;        // 0 Monday … 6 Sunday
  std::string hhmm;       // "09:03"
};

// The local time in the hall at `epoch_ms`.
HallTime hallTime(int64_t epoch_ms);

// Epoch millis of local `yyyymmdd` at `minute_of_day`.
int64_t hallEpochMillis(int yyyymmdd, int minute_of_day);

}  // namespace hall::domain
