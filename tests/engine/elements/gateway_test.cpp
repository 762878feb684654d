// Exclusive, parallel and inclusive gateways: forks, joins, defaults.
#include <gtest/gtest.h>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;

TEST(ExclusiveGateway, TakesTheFlowWhoseConditionHolds) {
  EngineHarness h;
  h.deploy("runtime/exclusive.bpmn");
  EXPECT_EQ(h.start("exclusive", R"({"amount": 500})").active_activity_ids, Ids{"big"});
}

TEST(ExclusiveGateway, TakesDefaultFlowWhenNoConditionHolds) {
  EngineHarness h;
  h.deploy("runtime/exclusive.bpmn");
  EXPECT_EQ(h.start("exclusive", R"({"amount": 5})").active_activity_ids, Ids{"small"});
  // A missing variable makes the condition null, which is not true.
  EXPECT_EQ(h.start("exclusive", "{}").active_activity_ids, Ids{"small"});
}

TEST(ExclusiveGateway, RaisesAnIncidentWhenNoFlowCanBeTaken) {
  EngineHarness h;
  h.deploy("runtime/exclusive_no_default.bpmn");
  const wf::InstanceInfo i = h.start("exclusive_no_default", R"({"amount": 50})");
  EXPECT_EQ(i.state, wf::InstanceState::Active);
  EXPECT_TRUE(i.has_incident);
  EXPECT_EQ(i.active_activity_ids, Ids{"xor"});
}

TEST(ExclusiveGateway, ANonBooleanConditionIsAnIncident) {
  EngineHarness h;
  h.deploy("runtime/exclusive.bpmn");
  const wf::InstanceInfo i = h.start("exclusive", R"({"amount": "many"})");
  EXPECT_TRUE(i.has_incident);
}

TEST(ParallelGateway, ForksIntoEveryFlowAndJoinsWhenAllArrived) {
  EngineHarness h;
  h.deploy("runtime/parallel.bpmn");
  const wf::InstanceInfo i = h.start("parallel");
  EXPECT_EQ(i.active_activity_ids, (Ids{"a", "b", "c"}));
  h.completeTaskAt(i.id, "b");
  EXPECT_EQ(h.instance(i.id).active_activity_ids, (Ids{"a", "c", "join"}));
  h.completeTaskAt(i.id, "a");
  EXPECT_EQ(h.instance(i.id).active_activity_ids, (Ids{"c", "join", "join"}));
  h.completeTaskAt(i.id, "c");
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"after"});
  h.completeTaskAt(i.id, "after");
  EXPECT_EQ(h.instance(i.id).state, wf::InstanceState::Completed);
}

TEST(InclusiveGateway, ForksIntoEveryFlowWhoseConditionHolds) {
  EngineHarness h;
  h.deploy("runtime/inclusive.bpmn");
  const wf::InstanceInfo i = h.start("inclusive", R"({"a": true, "b": false, "c": true})");
  EXPECT_EQ(i.active_activity_ids, (Ids{"ta", "tc"}));
}

TEST(InclusiveGateway, JoinWaitsOnlyForBranchesThatWereTaken) {
  EngineHarness h;
  h.deploy("runtime/inclusive.bpmn");
  const wf::InstanceInfo i = h.start("inclusive", R"({"a": true, "b": false, "c": true})");
  h.completeTaskAt(i.id, "tc");
  EXPECT_EQ(h.instance(i.id).active_activity_ids, (Ids{"join", "ta"}));
  h.completeTaskAt(i.id, "ta");
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"after"});
}

TEST(InclusiveGateway, JoinFiresAtOnceAfterASingleBranchFork) {
  EngineHarness h;
  h.deploy("runtime/inclusive.bpmn");
  const wf::InstanceInfo i = h.start("inclusive", R"({"a": false, "b": false, "c": true})");
  h.completeTaskAt(i.id, "tc");
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"after"});
}

TEST(InclusiveGateway, JoinWaitsWhileATokenUpstreamCanStillArrive) {
  EngineHarness h;
  h.deploy("runtime/inclusive.bpmn");
  const wf::InstanceInfo i = h.start("inclusive", R"({"a": true, "b": true, "c": false})");
  h.completeTaskAt(i.id, "ta");
  // tb may still reach the join through xor_b: the join must wait.
  EXPECT_EQ(h.instance(i.id).active_activity_ids, (Ids{"join", "tb"}));
  h.completeTaskAt(i.id, "tb", R"({"toJoin": true})");
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"after"});
  // Exactly one token passed the join.
  int activations = 0;
  for (const std::string& e : h.trace(i.id)) activations += e == "element-activated:join";
  EXPECT_EQ(activations, 1);
}

TEST(InclusiveGateway, JoinFiresWhenTheOtherBranchLeavesBeforeReachingIt) {
  EngineHarness h;
  h.deploy("runtime/inclusive.bpmn");
  const wf::InstanceInfo i = h.start("inclusive", R"({"a": true, "b": true, "c": false})");
  h.completeTaskAt(i.id, "ta");
  EXPECT_EQ(h.instance(i.id).active_activity_ids, (Ids{"join", "tb"}));
  h.completeTaskAt(i.id, "tb", R"({"toJoin": false})");  // goes to end_b instead
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"after"});
  EXPECT_TRUE(h.reached(i.id, "end_b"));
}

TEST(InclusiveGateway, ForkWithNoConditionHoldingAndNoDefaultIsAnIncident) {
  EngineHarness h;
  h.deploy("runtime/inclusive.bpmn");
  const wf::InstanceInfo i = h.start("inclusive", R"({"a": false, "b": false, "c": false})");
  EXPECT_TRUE(i.has_incident);
  EXPECT_EQ(i.active_activity_ids, Ids{"fork"});
}

}  // namespace
}  // namespace hall::test
