// The calendar reader: the shipped calendar reads clean and says what it
// covers; each broken fixture in tests/fixtures/calendar/ gives its exact
// first error (line, column, message) and no calendar.
#include "calendar/calendar_reader.h"

#include <string>

#include <gtest/gtest.h>

#include "support/fixtures.h"

namespace wf::calendar {
namespace {

using hall::test::fixture;
using hall::test::readFile;

const std::string kShipped = std::string(HALL_SOURCE_DIR) + "/models/calendar/cn-mainland.xml";

Date date(const char* text) { return *parseDate(text); }

TEST(CalendarReader, ShippedMainlandCalendarReadsClean) {
  const ReadCalendarResult r = readCalendar("cn-mainland.xml", readFile(kShipped));
  for (const Diagnostic& d : r.diagnostics) {
    ADD_FAILURE() << d.toString();
  }
  ASSERT_NE(r.calendar, nullptr);
  EXPECT_EQ(r.calendar->id(), "cn-mainland");
  EXPECT_EQ(r.calendar->coveredYears(), (std::vector<int>{2025, 2026}));
  EXPECT_TRUE(r.calendar->isWeeklyRestDay(Weekday::Saturday));
  EXPECT_TRUE(r.calendar->isWeeklyRestDay(Weekday::Sunday));
  EXPECT_FALSE(r.calendar->isWeeklyRestDay(Weekday::Friday));
  // 2025: 元旦, 春节, 清明节, 劳动节, 端午节, 国庆节、中秋节; 2026: 元旦, 春节, 清明节,
  // 劳动节, 端午节, 中秋节, 国庆节.
  EXPECT_EQ(r.calendar->holidays().size(), 13u);
  // 2025: 01-26, 02-08, 04-27, 09-28, 10-11; 2026: 01-04, 02-14, 02-28, 05-09,
  // 09-20, 10-10.
  EXPECT_EQ(r.calendar->makeUpDays().size(), 11u);
  EXPECT_TRUE(r.calendar->covers(date("2026-12-31")));
  EXPECT_FALSE(r.calendar->covers(date("2027-01-01")));
  EXPECT_FALSE(r.calendar->covers(date("2024-12-31")));
}

TEST(CalendarReader, YearWithoutSourceIsAWarningNotAnError) {
  const ReadCalendarResult r = readCalendar("t.xml", R"(<?xml version="1.0"?>
<calendar xmlns="urn:hall:calendar:1" id="t">
  <weeklyRest day="sunday"/>
  <year value="2030">
    <holiday name="元旦" from="2030-01-01" to="2030-01-01"/>
  </year>
</calendar>)");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, Severity::Warning);
  EXPECT_EQ(r.diagnostics[0].toString(),
            "t.xml:4:3: warning: year 2030 cites no source; name the State Council notice it "
            "comes from");
  ASSERT_NE(r.calendar, nullptr);
  // Only Sunday rests in this calendar: Saturday 2030-01-05 is a working day.
  EXPECT_TRUE(r.calendar->isWorkingDay(date("2030-01-05")));
  EXPECT_FALSE(r.calendar->isWorkingDay(date("2030-01-01")));
}

TEST(CalendarReader, MakeUpDayMayNameAHolidayWrittenAfterIt) {
  const ReadCalendarResult r =
      readCalendar("t.xml", R"(<calendar xmlns="urn:hall:calendar:1" id="t">
  <year value="2025" source="test">
    <makeUpWorkday date="2025-04-27" for="劳动节"/>
    <holiday name="劳动节" from="2025-05-01" to="2025-05-05"/>
  </year>
  <weeklyRest day="saturday"/>
  <weeklyRest day="sunday"/>
</calendar>)");
  EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics[0].toString();
  ASSERT_NE(r.calendar, nullptr);
  // Rest days are read before the years wherever they are written, so the
  // Sunday 2025-04-27 is accepted as a make-up day and counts.
  EXPECT_TRUE(r.calendar->isWorkingDay(date("2025-04-27")));
}

TEST(CalendarReader, ForeignQualifiedAttributesAreIgnored) {
  const ReadCalendarResult r = readCalendar("t.xml", R"(<calendar xmlns="urn:hall:calendar:1"
    xmlns:x="urn:other" id="t" x:note="kept by another tool" xml:lang="zh-CN">
  <weeklyRest day="sunday"/>
</calendar>)");
  EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics[0].toString();
  EXPECT_NE(r.calendar, nullptr);
}

struct BadCase {
  const char* file;
  int line;
  int column;
  const char* message;
};

// clang-format off
const BadCase kBadCases[] = {
    // Positions are those of the offending attribute value (or of the element
    // when an attribute is missing), counted in characters: 春节 is 2 columns.
    {"001_xml_syntax.xml", 7, 5, "xml: start-end tags mismatch"},
    {"002_wrong_root.xml", 2, 1,
     "the root element 'calendar' is not a calendar element (namespace urn:hall:calendar:1)"},
    // February 2025 has 28 days; the column is that of the value of `to`.
    {"003_bad_date.xml", 6, 46, "to '2025-02-30' is not a date (YYYY-MM-DD)"},
    {"004_overlapping_holidays.xml", 7, 5,
     "holiday '端午节' (2025-05-04 to 2025-05-06) overlaps holiday '劳动节' (2025-05-01 to 2025-05-05) at 6:5"},
    // 2025-01-27 is the Monday before 春节: a regular working day.
    {"005_make_up_not_weekend.xml", 7, 26,
     "make-up workday 2025-01-27 is a monday, not a weekly rest day; only a rest day can be worked in exchange"},
    // 2026-02-22 is a Sunday, but inside 春节 2026-02-15..23.
    {"006_make_up_inside_holiday.xml", 7, 5,
     "make-up workday 2026-02-22 lies inside holiday '春节' (2026-02-15 to 2026-02-23) at 6:5; a day cannot be both off and worked"},
    {"007_unknown_element.xml", 7, 5, "unknown element <workday> in <year>"},
    {"008_unknown_attribute.xml", 6, 65, "unknown attribute 'note' on <holiday>"},
    {"009_holiday_ends_before_start.xml", 6, 47,
     "holiday '国庆节' ends (2025-10-01) before it starts (2025-10-08)"},
    {"010_date_outside_year.xml", 6, 31,
     "from 2025-10-01 is not in year 2026 (nor in the December before or the January after it)"},
    {"011_duplicate_year.xml", 8, 16, "year 2025 is listed twice (first at 5:16)"},
    {"012_make_up_for_unknown_holiday.xml", 7, 43,
     "make-up workday 2025-04-27 is for holiday '五一', which year 2025 does not list"},
    {"013_bad_weekday.xml", 4, 20, "'周日' is not a day of the week (monday … sunday)"},
    {"014_missing_attribute.xml", 6, 5, "<holiday> has no to"},
    {"015_duplicate_make_up.xml", 8, 5,
     "make-up workday 2025-01-26 is listed twice (first at 7:5)"},
    {"016_bad_year.xml", 5, 16, "year '25' is not a four-digit year"},
};
// clang-format on

class CalendarReaderRefuses : public testing::TestWithParam<BadCase> {};

TEST_P(CalendarReaderRefuses, WithItsFirstErrorAndNoCalendar) {
  const BadCase& c = GetParam();
  const std::string file = std::string("calendar/") + c.file;
  const ReadCalendarResult r = readCalendar(file, fixture(file));
  EXPECT_EQ(r.calendar, nullptr);
  ASSERT_TRUE(hasErrors(r.diagnostics));
  const Diagnostic* first = nullptr;
  for (const Diagnostic& d : r.diagnostics) {
    if (d.severity == Severity::Error) {
      first = &d;
      break;
    }
  }
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->file, file);
  EXPECT_EQ(first->message, c.message);
  EXPECT_EQ(first->line, c.line) << first->toString();
  EXPECT_EQ(first->column, c.column) << first->toString();
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CalendarReaderRefuses, testing::ValuesIn(kBadCases),
                         [](const testing::TestParamInfo<BadCase>& info) {
                           std::string name = info.param.file;
                           name = name.substr(0, name.find('.'));
                           return "f" + name;
                         });

TEST(CalendarReader, EveryDayARestDayIsRefused) {
  std::string xml = R"(<calendar xmlns="urn:hall:calendar:1" id="t">)";
  for (const char* day :
       {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
    xml += std::string("<weeklyRest day=\"") + day + "\"/>";
  }
  xml += "</calendar>";
  const ReadCalendarResult r = readCalendar("t.xml", xml);
  EXPECT_EQ(r.calendar, nullptr);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].message, "every day of the week is a weekly rest day");
}

TEST(CalendarReader, ReportsEveryErrorNotOnlyTheFirst) {
  // Two independent mistakes in one year: both are listed, in file order.
  const ReadCalendarResult r =
      readCalendar("t.xml", R"(<calendar xmlns="urn:hall:calendar:1" id="t">
  <weeklyRest day="saturday"/>
  <weeklyRest day="sunday"/>
  <year value="2025" source="test">
    <holiday name="元旦" from="2025-13-01" to="2025-01-01"/>
    <makeUpWorkday date="2025-01-02"/>
  </year>
</calendar>)");
  EXPECT_EQ(r.calendar, nullptr);
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].line, 5);
  EXPECT_EQ(r.diagnostics[1].line, 6);
  EXPECT_NE(r.diagnostics[1].message.find("is a thursday"), std::string::npos);
}

}  // namespace
}  // namespace wf::calendar
