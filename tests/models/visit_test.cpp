// models/processes/visit.bpmn: the ways a visit goes — served, handed over
// to a case, transferred keeping its place, a no-show given one more turn
// and then ended — with calling as get next work over the visit's queue.
#include <gtest/gtest.h>

#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;

class Visit : public ::testing::Test {
 protected:
  void SetUp() override {
    auto deployed = h_.engine().deploy(
        "visit.bpmn", readFile(std::string(HALL_SOURCE_DIR) + "/models/processes/visit.bpmn"));
    ASSERT_TRUE(deployed.ok()) << deployed.status().toString();
  }
  std::string ticket(const std::string& queue, const std::string& number) {
    return h_.start("visit", R"({"queue": ")" + queue + R"(", "ticketNumber": ")" + number + "\"}")
        .id;
  }
  // A window calls the next ticket of its queues: the claimed waiting task.
  std::string callNext(const std::string& window, const std::vector<std::string>& queues) {
    auto next = h_.engine().claimNextTask(window, queues);
    EXPECT_TRUE(next.ok() && next->has_value()) << "no one to call";
    return next.ok() && next->has_value() ? (*next)->id : std::string();
  }
  void complete(const std::string& task, const std::string& vars) {
    ASSERT_TRUE(h_.engine().completeTask(task, json(vars)).isOk());
  }
  Ids active(const std::string& id) { return h_.instance(id).active_activity_ids; }

  EngineHarness h_;
};

TEST_F(Visit, AConsultationIsServedAndRated) {
  const std::string id = ticket("commerce", "A001");
  complete(callNext("W01", {"commerce"}), R"({"called": "arrived", "window": "W01"})");
  const auto serving = h_.tasksAt(id, "serving");
  ASSERT_EQ(serving.size(), 1u);
  EXPECT_EQ(serving[0].assignee, "W01");
  complete(serving[0].id, R"({"outcome": "consultation"})");
  EXPECT_EQ(active(id), Ids{"rating"});
  EXPECT_FALSE(h_.reached(id, "hand_over"));
}

TEST_F(Visit, AnIntakeIsHandedOverToACase) {
  const std::string id = ticket("cross", "F001");
  complete(callNext("S51", {"cross"}), R"({"called": "arrived", "window": "S51"})");
  h_.completeTaskAt(id, "serving", R"({"outcome": "intake"})");
  EXPECT_EQ(active(id), Ids{"hand_over"});
}

TEST_F(Visit, ATransferWaitsInTheNewQueueAheadOfWalkInsThere) {
  // The tax queue calls by the hall's rules: a transferred ticket before
  // the walk-ins who came in meanwhile.
  auto dmn = h_.engine().deploy("call_priority.dmn", readFile(std::string(HALL_SOURCE_DIR) +
                                                              "/models/rules/call_priority.dmn"));
  ASSERT_TRUE(dmn.ok()) << dmn.status().toString();
  ASSERT_TRUE(h_.engine().setQueueRanking("tax", "call_priority").isOk());
  const std::string first = ticket("commerce", "A001");
  complete(callNext("W01", {"commerce"}), R"({"called": "arrived", "window": "W01"})");
  const std::string walk_in = ticket("tax", "D001");
  h_.clock().advance(std::chrono::minutes(5));
  h_.completeTaskAt(first, "serving",
                    R"({"outcome": "transfer", "queue": "tax", "transferred": true})");
  EXPECT_EQ(active(first), Ids{"waiting"});
  auto next = h_.engine().claimNextTask("W11", {"tax"});
  ASSERT_TRUE(next.ok() && next->has_value());
  EXPECT_EQ((*next)->instance_id, first);
  EXPECT_EQ((*next)->queue, "tax");
  EXPECT_EQ(active(walk_in), Ids{"waiting"});
}

TEST_F(Visit, ANoShowGetsOneMoreTurnThenEnds) {
  const std::string id = ticket("commerce", "A007");
  complete(callNext("W01", {"commerce"}), R"({"called": "no-show", "requeue": true})");
  EXPECT_EQ(active(id), Ids{"waiting"});
  complete(callNext("W02", {"commerce"}), R"({"called": "no-show", "requeue": false})");
  EXPECT_EQ(h_.instance(id).state, wf::InstanceState::Completed);
  EXPECT_TRUE(h_.reached(id, "no_show"));
  EXPECT_FALSE(h_.reached(id, "serving"));
}

TEST_F(Visit, AVisitWithoutAQueueIsAnIncidentNotAWaitingTask) {
  const std::string id = h_.start("visit", "{}").id;
  EXPECT_TRUE(h_.instance(id).has_incident);
  wf::TaskQuery q;
  q.instance_id = id;
  EXPECT_TRUE(h_.engine().tasks(q)->empty());
}

}  // namespace
}  // namespace hall::test
