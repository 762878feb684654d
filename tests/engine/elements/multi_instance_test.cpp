#include <gtest/gtest.h>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;

TEST(MultiInstance, ParallelCreatesOneTaskPerItemAndCollectsOutputs) {
  EngineHarness h;
  h.deploy("runtime/mi_parallel.bpmn");
  const wf::InstanceInfo i =
      h.start("mi_parallel", R"({"departments": ["market", "health", "fire"]})");
  EXPECT_EQ(i.active_activity_ids, (Ids{"approve", "approve", "approve"}));
  auto tasks = h.tasksAt(i.id, "approve");
  ASSERT_EQ(tasks.size(), 3u);
  // Complete in reverse order; outputs still land by loop index.
  for (size_t k = 3; k-- > 0;) {
    const std::string opinion = "ok-" + std::to_string(k);
    ASSERT_TRUE(
        h.engine().completeTask(tasks[k].id, json(R"({"opinion": ")" + opinion + R"("})")).isOk());
  }
  const wf::InstanceInfo after = h.instance(i.id);
  EXPECT_EQ(after.active_activity_ids, Ids{"after"});
  EXPECT_EQ(after.variables.find("opinions")->toJson(), R"(["ok-0","ok-1","ok-2"])");
}

TEST(MultiInstance, SequentialRunsOneAtATimeAndStopsOnCompletionCondition) {
  EngineHarness h;
  h.deploy("runtime/mi_sequential.bpmn");
  const wf::InstanceInfo i =
      h.start("mi_sequential", R"({"signers": ["wang", "li", "zhao"], "rejected": false})");
  auto first = h.tasksAt(i.id, "sign");
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].assignee, "wang");
  h.completeTaskAt(i.id, "sign");
  auto second = h.tasksAt(i.id, "sign");
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].assignee, "li");
  h.completeTaskAt(i.id, "sign", R"({"rejected": true})");
  // zhao never gets a task: the completion condition held.
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"after"});
  int created = 0;
  for (const std::string& e : h.trace(i.id)) created += e == "task-created:sign";
  EXPECT_EQ(created, 2);
  EXPECT_EQ(h.tasksAt(i.id, "sign").size(), 0u);
}

TEST(MultiInstance, NestedBodiesEachGetTheirOwnElementVariables) {
  EngineHarness h;
  h.deploy("runtime/mi_nested.bpmn");
  const wf::InstanceInfo i = h.start(
      "mi_nested", R"({"groups": [{"members": ["a", "b"]}, {"members": ["c"]}, {"members": []}]})");
  // Two tasks for the first group, one for the second, none for the empty one.
  EXPECT_EQ(i.active_activity_ids, (Ids{"member_task", "member_task", "member_task"}));
  auto tasks = h.tasksAt(i.id, "member_task");
  ASSERT_EQ(tasks.size(), 3u);
  for (size_t k = 0; k < tasks.size(); ++k) {
    ASSERT_TRUE(h.engine().completeTask(tasks[k].id, json("{}")).isOk());
    if (k + 1 < tasks.size()) {
      EXPECT_EQ(h.instance(i.id).active_activity_ids.size(), tasks.size() - k - 1);
    }
  }
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"after"});
}

TEST(MultiInstance, EmptyCollectionCompletesAtOnce) {
  EngineHarness h;
  h.deploy("runtime/mi_empty.bpmn");
  EXPECT_EQ(h.start("mi_empty", R"({"items": []})").active_activity_ids, Ids{"after"});
}

TEST(MultiInstance, CollectionThatIsNotAListIsAnIncident) {
  EngineHarness h;
  h.deploy("runtime/mi_empty.bpmn");
  const wf::InstanceInfo i = h.start("mi_empty", R"({"items": 3})");
  EXPECT_TRUE(i.has_incident);
}

}  // namespace
}  // namespace hall::test
