// Working-day arithmetic on the shipped mainland calendar
// (models/calendar/cn-mainland.xml). Every expected date is worked out by hand
// from the holiday data in that file; the comment beside it shows the count.
// Day-of-week anchors: 2025-01-01 is a Wednesday, 2026-01-01 a Thursday.
#include "calendar/working_calendar.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "calendar/calendar_reader.h"
#include "support/fixtures.h"

namespace wf::calendar {
namespace {

Date date(const char* text) {
  const std::optional<Date> d = parseDate(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Date{});
}

std::string add(const WorkingCalendar& c, const char* start, int64_t n) {
  return formatDate(c.addWorkingDays(date(start), n));
}

class MainlandCalendar : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string path = std::string(HALL_SOURCE_DIR) + "/models/calendar/cn-mainland.xml";
    ReadCalendarResult r = readCalendar(path, hall::test::readFile(path));
    ASSERT_FALSE(hasErrors(r.diagnostics)) << r.diagnostics[0].toString();
    calendar_ = std::move(r.calendar);
  }
  static void TearDownTestSuite() { calendar_.reset(); }

  const WorkingCalendar& cal() const { return *calendar_; }

  static std::shared_ptr<const WorkingCalendar> calendar_;
};

std::shared_ptr<const WorkingCalendar> MainlandCalendar::calendar_;

TEST_F(MainlandCalendar, SpringFestival2026CountsBothMakeUpSaturdays) {
  // 春节 2026-02-15 (Sun) .. 02-23 (Mon) off; Saturdays 02-14 and 02-28 worked.
  EXPECT_TRUE(cal().isWorkingDay(date("2026-02-14")));
  EXPECT_TRUE(cal().isWorkingDay(date("2026-02-28")));
  EXPECT_FALSE(cal().isWorkingDay(date("2026-02-15")));
  EXPECT_FALSE(cal().isWorkingDay(date("2026-02-16")));  // a Monday, but 春节
  EXPECT_FALSE(cal().isWorkingDay(date("2026-02-23")));  // the last day off, a Monday
  EXPECT_TRUE(cal().isWorkingDay(date("2026-02-24")));
  EXPECT_FALSE(cal().isWorkingDay(date("2026-02-21")));  // a Saturday inside 春节
  EXPECT_FALSE(cal().isWorkingDay(date("2026-03-01")));  // an ordinary Sunday

  // Accepted Thu 02-12, due in 3 working days: 02-13 Fri (1), 02-14 Sat
  // make-up (2), 02-15..02-23 off, 02-24 Tue (3).
  EXPECT_EQ(add(cal(), "2026-02-12", 3), "2026-02-24");
  // From Fri 02-13: 02-14 (1), 02-24 (2), 25 (3), 26 (4), 27 Fri (5).
  EXPECT_EQ(add(cal(), "2026-02-13", 5), "2026-02-27");
  // One more is the make-up Saturday 02-28 (6); then Sunday 03-01 rests and
  // Monday 03-02 is the 7th.
  EXPECT_EQ(add(cal(), "2026-02-13", 6), "2026-02-28");
  EXPECT_EQ(add(cal(), "2026-02-13", 7), "2026-03-02");
  // (02-12, 03-02]: 13, 14, 24, 25, 26, 27, 28, 03-02.
  EXPECT_EQ(cal().workingDaysBetween(date("2026-02-12"), date("2026-03-02")), 8);
}

TEST_F(MainlandCalendar, NationalDay2025WithMakeUpSundayAndSaturday) {
  // 国庆节、中秋节 2025-10-01 (Wed) .. 10-08 (Wed) off; Sun 09-28 and Sat 10-11
  // worked.
  EXPECT_TRUE(cal().isWorkingDay(date("2025-09-28")));
  EXPECT_TRUE(cal().isWorkingDay(date("2025-10-11")));
  EXPECT_FALSE(cal().isWorkingDay(date("2025-10-06")));  // 中秋节 itself, a Monday
  EXPECT_FALSE(cal().isWorkingDay(date("2025-10-08")));
  EXPECT_TRUE(cal().isWorkingDay(date("2025-10-09")));
  EXPECT_FALSE(cal().isWorkingDay(date("2025-09-27")));  // the Saturday before: rests

  // From Fri 09-26: Sat 09-27 rests, Sun 09-28 is the make-up day (1).
  EXPECT_EQ(add(cal(), "2025-09-26", 1), "2025-09-28");
  // 09-28 (1), Mon 09-29 (2), Tue 09-30 (3).
  EXPECT_EQ(add(cal(), "2025-09-26", 3), "2025-09-30");
  // From Tue 09-30: 10-01..10-08 off, Thu 10-09 (1).
  EXPECT_EQ(add(cal(), "2025-09-30", 1), "2025-10-09");
  // 10-09 (1), Fri 10-10 (2), Sat 10-11 make-up (3).
  EXPECT_EQ(add(cal(), "2025-09-30", 3), "2025-10-11");
  // Accepted Mon 09-29, 5 working days: 09-30 (1), 10-09 (2), 10-10 (3),
  // 10-11 (4), Sun 10-12 rests, Mon 10-13 (5).
  EXPECT_EQ(add(cal(), "2025-09-29", 5), "2025-10-13");
  EXPECT_EQ(cal().workingDaysBetween(date("2025-09-29"), date("2025-10-13")), 5);
}

TEST_F(MainlandCalendar, MidAutumnAndNationalDay2026AreTwoBreaks) {
  // 中秋节 2026-09-25 (Fri) .. 09-27 (Sun); 国庆节 10-01 (Thu) .. 10-07 (Wed);
  // Sun 09-20 and Sat 10-10 worked.
  EXPECT_TRUE(cal().isWorkingDay(date("2026-09-20")));
  EXPECT_TRUE(cal().isWorkingDay(date("2026-10-10")));
  EXPECT_FALSE(cal().isWorkingDay(date("2026-09-25")));
  EXPECT_TRUE(cal().isWorkingDay(date("2026-09-28")));  // between the two breaks
  EXPECT_FALSE(cal().isWorkingDay(date("2026-10-07")));
  EXPECT_TRUE(cal().isWorkingDay(date("2026-10-08")));

  // From Fri 09-18: Sat 09-19 rests, Sun 09-20 make-up (1).
  EXPECT_EQ(add(cal(), "2026-09-18", 1), "2026-09-20");
  // From Thu 09-24: 09-25..09-27 off, Mon 09-28 (1).
  EXPECT_EQ(add(cal(), "2026-09-24", 1), "2026-09-28");
  // From Wed 09-30: 10-01..10-07 off, 10-08 (1), 10-09 (2), Sat 10-10 (3),
  // Sun 10-11 rests, Mon 10-12 (4).
  EXPECT_EQ(add(cal(), "2026-09-30", 3), "2026-10-10");
  EXPECT_EQ(add(cal(), "2026-09-30", 4), "2026-10-12");
  // (09-19, 10-12]: 20, 21, 22, 23, 24, 28, 29, 30, 10-08, 09, 10, 12.
  EXPECT_EQ(cal().workingDaysBetween(date("2026-09-19"), date("2026-10-12")), 12);
}

TEST_F(MainlandCalendar, NewYear2026AcrossTheYearBoundary) {
  // 元旦 2026-01-01 (Thu) .. 01-03 (Sat) off; Sun 01-04 worked.
  EXPECT_FALSE(cal().isWorkingDay(date("2026-01-01")));
  EXPECT_FALSE(cal().isWorkingDay(date("2026-01-02")));
  EXPECT_TRUE(cal().isWorkingDay(date("2026-01-04")));
  EXPECT_TRUE(cal().isWorkingDay(date("2025-12-31")));

  // From Wed 2025-12-31: 01-01..01-03 off, Sun 01-04 (1), Mon 01-05 (2).
  EXPECT_EQ(add(cal(), "2025-12-31", 1), "2026-01-04");
  EXPECT_EQ(add(cal(), "2025-12-31", 2), "2026-01-05");
  // From Fri 2025-12-26: 12-27/28 weekend, Mon 12-29 (1), 30 (2), 31 (3),
  // 01-04 (4), 01-05 (5).
  EXPECT_EQ(add(cal(), "2025-12-26", 5), "2026-01-05");
  // (2025-12-26, 2026-01-09]: 12-29, 30, 31, 01-04, 05, 06, 07, 08, 09.
  EXPECT_EQ(cal().workingDaysBetween(date("2025-12-26"), date("2026-01-09")), 9);
}

TEST_F(MainlandCalendar, SpringFestival2025WithMakeUpSunday) {
  // 春节 2025-01-28 (Tue) .. 02-04 (Tue); Sun 01-26 and Sat 02-08 worked.
  // From Fri 01-24: Sat 01-25 rests, Sun 01-26 (1), Mon 01-27 (2),
  // 01-28..02-04 off, Wed 02-05 (3).
  EXPECT_EQ(add(cal(), "2025-01-24", 1), "2025-01-26");
  EXPECT_EQ(add(cal(), "2025-01-24", 3), "2025-02-05");
  // 02-05 (3), 06 (4), 07 (5), Sat 02-08 make-up (6).
  EXPECT_EQ(add(cal(), "2025-01-24", 6), "2025-02-08");
}

TEST_F(MainlandCalendar, OutsideTheCoveredYearsOnlyWeekendsCount) {
  // 2027 is not in the file: its National Day is unknown, so Fri 2027-10-01
  // counts as a working day and only the weekend 10-02/03 rests.
  EXPECT_FALSE(cal().covers(date("2027-10-01")));
  EXPECT_TRUE(cal().isWorkingDay(date("2027-10-01")));
  EXPECT_FALSE(cal().isWorkingDay(date("2027-10-02")));
  // From Thu 2027-09-30: 10-01 (1), Mon 10-04 (2).
  EXPECT_EQ(add(cal(), "2027-09-30", 2), "2027-10-04");
  // Counting out of 2026 into 2027: from Thu 2026-12-31, Fri 2027-01-01 is a
  // plain Friday (1) because 元旦 2027 is not known.
  EXPECT_EQ(add(cal(), "2026-12-31", 1), "2027-01-01");
}

TEST_F(MainlandCalendar, DurationKeepsTheLocalTimeOfDay) {
  constexpr int kShanghai = 8 * 60;
  const int64_t accepted = parseDateTime("2026-02-12T16:30:00+08:00")->epoch_millis;
  const Duration p3wd = *parseDuration("P3WD");
  // The same count as SpringFestival2026: due Tue 02-24, still 16:30 local.
  EXPECT_EQ(cal().addWorkingDuration(accepted, p3wd, kShanghai),
            parseDateTime("2026-02-24T16:30:00+08:00")->epoch_millis);
}

TEST_F(MainlandCalendar, DurationCountsOnTheLocalDateNotTheUtcDate) {
  constexpr int kShanghai = 8 * 60;
  // 07:00 in Shanghai on 12-31 is still 12-30 in UTC. Counted locally: from
  // Wed 12-31, 元旦 01-01..03 off, Sun 01-04 (1). Counted in UTC it would
  // wrongly be 12-31 23:00Z, i.e. 07:00 local on the 元旦 holiday.
  const int64_t accepted = parseDateTime("2025-12-31T07:00:00+08:00")->epoch_millis;
  EXPECT_EQ(cal().addWorkingDuration(accepted, *parseDuration("P1WD"), kShanghai),
            parseDateTime("2026-01-04T07:00:00+08:00")->epoch_millis);
}

TEST_F(MainlandCalendar, DurationWithoutWorkingDaysIsPlainTime) {
  const int64_t start = parseDateTime("2026-02-14T09:00:00+08:00")->epoch_millis;
  // PT2H is elapsed time; the calendar has nothing to say about it.
  EXPECT_EQ(cal().addWorkingDuration(start, *parseDuration("PT2H"), 480),
            start + 2 * 60 * 60 * 1000);
  EXPECT_EQ(cal().addWorkingDuration(start, *parseDuration("P0WD"), 480), start);
}

TEST_F(MainlandCalendar, DurationAddsOtherPartsAfterTheWorkingDays) {
  // The parser never mixes WD with other designators, but a Duration built
  // in code can: from Fri 2026-01-30 10:00, 1 working day is Mon 02-02, then
  // one month on the local date is 03-02 and 90 minutes more 11:30.
  const int64_t start = parseDateTime("2026-01-30T10:00:00+08:00")->epoch_millis;
  const Duration mixed{1, 90 * 60 * 1000, 1};
  EXPECT_EQ(cal().addWorkingDuration(start, mixed, 480),
            parseDateTime("2026-03-02T11:30:00+08:00")->epoch_millis);
}

// The fast count (weekly arithmetic plus binary search over the dated
// exceptions) must agree with stepping day by day through isWorkingDay.
TEST_F(MainlandCalendar, AgreesWithStepByStepCountingAroundEveryHoliday) {
  for (int64_t s = date("2024-12-01").days; s <= date("2027-01-31").days; ++s) {
    const Date start{s};
    Date forward = start;
    Date backward = start;
    for (int64_t n = 1; n <= 12; ++n) {
      do {
        ++forward.days;
      } while (!cal().isWorkingDay(forward));
      do {
        --backward.days;
      } while (!cal().isWorkingDay(backward));
      ASSERT_EQ(cal().addWorkingDays(start, n), forward) << formatDate(start) << " + " << n;
      ASSERT_EQ(cal().addWorkingDays(start, -n), backward) << formatDate(start) << " - " << n;
      ASSERT_EQ(cal().workingDaysBetween(start, forward), n) << formatDate(start);
      ASSERT_EQ(cal().workingDaysBetween(start, backward), -n) << formatDate(start);
    }
  }
}

TEST(WorkingCalendar, FiveWorkingDaysFromMondayIsTheNextMonday) {
  const auto cal = WorkingCalendar::weekendsOnly();
  EXPECT_TRUE(cal->coveredYears().empty());
  // Mon 2030-03-04: Tue (1) … Fri (4), Sat/Sun rest, Mon 03-11 (5).
  EXPECT_EQ(add(*cal, "2030-03-04", 5), "2030-03-11");
  // The start day never counts, even when it is a rest day: Sat + 1 = Mon.
  EXPECT_EQ(add(*cal, "2030-03-09", 1), "2030-03-11");
  EXPECT_EQ(add(*cal, "2030-03-09", 0), "2030-03-09");
  // Backwards from Mon 03-11: the Friday before.
  EXPECT_EQ(add(*cal, "2030-03-11", -1), "2030-03-08");
  EXPECT_EQ(cal->workingDaysBetween(date("2030-03-11"), date("2030-03-04")), -5);
  EXPECT_EQ(cal->workingDaysBetween(date("2030-03-04"), date("2030-03-04")), 0);
}

TEST(WorkingCalendar, DatesBeforeTheEpochUseTheSameWeek) {
  const auto cal = WorkingCalendar::weekendsOnly();
  // 1969-12-31 was a Wednesday: + 3 is Mon 1970-01-05 (Thu, Fri, Mon).
  EXPECT_EQ(weekdayOf(date("1969-12-31")), Weekday::Wednesday);
  EXPECT_EQ(add(*cal, "1969-12-31", 3), "1970-01-05");
  EXPECT_EQ(yearOf(date("1969-12-31")), 1969);
  EXPECT_EQ(yearOf(date("2024-02-29")), 2024);
}

TEST(WorkingCalendar, HonoursAnyWeeklyRestPattern) {
  // A Friday-Saturday weekend with one holiday on Sunday 2030-01-06 and a
  // make-up Friday 2030-01-11.
  const WorkingCalendar cal("fri-sat", {false, false, false, false, true, true, false}, {2030},
                            {Holiday{"h", date("2030-01-06"), date("2030-01-06")}},
                            {MakeUpDay{date("2030-01-11"), "h"}});
  EXPECT_TRUE(cal.isWorkingDay(date("2030-01-13")));   // a Sunday
  EXPECT_FALSE(cal.isWorkingDay(date("2030-01-06")));  // the Sunday holiday
  EXPECT_TRUE(cal.isWorkingDay(date("2030-01-11")));   // the make-up Friday
  // From Thu 2030-01-03: Fri/Sat rest, Sun 01-06 holiday, Mon 01-07 (1).
  EXPECT_EQ(add(cal, "2030-01-03", 1), "2030-01-07");
  // From Thu 01-10: Fri 01-11 make-up (1), Sat rests, Sun 01-13 (2).
  EXPECT_EQ(add(cal, "2030-01-10", 2), "2030-01-13");
}

TEST(WorkingCalendar, AbsurdCountsAreClampedNotLooped) {
  const auto cal = WorkingCalendar::weekendsOnly();
  const Date start = date("2030-01-01");
  const Date far = cal->addWorkingDays(start, int64_t{1} << 60);
  EXPECT_EQ(far, cal->addWorkingDays(start, WorkingCalendar::kMaxWorkingDays));
  EXPECT_EQ(cal->workingDaysBetween(start, far), WorkingCalendar::kMaxWorkingDays);
  EXPECT_EQ(cal->workingDaysBetween(start, cal->addWorkingDays(start, -(int64_t{1} << 60))),
            -WorkingCalendar::kMaxWorkingDays);
}

}  // namespace
}  // namespace wf::calendar
