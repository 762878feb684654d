// Pass-through elements: none start, task, script task, none end.
#include <gtest/gtest.h>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

TEST(Sequence, RunsPassThroughElementsToTheEndInOneCommand) {
  EngineHarness h;
  h.deploy("runtime/sequence.bpmn");
  const wf::InstanceInfo i = h.start("sequence", R"({"a": 41})");
  EXPECT_EQ(i.state, wf::InstanceState::Completed);
  EXPECT_TRUE(i.active_activity_ids.empty());
  EXPECT_EQ(i.variables.find("b")->asNumber(), 42);
  const std::vector<std::string> expected = {
      "instance-started:sequence",  "element-activated:start", "element-completed:start",
      "element-activated:t1",       "element-completed:t1",    "element-activated:s1",
      "element-completed:s1",       "element-activated:end",   "element-completed:end",
      "instance-completed:sequence"};
  EXPECT_EQ(h.trace(i.id), expected);
}

TEST(ScriptTask, TypeErrorRaisesAnIncidentAndTheInstanceWaits) {
  EngineHarness h;
  h.deploy("runtime/script_error.bpmn");
  const wf::InstanceInfo i = h.start("script_error", R"({"name": "Li"})");
  EXPECT_EQ(i.state, wf::InstanceState::Active);
  EXPECT_TRUE(i.has_incident);
  EXPECT_EQ(i.active_activity_ids, std::vector<std::string>{"bad"});
  auto history = h.engine().history(i.id);
  ASSERT_TRUE(history.ok());
  const wf::HistoryEvent& last = history->back();
  EXPECT_EQ(last.type, "incident-raised");
  EXPECT_NE(last.data.find("message")->asString().find("type error"), std::string::npos)
      << last.data.toJson();
}

TEST(Runtime, RefusesACommandThatLoopsWithoutWaiting) {
  EngineHarness h;
  h.deploy("runtime/busy_loop.bpmn");
  auto r = h.engine().startInstance("busy_loop", hall::test::json("{}"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(r.status().message().find("without any token waiting"), std::string::npos);
  // Nothing of the refused command was stored.
  wf::TaskQuery q;
  EXPECT_TRUE(h.engine().tasks(q)->empty());
}

TEST(EndEvent, TerminateEndsTheOtherBranchesAndCancelsTheirTasks) {
  EngineHarness h;
  h.deploy("runtime/terminate.bpmn");
  const wf::InstanceInfo i = h.start("terminate");
  EXPECT_EQ(i.active_activity_ids, (std::vector<std::string>{"withdraw", "work"}));
  const std::string work_task = h.tasksAt(i.id, "work").at(0).id;
  h.completeTaskAt(i.id, "withdraw");
  const wf::InstanceInfo after = h.instance(i.id);
  EXPECT_EQ(after.state, wf::InstanceState::Completed);
  EXPECT_TRUE(h.tasksAt(i.id, "work").empty());
  EXPECT_EQ(h.engine().task(work_task)->state, wf::TaskState::Cancelled);
  // The cancelled task cannot be completed afterwards.
  EXPECT_EQ(h.engine().completeTask(work_task, json("{}")).code(), wf::StatusCode::Conflict);
}

}  // namespace
}  // namespace hall::test
