// Tests for date, date-time and duration arithmetic and comparison in FEEL:
// month-end clamping, leap years, offsets, and what needs a calendar.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/expr/expr_test_support.h"
#include "expr/expression.h"
#include "expr/temporal_arithmetic.h"

namespace wf::expr {
namespace {


using testing::Case;
using testing::show;

Value variables() {
  return Value(Object{{"accepted", *parseDate("2026-09-30")},
                      {"promise", *parseDuration("P5D")},
                      {"submitted", *parseDateTime("2026-10-01T08:30:00+08:00")}});
}

Result<Value> run(std::string_view text) { return testing::evaluateText(text, variables()); }


void expectAll(const std::vector<Case>& cases) { testing::expectAll(cases, variables()); }

Value date(const char* text) { return *parseDate(text); }
Value dateTime(const char* text) { return *parseDateTime(text); }
Value duration(const char* text) { return *parseDuration(text); }

TEST(FeelTemporal, DatePlusDaysTimeDurationMovesWholeDays) {
  expectAll({
      {"@\"2026-01-01\" + @\"P5D\"", date("2026-01-06")},
      {"accepted + promise", date("2026-10-05")},
      {"promise + accepted", date("2026-10-05")},
      {"@\"2026-01-01\" - @\"P1D\"", date("2025-12-31")},
      {"@\"2026-01-01\" + @\"PT25H\"", date("2026-01-02")},
      {"@\"2026-01-01\" - @\"PT1H\"", date("2025-12-31")},
      {"@\"2026-01-01\" + @\"-P2D\"", date("2025-12-30")},
      {"@\"2026-02-27\" + @\"P2W\"", date("2026-03-13")},
  });
}

TEST(FeelTemporal, DatePlusYearsMonthsClampsToMonthEnd) {
  expectAll({
      {"@\"2026-01-31\" + @\"P1M\"", date("2026-02-28")},
      {"@\"2024-01-31\" + @\"P1M\"", date("2024-02-29")},
      {"@\"2024-02-29\" + @\"P1Y\"", date("2025-02-28")},
      {"@\"2024-02-29\" + @\"P4Y\"", date("2028-02-29")},
      {"@\"2026-03-31\" - @\"P1M\"", date("2026-02-28")},
      {"@\"2026-11-30\" + @\"P3M\"", date("2027-02-28")},
      {"@\"2026-01-15\" - @\"P1Y2M\"", date("2024-11-15")},
      {"@\"2026-12-31\" + @\"P1Y1M\"", date("2028-01-31")},
  });
}

TEST(FeelTemporal, DateTimePlusDuration) {
  expectAll({
      {"submitted + @\"PT2H\"", dateTime("2026-10-01T10:30:00+08:00")},
      {"submitted - @\"P1D\"", dateTime("2026-09-30T08:30:00+08:00")},
      {"@\"2026-01-31T23:00:00+08:00\" + @\"P1M\"", dateTime("2026-02-28T23:00:00+08:00")},
      {"string(@\"2026-01-31T23:00:00+08:00\" + @\"P1M\")", "2026-02-28T23:00:00+08:00"},
      {"@\"2026-01-31T10:00:00\" + @\"P1M\"", dateTime("2026-02-28T10:00:00")},
  });
}

TEST(FeelTemporal, DifferencesAreDurations) {
  expectAll({
      {"@\"2026-03-01\" - @\"2026-02-01\"", duration("P28D")},
      {"@\"2024-03-01\" - @\"2024-02-01\"", duration("P29D")},
      {"@\"2026-01-01\" - @\"2026-01-03\"", duration("-P2D")},
      {"@\"2026-10-01T10:00:00+08:00\" - @\"2026-10-01T00:30:00Z\"", duration("PT1H30M")},
      {"string(@\"2026-03-01\" - @\"2026-02-01\")", "P28D"},
  });
}

TEST(FeelTemporal, DurationArithmetic) {
  expectAll({
      {"@\"P1D\" + @\"PT12H\"", duration("P1DT12H")},
      {"@\"P1Y\" - @\"P2M\"", duration("P10M")},
      {"@\"P2WD\" + @\"P3WD\"", duration("P5WD")},
      {"@\"PT1H\" * 3", duration("PT3H")},
      {"2 * @\"P1M\"", duration("P2M")},
      {"@\"P1D\" / 4", duration("PT6H")},
      {"@\"P1D\" / @\"PT1H\"", 24},
      {"-@\"P1D\"", duration("-P1D")},
  });
}

TEST(FeelTemporal, ComparesSameKinds) {
  expectAll({
      {"@\"2026-01-01\" < @\"2026-01-02\"", true},
      {"accepted = @\"2026-09-30\"", true},
      {"@\"2026-10-01T08:30:00+08:00\" = @\"2026-10-01T00:30:00Z\"", true},
      {"submitted < @\"2026-10-01T01:00:00Z\"", true},
      {"@\"P1D\" < @\"PT25H\"", true},
      {"@\"P1Y\" > @\"P11M\"", true},
      {"@\"P1Y\" = @\"P12M\"", true},
      {"@\"P5WD\" > @\"P3WD\"", true},
      {"@\"2026-01-01\" = \"2026-01-01\"", false},
      {"@\"2026-01-01\" + @\"P1D\" in [@\"2026-01-01\"..@\"2026-01-31\"]", true},
  });
}

TEST(FeelTemporal, PropertiesOfDatesAndDurations) {
  expectAll({
      {"accepted.year", 2026},
      {"accepted.month", 9},
      {"accepted.day", 30},
      {"accepted.weekday", 3},  // a Wednesday
      {"submitted.hour", 8},    // in its own offset
      {"submitted.minute", 30},
      {"@\"P3DT4H\".days", 3},
      {"@\"P3DT4H\".hours", 4},
      {"@\"P1Y2M\".years", 1},
      {"@\"P1Y2M\".months", 2},
      {"accepted.nonsense", Value()},
  });
}

TEST(FeelTemporal, MismatchedKindsAndWorkingDaysAreErrors) {
  struct ErrorCase {
    const char* text;
    const char* message;
  };
  const ErrorCase cases[] = {
      {"accepted + 5", R"~(type error: cannot add number to date in "accepted + 5")~"},
      {"accepted < submitted",
       R"~(type error: cannot compare date with date and time in "accepted < submitted")~"},
      {"@\"P1Y\" < @\"P1D\"",
       R"~(type error: cannot compare duration with duration in "@"P1Y" < @"P1D"")~"},
      {"accepted + @\"P5WD\"",
       R"~(working-day durations need a calendar in "accepted + @"P5WD"")~"},
      {"submitted - @\"P1WD\"",
       R"~(working-day durations need a calendar in "submitted - @"P1WD"")~"},
      {"@\"P1D\" - accepted",
       R"~(type error: cannot subtract date from duration in "@"P1D" - accepted")~"},
      {"accepted * 2", R"~(type error: cannot multiply date by number in "accepted * 2")~"},
      {"@\"P1D\" + @\"P1WD\"",
       R"~(type error: cannot combine working-day and calendar durations in "@"P1D" + @"P1WD"")~"},
      {"@\"P1D\" / 0", R"~(division by zero in "@"P1D" / 0")~"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.text);
    const Result<Value> r = run(c.text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::InvalidArgument);
    EXPECT_EQ(r.status().message(), c.message);
  }
}

TEST(TemporalArithmetic, AddMonthsClampedAcrossYearsBothWays) {
  const int64_t jan31 = parseDate("2026-01-31")->days;
  EXPECT_EQ(formatDate(Date{addMonthsClamped(jan31, 1)}), "2026-02-28");
  EXPECT_EQ(formatDate(Date{addMonthsClamped(jan31, 13)}), "2027-02-28");
  EXPECT_EQ(formatDate(Date{addMonthsClamped(jan31, -11)}), "2025-02-28");
  EXPECT_EQ(formatDate(Date{addMonthsClamped(jan31, -23)}), "2024-02-29");
  EXPECT_EQ(formatDate(Date{addMonthsClamped(jan31, 0)}), "2026-01-31");
  EXPECT_EQ(formatDate(Date{addMonthsClamped(parseDate("1969-12-31")->days, 2)}), "1970-02-28");
}

}  // namespace
}  // namespace wf::expr
