// What the analyst's pages read from the engine: a definition's document
// as deployed, the running instances of a process (version), and where
// they wait — tokens and incidents counted per element.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::test {
namespace {

using namespace std::chrono_literals;

// "element=waiting/incidents" per element, as the engine counted them.
std::vector<std::string> counts(wf::Engine& engine, const std::string& definition_id) {
  wf::Result<std::vector<wf::ElementStatistics>> stats = engine.elementStatistics(definition_id);
  EXPECT_TRUE(stats.ok()) << stats.status().toString();
  std::vector<std::string> out;
  if (!stats.ok()) return out;
  for (const wf::ElementStatistics& s : *stats) {
    out.push_back(s.element_id + "=" + std::to_string(s.waiting) + "/" +
                  std::to_string(s.incidents));
  }
  return out;
}

std::vector<std::string> ids(const wf::Result<std::vector<wf::InstanceInfo>>& instances) {
  EXPECT_TRUE(instances.ok()) << instances.status().toString();
  std::vector<std::string> out;
  if (!instances.ok()) return out;
  for (const wf::InstanceInfo& i : *instances) out.push_back(i.id);
  return out;
}

// The parallel fixture with another name: a changed document, so version 2.
std::string parallelVersion2() {
  std::string xml = fixture("runtime/parallel.bpmn");
  const std::string from = "Parallel fork and join";
  xml.replace(xml.find(from), from.size(), "Parallel fork and join, v2");
  return xml;
}

TEST(CockpitQueries, CountsWaitingTokensPerElementOverRunningInstancesOfOneVersion) {
  EngineHarness h;
  h.deploy("runtime/parallel.bpmn");
  const wf::InstanceInfo first = h.start("parallel");
  h.clock().advance(1s);
  const wf::InstanceInfo second = h.start("parallel");
  h.completeTaskAt(first.id, "a");
  EXPECT_EQ(counts(h.engine(), "parallel:1"),
            (std::vector<std::string>{"a=1/0", "b=2/0", "c=2/0", "join=1/0"}));

  // Version 2's instances are counted apart; a suspended one still waits.
  ASSERT_TRUE(h.engine().deploy("parallel.bpmn", parallelVersion2()).ok());
  const wf::InstanceInfo newer = h.start("parallel");
  EXPECT_EQ(newer.version, 2);
  ASSERT_TRUE(h.engine().suspendInstance(newer.id).isOk());
  EXPECT_EQ(counts(h.engine(), "parallel:2"),
            (std::vector<std::string>{"a=1/0", "b=1/0", "c=1/0"}));
  EXPECT_EQ(counts(h.engine(), "parallel:1"),
            (std::vector<std::string>{"a=1/0", "b=2/0", "c=2/0", "join=1/0"}));

  // An ended instance waits nowhere.
  ASSERT_TRUE(h.engine().cancelInstance(second.id, "test").isOk());
  h.completeTaskAt(first.id, "b");
  EXPECT_EQ(counts(h.engine(), "parallel:1"), (std::vector<std::string>{"c=1/0", "join=2/0"}));
  h.completeTaskAt(first.id, "c");
  h.completeTaskAt(first.id, "after");
  EXPECT_EQ(h.instance(first.id).state, wf::InstanceState::Completed);
  EXPECT_TRUE(counts(h.engine(), "parallel:1").empty());
}

TEST(CockpitQueries, CountsATokenStoppedByAnIncidentAsWaitingAndAsAnIncident) {
  EngineHarness h;
  h.deploy("runtime/script_error.bpmn");
  h.start("script_error", R"({"name": "Li"})");
  h.start("script_error", R"({"name": "Wang"})");
  EXPECT_EQ(counts(h.engine(), "script_error:1"), (std::vector<std::string>{"bad=2/2"}));
}

TEST(CockpitQueries, StatisticsOfAnUnknownDefinitionOrADecisionAreNotFound) {
  EngineHarness h;
  h.deploy("runtime/parallel.bpmn");
  h.deploy("dmn/priority.dmn");
  EXPECT_EQ(h.engine().elementStatistics("parallel:2").status().code(), wf::StatusCode::NotFound);
  EXPECT_EQ(h.engine().elementStatistics("nothing:1").status().code(), wf::StatusCode::NotFound);
  EXPECT_EQ(h.engine().elementStatistics("dmn:d_priority:1").status().code(),
            wf::StatusCode::NotFound);
}

TEST(CockpitQueries, DefinitionXmlIsTheDocumentOfThatVersionByteForByte) {
  EngineHarness h;
  h.deploy("runtime/parallel.bpmn");
  ASSERT_TRUE(h.engine().deploy("parallel.bpmn", parallelVersion2()).ok());
  wf::Result<std::string> v1 = h.engine().definitionXml("parallel:1");
  wf::Result<std::string> v2 = h.engine().definitionXml("parallel:2");
  ASSERT_TRUE(v1.ok()) << v1.status().toString();
  ASSERT_TRUE(v2.ok()) << v2.status().toString();
  EXPECT_EQ(*v1, fixture("runtime/parallel.bpmn"));
  EXPECT_EQ(*v2, parallelVersion2());
  EXPECT_EQ(h.engine().definitionXml("parallel:3").status().code(), wf::StatusCode::NotFound);
}

TEST(CockpitQueries, ListsRunningInstancesOldestFirstByKeyAndVersion) {
  EngineHarness h;
  h.deploy("runtime/parallel.bpmn");
  h.deploy("runtime/user_task.bpmn");
  const wf::InstanceInfo p1 = h.start("parallel");
  h.clock().advance(1s);
  const wf::InstanceInfo u1 = h.start("user_task", R"({"prio": 60})");
  h.clock().advance(1s);
  ASSERT_TRUE(h.engine().deploy("parallel.bpmn", parallelVersion2()).ok());
  const wf::InstanceInfo p2 = h.start("parallel");
  h.clock().advance(1s);
  const wf::InstanceInfo ended = h.start("parallel");
  ASSERT_TRUE(h.engine().cancelInstance(ended.id, "test").isOk());

  using Ids = std::vector<std::string>;
  EXPECT_EQ(ids(h.engine().instances({})), (Ids{p1.id, u1.id, p2.id}));
  EXPECT_EQ(ids(h.engine().instances({.definition_key = "parallel"})), (Ids{p1.id, p2.id}));
  EXPECT_EQ(ids(h.engine().instances({.definition_key = "parallel", .version = 2})), Ids{p2.id});
  EXPECT_EQ(ids(h.engine().instances({.limit = 2})), (Ids{p1.id, u1.id}));
  EXPECT_TRUE(ids(h.engine().instances({.definition_key = "nothing"})).empty());

  wf::Result<std::vector<wf::InstanceInfo>> listed =
      h.engine().instances({.definition_key = "parallel", .version = 1});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().active_activity_ids, (Ids{"a", "b", "c"}));
  EXPECT_EQ(listed->front().definition_id, "parallel:1");

  EXPECT_EQ(h.engine().instances({.version = 1}).status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_EQ(h.engine().instances({.definition_key = "parallel", .version = -1}).status().code(),
            wf::StatusCode::InvalidArgument);
}

}  // namespace
}  // namespace hall::test
