// Event sub-processes: the applicant withdraws the application and the case
// is cancelled cleanly wherever it stands (interrupting, by message); a
// daily reminder runs beside the work (non-interrupting, a timer cycle).
#include <gtest/gtest.h>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;
using namespace std::chrono_literals;

class EventSubProcess : public ::testing::Test {
 protected:
  void SetUp() override {
    h_.deploy("runtime/event_subprocess.bpmn");
    h_.engine().startJobWorkers();
    id_ = h_.start("case_withdrawal", R"({"caseCode": "SH-001"})").id;
  }
  Ids active() { return h_.instance(id_).active_activity_ids; }
  EngineHarness h_;
  std::string id_;
};

TEST_F(EventSubProcess, AWithdrawalInterruptsWhereverTheCaseStands) {
  h_.completeTaskAt(id_, "accept");
  EXPECT_EQ(active(), (Ids{"approve_a", "approve_b"}));
  h_.completeTaskAt(id_, "approve_a");
  ASSERT_TRUE(h_.message("application-withdrawn", "SH-001").ok());
  EXPECT_EQ(active(), Ids{"confirm_withdrawal"});
  EXPECT_TRUE(h_.tasksAt(id_, "approve_b").empty());  // cancelled, not left open
  h_.completeTaskAt(id_, "confirm_withdrawal");
  EXPECT_EQ(h_.instance(id_).state, wf::InstanceState::Completed);
  // Its other event sub-process no longer waits either.
  auto pending = h_.engine().jobs(wf::JobState::Pending);
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty());
}

TEST_F(EventSubProcess, ADailyReminderRunsBesideTheWorkTwiceAtMost) {
  h_.clock().advance(24h);
  h_.settle();
  EXPECT_EQ(active(), (Ids{"accept", "remind"}));
  h_.clock().advance(24h);
  h_.settle();
  EXPECT_EQ(active(), (Ids{"accept", "remind", "remind"}));
  h_.clock().advance(24h);  // R2: no third reminder
  h_.settle();
  EXPECT_EQ(active(), (Ids{"accept", "remind", "remind"}));
}

TEST_F(EventSubProcess, TheCaseEndsWhenItsWorkEndsEvenThoughEventsCouldStillCome) {
  h_.completeTaskAt(id_, "accept");
  h_.completeTaskAt(id_, "approve_a");
  h_.completeTaskAt(id_, "approve_b");
  EXPECT_EQ(h_.instance(id_).state, wf::InstanceState::Completed);
  EXPECT_EQ(h_.message("application-withdrawn", "SH-001").status().code(),
            wf::StatusCode::NotFound);
}

}  // namespace
}  // namespace hall::test
