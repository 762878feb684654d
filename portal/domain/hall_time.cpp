#include "portal/domain/hall_time.h"

#include <cstdio>

namespace hall::domain {

namespace {

constexpr int64_t kOffsetMillis = int64_t{8} * 3600 * 1000;  // UTC+8
constexpr int64_t kDayMillis = int64_t{24} * 3600 * 1000;

// Days since 1970-01-01 to a civil date (proleptic Gregorian), after the
// era-based method: eras of 400 years repeat exactly.
void civilFromDays(int64_t days, int* y, int* m, int* d) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2 ? 1 : 0));
}

int64_t daysFromCivil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

HallTime hallTime(int64_t epoch_ms) {
  const int64_t local = epoch_ms + kOffsetMillis;
  const int64_t days = floorDiv(local, kDayMillis);
  const int64_t in_day = local - days * kDayMillis;
  int y = 0, m = 0, d = 0;
  civilFromDays(days, &y, &m, &d);
  HallTime t;
  t.yyyymmdd = y * 10000 + m * 100 + d;
  t.minute_of_day = static_cast<int>(in_day / 60000);
  // 1970-01-01 was a Thursday (weekday 3 when Monday is 0).
  t.weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", y, m, d);
  t.date = buffer;
  std::snprintf(buffer, sizeof(buffer), "%02d:%02d", t.minute_of_day / 60, t.minute_of_day % 60);
  t.hhmm = buffer;
  return t;
}

int64_t hallEpochMillis(int yyyymmdd, int minute_of_day) {
  const int64_t days = daysFromCivil(yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
  return days * kDayMillis + int64_t{minute_of_day} * 60000 - kOffsetMillis;
}

}  // namespace hall::domain
