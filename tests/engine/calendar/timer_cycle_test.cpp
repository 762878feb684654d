// ISO 8601 repeating intervals of timers: what parses, and how firings
// follow each other — bounded by the repetitions, past ones skipped.
#include "calendar/timer_cycle.h"

#include <gtest/gtest.h>

namespace wf::calendar {
namespace {

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kDay = 24 * kHour;

TEST(TimerCycle, ParsesRepetitionsStartAndPeriod) {
  const auto daily = parseTimerCycle("R/2026-12-01T08:30:00+08:00/P1D");
  ASSERT_TRUE(daily.has_value());
  EXPECT_EQ(daily->repetitions, -1);
  ASSERT_TRUE(daily->start.has_value());
  EXPECT_EQ(*daily->start, 1'796'085'000'000);
  EXPECT_EQ(daily->firstDue(0), 1'796'085'000'000);
  const auto three = parseTimerCycle("R3/PT10M");
  ASSERT_TRUE(three.has_value());
  EXPECT_EQ(three->repetitions, 3);
  EXPECT_EQ(three->firstDue(1000), 1000 + 600'000);
}

TEST(TimerCycle, RefusesWhatIsNotARepeatingInterval) {
  for (const char* text : {"", "PT1H", "R", "R/", "Rx/PT1H", "R-1/PT1H", "R/PT0S", "R/P5WD",
                           "R/notadate/PT1H"}) {
    EXPECT_FALSE(parseTimerCycle(text).has_value()) << text;
  }
}

TEST(TimerCycle, FiringsCountDownAndSkipWhatIsPast) {
  const auto cycle = parseTimerCycle("R3/PT1H");
  ASSERT_TRUE(cycle.has_value());
  const auto second = cycle->after({0, 3}, 0);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->due, kHour);
  EXPECT_EQ(second->repeat, 2);
  const auto third = cycle->after(*second, kHour);
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->due, 2 * kHour);
  EXPECT_FALSE(cycle->after({third->due, 1}, 0).has_value());  // that was the last

  // After a day down, an endless hourly cycle fires next at the first hour ahead.
  const auto hourly = parseTimerCycle("R/PT1H");
  const auto next = hourly->after({0, -1}, kDay + 1);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->due, kDay + kHour);
  EXPECT_EQ(next->repeat, -1);
}

}  // namespace
}  // namespace wf::calendar
