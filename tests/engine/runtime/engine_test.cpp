// Versions, durability across restarts, and the history hash chain.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;

std::string changed(std::string xml) {
  const std::string from = R"(name="Review the application")";
  xml.replace(xml.find(from), from.size(), R"(name="Review the application again")");
  return xml;
}

TEST(Deploy, UnchangedContentIsNotRedeployed) {
  EngineHarness h;
  const std::string xml = fixture("runtime/user_task.bpmn");
  auto first = h.engine().deploy("user_task.bpmn", xml);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->definitions.size(), 1u);
  EXPECT_TRUE(first->definitions[0].is_new);
  EXPECT_EQ(first->definitions[0].version, 1);
  auto second = h.engine().deploy("user_task.bpmn", xml);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->definitions[0].is_new);
  EXPECT_EQ(second->definitions[0].version, 1);
  EXPECT_EQ(h.engine().definitions()->size(), 1u);
}

TEST(Deploy, ChangedContentBecomesTheNextVersionAndRunningInstancesKeepTheirs) {
  EngineHarness h;
  const std::string xml = fixture("runtime/user_task.bpmn");
  ASSERT_TRUE(h.engine().deploy("user_task.bpmn", xml).ok());
  const wf::InstanceInfo old = h.start("user_task", R"({"prio": 1})");
  auto v2 = h.engine().deploy("user_task.bpmn", changed(xml));
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->definitions[0].version, 2);
  EXPECT_TRUE(v2->definitions[0].is_new);
  const wf::InstanceInfo fresh = h.start("user_task", R"({"prio": 1})");
  EXPECT_EQ(fresh.version, 2);
  EXPECT_EQ(h.tasksAt(fresh.id, "review")[0].name, "Review the application again");
  EXPECT_EQ(h.instance(old.id).version, 1);
  EXPECT_EQ(h.tasksAt(old.id, "review")[0].name, "Review the application");
  h.completeTaskAt(old.id, "review");
  EXPECT_EQ(h.instance(old.id).state, wf::InstanceState::Completed);
}

TEST(Deploy, AModelWithErrorsIsRefusedWithDiagnosticsAndNothingIsStored) {
  EngineHarness h;
  std::string xml = fixture("runtime/exclusive.bpmn");
  xml.replace(xml.find(R"(targetRef="big")"), 15, R"(targetRef="bog")");
  auto r = h.engine().deploy("broken.bpmn", xml);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), wf::StatusCode::InvalidArgument);
  const wf::Value* diags = r.status().details().find("diagnostics");
  ASSERT_NE(diags, nullptr);
  ASSERT_GE(diags->asArray().size(), 1u);
  EXPECT_EQ(diags->asArray()[0].find("file")->asString(), "broken.bpmn");
  EXPECT_GT(diags->asArray()[0].find("line")->asNumber(), 0);
  EXPECT_TRUE(h.engine().definitions()->empty());
}

TEST(Start, UnknownKeyIsNotFound) {
  EngineHarness h;
  auto r = h.engine().startInstance("nothing", json("{}"));
  EXPECT_EQ(r.status().code(), wf::StatusCode::NotFound);
}

TEST(Durability, AnInstanceContinuesAfterARestart) {
  EngineHarness h;
  h.deploy("runtime/parallel.bpmn");
  const wf::InstanceInfo i = h.start("parallel");
  h.completeTaskAt(i.id, "a");
  h.reopen();
  EXPECT_EQ(h.instance(i.id).active_activity_ids, (Ids{"b", "c", "join"}));
  h.completeTaskAt(i.id, "b");
  h.completeTaskAt(i.id, "c");
  h.completeTaskAt(i.id, "after");
  EXPECT_EQ(h.instance(i.id).state, wf::InstanceState::Completed);
  EXPECT_TRUE(h.engine().verifyHistory(i.id).isOk());
}

TEST(History, ChainVerifiesAndEachEventCarriesItsPredecessorsHash) {
  EngineHarness h;
  h.deploy("runtime/parallel.bpmn");
  const wf::InstanceInfo i = h.start("parallel");
  h.completeTaskAt(i.id, "a");
  auto events = h.engine().history(i.id);
  ASSERT_TRUE(events.ok());
  ASSERT_GT(events->size(), 5u);
  EXPECT_EQ((*events)[0].prev_hash, "");
  for (size_t k = 1; k < events->size(); ++k) {
    EXPECT_EQ((*events)[k].prev_hash, (*events)[k - 1].hash);
    EXPECT_EQ((*events)[k].hash.size(), 64u);  // SM3 is 256 bits
  }
  EXPECT_TRUE(h.engine().verifyHistory(i.id).isOk());
}

TEST(History, TamperingWithAStoredEventIsDetected) {
  EngineHarness h;
  h.deploy("runtime/parallel.bpmn");
  const wf::InstanceInfo i = h.start("parallel");
  h.completeTaskAt(i.id, "a");
  {
    auto s = h.sql();
    // Events 2 and 3 are the start event's activation and completion.
    *s << "UPDATE history SET events = replace(events, '\"e\":\"start\"', '\"e\":\"stert\"')"
          " WHERE instance_id = :i AND seq = 1",
        soci::use(i.id);
  }
  const wf::Status st = h.engine().verifyHistory(i.id);
  EXPECT_EQ(st.code(), wf::StatusCode::Internal);
  EXPECT_NE(st.message().find("event 2"), std::string::npos) << st.message();
}

TEST(History, RemovingTheLastEventIsDetected) {
  EngineHarness h;
  h.deploy("runtime/parallel.bpmn");
  const wf::InstanceInfo i = h.start("parallel");
  {
    auto s = h.sql();
    *s << "DELETE FROM history WHERE instance_id = :i AND seq = (SELECT MAX(seq) FROM history"
          " WHERE instance_id = :j)",
        soci::use(i.id), soci::use(i.id);
  }
  EXPECT_EQ(h.engine().verifyHistory(i.id).code(), wf::StatusCode::Internal);
}

}  // namespace
}  // namespace hall::test
