// Get next work ranked by a decision: the hall's calling rules
// (models/rules/call_priority.dmn) put on-time appointments first, then
// VIP, elderly and disabled visitors, transferred tickets, long waits, and
// everyone else — equal ranks by age. Changing the table changes the order.
#include <gtest/gtest.h>

#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::test {
namespace {

using namespace std::chrono_literals;

class QueueRanking : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dmn = h_.engine().deploy("call_priority.dmn", readFile(std::string(HALL_SOURCE_DIR) +
                                                                "/models/rules/call_priority.dmn"));
    ASSERT_TRUE(dmn.ok()) << dmn.status().toString();
    h_.deploy("runtime/ranked_queue.bpmn");
  }
  std::string visit(const std::string& who, const std::string& flags) {
    return h_.start("ranked_visit", R"({"who": ")" + who + "\"" + flags + "}").id;
  }
  // Who is called, in order, until the queue is empty (bounded).
  std::vector<std::string> callAll() {
    std::vector<std::string> called;
    for (int i = 0; i < 20; ++i) {
      auto next = h_.engine().claimNextTask("窗口1", {"general"});
      EXPECT_TRUE(next.ok()) << next.status().toString();
      if (!next.ok() || !next->has_value()) break;
      called.push_back(h_.instance((*next)->instance_id).variables.find("who")->asString());
    }
    return called;
  }
  void makeTickets() {
    visit("walk_early", "");
    h_.clock().advance(70min);
    visit("vip", R"(, "vip": true)");
    visit("walk_late", "");
    visit("appointment", R"(, "appointmentOnTime": true)");
    visit("elderly", R"(, "elderlyOrDisabled": true)");
  }

  EngineHarness h_;
};

TEST_F(QueueRanking, WithoutADecisionTheOldestIsCalledFirst) {
  makeTickets();
  EXPECT_EQ(callAll(),
            (std::vector<std::string>{"walk_early", "vip", "walk_late", "appointment", "elderly"}));
}

TEST_F(QueueRanking, TheDecisionOrdersTheCalls) {
  ASSERT_TRUE(h_.engine().setQueueRanking("general", "call_priority").isOk());
  makeTickets();
  // walk_early waited 70 minutes: rank 5, before walk_late's 9.
  EXPECT_EQ(callAll(),
            (std::vector<std::string>{"appointment", "vip", "elderly", "walk_early", "walk_late"}));
}

TEST_F(QueueRanking, ClearingTheDecisionGoesBackToAge) {
  ASSERT_TRUE(h_.engine().setQueueRanking("general", "call_priority").isOk());
  makeTickets();
  ASSERT_TRUE(h_.engine().setQueueRanking("general", "").isOk());
  EXPECT_EQ(callAll().front(), "walk_early");
  auto queues = h_.engine().queues();
  ASSERT_TRUE(queues.ok());
  EXPECT_TRUE(queues->empty());
}

TEST_F(QueueRanking, AnUnknownDecisionIsRefused) {
  const wf::Status st = h_.engine().setQueueRanking("general", "no_such_decision");
  EXPECT_EQ(st.code(), wf::StatusCode::NotFound);
  EXPECT_NE(st.message().find("rankingDecision"), std::string::npos);
  auto queues = h_.engine().queues();
  ASSERT_TRUE(queues.ok());
  EXPECT_TRUE(queues->empty());
}

TEST_F(QueueRanking, TasksCarryTheirFollowUpDate) {
  const std::string id = visit("walk", "");
  const auto tasks = h_.tasksAt(id, "wait_call");
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].follow_up_at - tasks[0].created_at, 30 * 60 * 1000);
}

}  // namespace
}  // namespace hall::test
