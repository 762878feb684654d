#include "portal/domain/hall_time.h"

#include <gtest/gtest.h>

namespace hall::domain {
namespace {

TEST(HallTime, IsBeijingTimeWithItsDateWeekdayAndMinute) {
  // 2026-11-29T16:30:00Z is Monday 00:30 in Shanghai.
  const HallTime t = hallTime(1'795'969'800'000);
  EXPECT_EQ(t.date, "2026-11-30");
  EXPECT_EQ(t.yyyymmdd, 20261130);
  EXPECT_EQ(t.weekday, 0);
  EXPECT_EQ(t.minute_of_day, 30);
  EXPECT_EQ(t.hhmm, "00:30");
  const HallTime before = hallTime(1'795'969'800'000 - 31 * 60'000);
  EXPECT_EQ(before.date, "2026-11-29");
  EXPECT_EQ(before.weekday, 6);
  EXPECT_EQ(before.hhmm, "23:59");
}

TEST(HallTime, RoundTripsAcrossMonthsYearsAndLeapDays) {
  for (int day : {20240229, 20251231, 20260101, 20261130, 20280301, 19700101}) {
    for (int minute : {0, 9 * 60, 17 * 60 + 59, 23 * 60 + 59}) {
      const HallTime t = hallTime(hallEpochMillis(day, minute));
      EXPECT_EQ(t.yyyymmdd, day);
      EXPECT_EQ(t.minute_of_day, minute);
    }
  }
  EXPECT_EQ(hallTime(0).hhmm, "08:00");  // the epoch, in Beijing
  EXPECT_EQ(hallTime(0).weekday, 3);     // a Thursday
}

}  // namespace
}  // namespace hall::domain
