// Business rule tasks call the latest deployed decision; decisions deploy
// and version like processes.
#include <gtest/gtest.h>

#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;

std::string callPriority() {
  return readFile(std::string(HALL_SOURCE_DIR) + "/models/rules/call_priority.dmn");
}

TEST(BusinessRuleTask, StoresTheDecisionResultAndTheFlowUsesIt) {
  EngineHarness h;
  auto dmn = h.engine().deploy("call_priority.dmn", callPriority());
  ASSERT_TRUE(dmn.ok()) << dmn.status().toString();
  ASSERT_EQ(dmn->definitions.size(), 1u);
  EXPECT_EQ(dmn->definitions[0].key, "call_priority");
  EXPECT_EQ(dmn->definitions[0].id, "dmn:call_priority:1");
  h.deploy("runtime/business_rule.bpmn");

  const wf::InstanceInfo vip = h.start(
      "business_rule", R"({"appointmentOnTime": false, "vip": true, "elderlyOrDisabled": false,
                           "transferred": false, "waitedMinutes": 3})");
  EXPECT_EQ(vip.variables.find("priority")->toJson(), R"({"category":"vip","rank":2})");
  EXPECT_EQ(vip.active_activity_ids, Ids{"front"});

  const wf::InstanceInfo walk_in = h.start(
      "business_rule", R"({"appointmentOnTime": false, "vip": false, "elderlyOrDisabled": false,
                           "transferred": false, "waitedMinutes": 3})");
  EXPECT_EQ(walk_in.variables.find("priority")->find("rank")->asNumber(), 9);
  EXPECT_EQ(walk_in.active_activity_ids, Ids{"back"});
}

TEST(BusinessRuleTask, AMissingDecisionIsAnIncident) {
  EngineHarness h;
  h.deploy("runtime/business_rule.bpmn");
  const wf::InstanceInfo i = h.start("business_rule");
  EXPECT_TRUE(i.has_incident);
  EXPECT_EQ(i.active_activity_ids, Ids{"rank"});
  auto history = h.engine().history(i.id);
  ASSERT_TRUE(history.ok());
  EXPECT_NE(history->back().data.find("message")->asString().find("no decision 'call_priority'"),
            std::string::npos);
}

TEST(BusinessRuleTask, AReaderRefusesOneWithoutDecisionOrResultVariable) {
  std::string xml = fixture("runtime/business_rule.bpmn");
  xml.replace(xml.find(R"(hall:decision="call_priority" )"), 30, "");
  const auto diagnostics = wf::Engine::lint("no_decision.bpmn", xml);
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_NE(diagnostics[0].message.find("names no decision"), std::string::npos)
      << diagnostics[0].toString();
  EXPECT_EQ(diagnostics[0].element_id, "rank");
}

TEST(Decisions, EvaluateTheLatestVersionAndUnchangedContentIsNotRedeployed) {
  EngineHarness h;
  const std::string v1 = callPriority();
  ASSERT_TRUE(h.engine().deploy("call_priority.dmn", v1).ok());
  auto again = h.engine().deploy("call_priority.dmn", v1);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->definitions[0].is_new);
  const std::string inputs = R"({"appointmentOnTime": false, "vip": false,
      "elderlyOrDisabled": false, "transferred": false, "waitedMinutes": 75})";
  auto before = h.engine().evaluateDecision("call_priority", json(inputs));
  ASSERT_TRUE(before.ok()) << before.status().toString();
  EXPECT_EQ(before->find("category")->asString(), "longWait");

  // An analyst lowers the long-wait threshold from 60 to 90 minutes: version 2.
  std::string v2 = v1;
  const size_t at = v2.find("&gt;= 60");
  ASSERT_NE(at, std::string::npos);
  v2.replace(at, 8, "&gt;= 90");
  auto deployed = h.engine().deploy("call_priority.dmn", v2);
  ASSERT_TRUE(deployed.ok()) << deployed.status().toString();
  EXPECT_EQ(deployed->definitions[0].version, 2);
  auto after = h.engine().evaluateDecision("call_priority", json(inputs));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->find("category")->asString(), "walkIn");
  // Decisions are not process definitions.
  EXPECT_TRUE(h.engine().definitions()->empty());
}

TEST(Decisions, UnknownDecisionIsNotFoundAndBadDmnIsRefusedWithDiagnostics) {
  EngineHarness h;
  EXPECT_EQ(h.engine().evaluateDecision("nothing", json("{}")).status().code(),
            wf::StatusCode::NotFound);
  std::string broken = callPriority();
  broken.replace(broken.find(R"(hitPolicy="PRIORITY")"), 20, R"(hitPolicy="SOMETIMES")");
  auto r = h.engine().deploy("broken.dmn", broken);
  ASSERT_FALSE(r.ok());
  const wf::Value* diags = r.status().details().find("diagnostics");
  ASSERT_NE(diags, nullptr);
  EXPECT_GT(diags->asArray()[0].find("line")->asNumber(), 0);
}

TEST(Decisions, DecideEvaluatesADocumentWithoutAStore) {
  auto r = wf::Engine::decide("call_priority.dmn", callPriority(), "call_priority",
                              json(R"({"appointmentOnTime": true, "vip": true,
                                       "elderlyOrDisabled": true, "transferred": false,
                                       "waitedMinutes": 0})"));
  ASSERT_TRUE(r.ok()) << r.status().toString();
  EXPECT_EQ(r->find("rank")->asNumber(), 1);  // PRIORITY: the on-time appointment wins
}

}  // namespace
}  // namespace hall::test
