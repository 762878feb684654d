// Timer start events: a cycle starts an instance at each firing, the
// firings are bounded by the repetitions, and a new version takes over.
#include <gtest/gtest.h>

#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::test {
namespace {

using namespace std::chrono_literals;

// 2026-12-01T08:30:00+08:00
constexpr int64_t kFirstFiring = 1'796'085'000'000;

// A harness whose clock stands a minute before the first firing, with the
// timer's model deployed.
void deployBeforeFirstFiring(EngineHarness& h) {
  h.clock().set(kFirstFiring - 60'000);
  h.deploy("runtime/start_timer.bpmn");
}

int reportTasks(EngineHarness& h) {
  wf::TaskQuery q;
  q.limit = 100;
  auto tasks = h.engine().tasks(q);
  return tasks.ok() ? static_cast<int>(tasks->size()) : -1;
}

TEST(StartTimer, ACycleStartsAnInstanceAtEachFiringUpToItsRepetitions) {
  EngineHarness h;
  deployBeforeFirstFiring(h);
  h.engine().startJobWorkers();
  h.settle();
  EXPECT_EQ(reportTasks(h), 0);
  h.clock().set(kFirstFiring);
  h.settle();
  EXPECT_EQ(reportTasks(h), 1);
  h.clock().advance(24h);
  h.settle();
  EXPECT_EQ(reportTasks(h), 2);
  h.clock().advance(24h);
  h.settle();
  EXPECT_EQ(reportTasks(h), 3);
  h.clock().advance(24h);  // R3: done
  h.settle();
  EXPECT_EQ(reportTasks(h), 3);
}

TEST(StartTimer, ATimerThatFellDueWhileDownFiresAtStart) {
  EngineHarness h;
  deployBeforeFirstFiring(h);
  h.clock().set(kFirstFiring + 3'600'000);
  h.reopen();
  h.engine().startJobWorkers();
  h.settle();
  EXPECT_EQ(reportTasks(h), 1);
}

TEST(StartTimer, ANewVersionCancelsTheOldVersionsTimers) {
  EngineHarness h;
  deployBeforeFirstFiring(h);
  std::string xml = fixture("runtime/start_timer.bpmn");
  xml.replace(xml.find("汇总昨日办件"), std::string("汇总昨日办件").size(), "汇总办件");
  auto v2 = h.engine().deploy("start_timer.bpmn", xml);
  ASSERT_TRUE(v2.ok());
  ASSERT_EQ(v2->definitions[0].version, 2);
  h.engine().startJobWorkers();
  h.clock().set(kFirstFiring);
  h.settle();
  wf::TaskQuery q;
  auto tasks = h.engine().tasks(q);
  ASSERT_TRUE(tasks.ok());
  ASSERT_EQ(tasks->size(), 1u);  // one firing, of version 2 only
  EXPECT_EQ(tasks->front().name, "汇总办件");
}

}  // namespace
}  // namespace hall::test
