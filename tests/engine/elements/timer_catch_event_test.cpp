// Intermediate timer catch events: timers are jobs that fire once, when due
// by the engine's clock — also after a restart, when they fell due while the
// engine was down.
#include <gtest/gtest.h>

#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;
using namespace std::chrono_literals;

int64_t at(const char* iso) { return wf::parseDateTime(iso)->epoch_millis; }

void deployCalendarAndTimers(EngineHarness& h) {
  ASSERT_TRUE(h.engine()
                  .deploy("cn-mainland.xml", readFile(std::string(HALL_SOURCE_DIR) +
                                                      "/models/calendar/cn-mainland.xml"))
                  .ok());
  h.deploy("runtime/timer_catch.bpmn");
}

TEST(TimerCatchEvent, WaitsItsDurationThenCountsWorkingDays) {
  EngineHarness h([](wf::EngineOptions& o) { o.utc_offset_minutes = 480; });
  deployCalendarAndTimers(h);
  h.engine().startJobWorkers();
  // Tuesday 2026-09-29 15:00 in Shanghai; the second wait is two working
  // days, counted across National Day (10-01..10-07 off): Wed 09-30 is the
  // first, Thu 10-08 the second.
  h.clock().set(at("2026-09-29T15:00:00+08:00"));
  const wf::InstanceInfo i = h.start("timer_catch", R"({"waitDays": "P2WD"})");
  EXPECT_EQ(i.active_activity_ids, Ids{"wait_an_hour"});

  h.clock().advance(59min);
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"wait_an_hour"});
  h.clock().advance(1min);
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"wait_working_days"});

  h.clock().set(at("2026-10-08T15:59:00+08:00"));
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"wait_working_days"});
  h.clock().set(at("2026-10-08T16:00:00+08:00"));
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"remind"});
  // Each timer fired once.
  int fired = 0;
  for (const std::string& e : h.trace(i.id)) fired += e.rfind("job-completed:", 0) == 0;
  EXPECT_EQ(fired, 2);
}

TEST(TimerCatchEvent, ATimerThatFellDueWhileTheEngineWasDownFiresAtStart) {
  EngineHarness h([](wf::EngineOptions& o) { o.utc_offset_minutes = 480; });
  deployCalendarAndTimers(h);
  const wf::InstanceInfo i = h.start("timer_catch", R"({"waitDays": "P2WD"})");
  h.reopen();  // the engine stops; time passes while it is down
  h.clock().advance(3h);
  h.engine().startJobWorkers();
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"wait_working_days"});
}

TEST(TimerCatchEvent, ABadDurationIsRefusedAtDeployOrAnIncidentAtRunTime) {
  std::string xml = fixture("runtime/timer_catch.bpmn");
  xml.replace(xml.find("PT1H"), 4, "one hour");
  const auto diagnostics = wf::Engine::lint("bad_timer.bpmn", xml);
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_NE(diagnostics[0].message.find("not an ISO 8601 duration"), std::string::npos)
      << diagnostics[0].toString();

  EngineHarness h;
  deployCalendarAndTimers(h);
  const wf::InstanceInfo i = h.start("timer_catch", R"({"waitDays": "soon"})");
  h.engine().startJobWorkers();
  h.clock().advance(1h);
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  const wf::InstanceInfo after = h.instance(i.id);
  EXPECT_TRUE(after.has_incident);
  EXPECT_EQ(after.active_activity_ids, Ids{"wait_working_days"});
}

TEST(TimerCatchEvent, CatchEventsOfOtherKindsAreRefused) {
  std::string xml = fixture("runtime/timer_catch.bpmn");
  const std::string timer =
      "<bpmn:timerEventDefinition>\n        <bpmn:timeDuration>PT1H</bpmn:timeDuration>\n      "
      "</bpmn:timerEventDefinition>";
  ASSERT_NE(xml.find(timer), std::string::npos);
  xml.replace(xml.find(timer), timer.size(), "<bpmn:conditionalEventDefinition />");
  const auto diagnostics = wf::Engine::lint("conditional.bpmn", xml);
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_NE(diagnostics[0].message.find("bpmn:conditionalEventDefinition is not supported"),
            std::string::npos)
      << diagnostics[0].toString();
}

}  // namespace
}  // namespace hall::test
