// Promised time limits (hall:dueIn="P3WD") count working days of a deployed
// calendar, on the hall's local dates: holidays are skipped and make-up
// working days count.
#include <gtest/gtest.h>

#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::test {
namespace {

int64_t at(const char* iso) { return wf::parseDateTime(iso)->epoch_millis; }

std::string calendarXml() {
  return readFile(std::string(HALL_SOURCE_DIR) + "/models/calendar/cn-mainland.xml");
}

TEST(DueDate, WorkingDaysSkipTheSpringFestivalAndCountItsMakeUpSaturday) {
  EngineHarness h([](wf::EngineOptions& o) { o.utc_offset_minutes = 480; });
  ASSERT_TRUE(h.engine().deploy("cn-mainland.xml", calendarXml()).ok());
  h.deploy("runtime/promised_days.bpmn");
  // Accepted Thursday 2026-02-12 10:00 in Shanghai. Friday 02-13 is the 1st
  // working day, the make-up Saturday 02-14 the 2nd, 02-15..02-23 is the
  // Spring Festival, Tuesday 02-24 the 3rd.
  h.clock().set(at("2026-02-12T10:00:00+08:00"));
  const wf::InstanceInfo i = h.start("promised_days");
  EXPECT_EQ(h.tasksAt(i.id, "approve").at(0).due_at, at("2026-02-24T10:00:00+08:00"));
}

TEST(DueDate, WithoutANamedOrDefaultCalendarOnlyWeekendsAreSkipped) {
  EngineHarness h([](wf::EngineOptions& o) { o.utc_offset_minutes = 480; });
  ASSERT_TRUE(h.engine().deploy("cn-mainland.xml", calendarXml()).ok());
  h.deploy("runtime/promised_days.bpmn");
  h.clock().set(at("2026-02-12T10:00:00+08:00"));
  const wf::InstanceInfo i = h.start("promised_days");
  h.completeTaskAt(i.id, "approve");
  // `review` names no calendar and there is no default: Fri 13, Mon 16, Tue 17.
  EXPECT_EQ(h.tasksAt(i.id, "review").at(0).due_at, at("2026-02-17T10:00:00+08:00"));
}

TEST(DueDate, TheDefaultCalendarAppliesToElementsThatNameNone) {
  EngineHarness h([](wf::EngineOptions& o) {
    o.utc_offset_minutes = 480;
    o.default_calendar = "cn-mainland";
  });
  ASSERT_TRUE(h.engine().deploy("cn-mainland.xml", calendarXml()).ok());
  h.deploy("runtime/promised_days.bpmn");
  // National Day 2026: 10-01..10-07 off, Saturday 10-10 a make-up day.
  // Accepted Wednesday 09-30 09:00: Thu 10-08, Fri 10-09, Sat 10-10.
  h.clock().set(at("2026-09-30T09:00:00+08:00"));
  const wf::InstanceInfo i = h.start("promised_days");
  h.completeTaskAt(i.id, "approve");
  EXPECT_EQ(h.tasksAt(i.id, "review").at(0).due_at, at("2026-10-10T09:00:00+08:00"));
}

TEST(DueDate, ACalendarThatIsNotDeployedIsAnIncident) {
  EngineHarness h;
  h.deploy("runtime/promised_days.bpmn");
  const wf::InstanceInfo i = h.start("promised_days");
  EXPECT_TRUE(i.has_incident);
  EXPECT_EQ(i.active_activity_ids, std::vector<std::string>{"approve"});
}

}  // namespace
}  // namespace hall::test
