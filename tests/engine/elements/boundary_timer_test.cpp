// Boundary timers on a task: a non-interrupting reminder before the
// deadline, an interrupting escalation after it.
#include <gtest/gtest.h>

#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;
using namespace std::chrono_literals;

class BoundaryTimer : public ::testing::Test {
 protected:
  void SetUp() override {
    h_.deploy("runtime/boundary_timers.bpmn");
    h_.engine().startJobWorkers();
    instance_ = h_.start("boundary_timers", R"({"deadline": "PT2H"})").id;
  }
  void advance(std::chrono::milliseconds by) {
    h_.clock().advance(by);
    ASSERT_TRUE(h_.engine().waitForJobsIdle(10s));
  }
  Ids active() { return h_.instance(instance_).active_activity_ids; }

  EngineHarness h_;
  std::string instance_;
};

TEST_F(BoundaryTimer, ANonInterruptingReminderRunsBesideTheTask) {
  EXPECT_EQ(active(), Ids{"approve"});
  advance(59min);
  EXPECT_EQ(active(), Ids{"approve"});
  advance(1min);
  EXPECT_EQ(active(), (Ids{"approve", "reminder"}));
  EXPECT_EQ(h_.tasksAt(instance_, "approve").size(), 1u);
}

TEST_F(BoundaryTimer, AnInterruptingTimerEndsTheTaskAndEscalates) {
  const std::string approve = h_.tasksAt(instance_, "approve").at(0).id;
  advance(1h);  // the reminder first (timers due together may fire in any order)
  advance(1h);
  EXPECT_EQ(active(), (Ids{"escalation", "reminder"}));
  EXPECT_EQ(h_.engine().task(approve)->state, wf::TaskState::Cancelled);
  EXPECT_EQ(h_.engine().completeTask(approve, json("{}")).code(), wf::StatusCode::Conflict);
  h_.completeTaskAt(instance_, "escalation");
  h_.completeTaskAt(instance_, "reminder");
  EXPECT_EQ(h_.instance(instance_).state, wf::InstanceState::Completed);
  EXPECT_TRUE(h_.engine().verifyHistory(instance_).isOk());
}

TEST_F(BoundaryTimer, CompletingTheTaskInTimeCancelsItsTimers) {
  h_.completeTaskAt(instance_, "approve");
  EXPECT_EQ(h_.instance(instance_).state, wf::InstanceState::Completed);
  EXPECT_EQ(h_.engine().jobs(wf::JobState::Cancelled)->size(), 2u);
  advance(3h);  // nothing fires any more
  EXPECT_TRUE(h_.engine().jobs(wf::JobState::Pending)->empty());
  EXPECT_FALSE(h_.reached(instance_, "reminder"));
  EXPECT_FALSE(h_.reached(instance_, "escalation"));
}

TEST(BoundaryTimerModel, ABoundaryEventOnNothingOrWithIncomingFlowIsRefused) {
  std::string xml = fixture("runtime/boundary_timers.bpmn");
  xml.replace(xml.find(R"(attachedToRef="approve" cancelActivity)"), 23,
              R"(attachedToRef="nothing")");
  const auto diagnostics = wf::Engine::lint("bad.bpmn", xml);
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_NE(diagnostics[0].message.find("attached to unknown element 'nothing'"),
            std::string::npos)
      << diagnostics[0].toString();
}

}  // namespace
}  // namespace hall::test
