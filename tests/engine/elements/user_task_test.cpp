#include <gtest/gtest.h>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

constexpr int64_t kDay = 86'400'000;

TEST(UserTask, CreatesATaskWithItsQueueGroupsPriorityDueAndForm) {
  EngineHarness h;
  h.deploy("runtime/user_task.bpmn");
  const int64_t now = wf::toEpochMillis(h.clock().now());  // a Thursday
  const wf::InstanceInfo i = h.start("user_task", R"({"prio": 80})");
  EXPECT_EQ(i.active_activity_ids, std::vector<std::string>{"review"});
  auto tasks = h.tasksAt(i.id, "review");
  ASSERT_EQ(tasks.size(), 1u);
  const wf::TaskInfo& t = tasks[0];
  EXPECT_EQ(t.name, "Review the application");
  EXPECT_EQ(t.queue, "market");
  EXPECT_EQ(t.candidate_groups, (std::vector<std::string>{"market", "health"}));
  EXPECT_EQ(t.priority, 80);
  EXPECT_EQ(t.due_at, now + 2 * kDay);
  EXPECT_EQ(t.form_key, "review-form");
  EXPECT_EQ(t.state, wf::TaskState::Created);
  EXPECT_EQ(t.definition_key, "user_task");
}

TEST(UserTask, IsFoundByQueueCandidateGroupAndAssignee) {
  EngineHarness h;
  h.deploy("runtime/user_task.bpmn");
  const wf::InstanceInfo i = h.start("user_task", R"({"prio": 1})");
  wf::TaskQuery by_queue;
  by_queue.queue = "market";
  EXPECT_EQ(h.engine().tasks(by_queue)->size(), 1u);
  by_queue.queue = "fire";
  EXPECT_TRUE(h.engine().tasks(by_queue)->empty());
  wf::TaskQuery by_group;
  by_group.candidate_group = "health";
  EXPECT_EQ(h.engine().tasks(by_group)->size(), 1u);
  by_group.candidate_group = "heal";
  EXPECT_TRUE(h.engine().tasks(by_group)->empty());

  const std::string id = h.tasksAt(i.id, "review")[0].id;
  ASSERT_TRUE(h.engine().claimTask(id, "wang").isOk());
  wf::TaskQuery by_assignee;
  by_assignee.assignee = "wang";
  ASSERT_EQ(h.engine().tasks(by_assignee)->size(), 1u);
  EXPECT_EQ(h.engine().task(id)->state, wf::TaskState::Claimed);
  // Claimed by another: refused and unchanged.
  EXPECT_EQ(h.engine().claimTask(id, "li").code(), wf::StatusCode::Conflict);
  EXPECT_EQ(h.engine().task(id)->assignee, "wang");
}

TEST(UserTask, CompletingMergesVariablesAndMovesOn) {
  EngineHarness h;
  h.deploy("runtime/user_task.bpmn");
  const wf::InstanceInfo i = h.start("user_task", R"({"prio": 1})");
  const std::string id = h.tasksAt(i.id, "review")[0].id;
  ASSERT_TRUE(h.engine().completeTask(id, json(R"({"approved": true})")).isOk());
  const wf::InstanceInfo done = h.instance(i.id);
  EXPECT_EQ(done.state, wf::InstanceState::Completed);
  EXPECT_EQ(done.variables.find("approved")->asBool(), true);
  EXPECT_EQ(h.engine().task(id)->state, wf::TaskState::Completed);
}

TEST(UserTask, CompletingTwiceIsAConflictAndChangesNothing) {
  EngineHarness h;
  h.deploy("runtime/user_task.bpmn");
  const wf::InstanceInfo i = h.start("user_task", R"({"prio": 1})");
  const std::string id = h.tasksAt(i.id, "review")[0].id;
  ASSERT_TRUE(h.engine().completeTask(id, json("{}")).isOk());
  const size_t events = h.trace(i.id).size();
  const wf::Status again = h.engine().completeTask(id, json(R"({"approved": false})"));
  EXPECT_EQ(again.code(), wf::StatusCode::Conflict);
  EXPECT_EQ(h.trace(i.id).size(), events);
  EXPECT_EQ(h.instance(i.id).variables.find("approved"), nullptr);
}

TEST(UserTask, UnknownTaskIsNotFoundAndBadVariablesAreRefused) {
  EngineHarness h;
  h.deploy("runtime/user_task.bpmn");
  const wf::InstanceInfo i = h.start("user_task", R"({"prio": 1})");
  EXPECT_EQ(h.engine().completeTask("nope", json("{}")).code(), wf::StatusCode::NotFound);
  const std::string id = h.tasksAt(i.id, "review")[0].id;
  EXPECT_EQ(h.engine().completeTask(id, json("[1]")).code(), wf::StatusCode::InvalidArgument);
  EXPECT_EQ(h.engine().task(id)->state, wf::TaskState::Created);
}

TEST(UserTask, ReadsCamunda7AssigneeDueDateAndFormKey) {
  EngineHarness h;
  h.deploy("runtime/camunda_task.bpmn");
  const wf::InstanceInfo i = h.start("camunda_task", R"({"clerk": "zhang"})");
  auto tasks = h.tasksAt(i.id, "check");
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].assignee, "zhang");
  EXPECT_EQ(tasks[0].state, wf::TaskState::Claimed);
  EXPECT_EQ(tasks[0].candidate_groups, std::vector<std::string>{"window"});
  EXPECT_EQ(tasks[0].due_at, wf::parseDateTime("2026-10-09T17:00:00+08:00")->epoch_millis);
  EXPECT_EQ(tasks[0].form_key, "check-form");
}

TEST(UserTask, UnclaimGivesTheTaskBackAndDelegateHandsItOn) {
  EngineHarness h;
  h.deploy("runtime/user_task.bpmn");
  const wf::InstanceInfo i = h.start("user_task", R"({"prio": 1})");
  const std::string id = h.tasksAt(i.id, "review")[0].id;
  EXPECT_EQ(h.engine().unclaimTask(id).code(), wf::StatusCode::Conflict);  // not claimed
  ASSERT_TRUE(h.engine().claimTask(id, "wang").isOk());
  ASSERT_TRUE(h.engine().unclaimTask(id).isOk());
  EXPECT_EQ(h.engine().task(id)->state, wf::TaskState::Created);
  EXPECT_EQ(h.engine().task(id)->assignee, "");
  // Back in the queue: get-next-work finds it again.
  auto next = h.engine().claimNextTask("li", {"market"});
  ASSERT_TRUE(next.ok() && next->has_value());
  EXPECT_EQ((*next)->id, id);
  ASSERT_TRUE(h.engine().delegateTask(id, "zhao").isOk());
  EXPECT_EQ(h.engine().task(id)->assignee, "zhao");
  EXPECT_EQ(h.engine().task(id)->state, wf::TaskState::Claimed);
  EXPECT_EQ(h.engine().delegateTask(id, "").code(), wf::StatusCode::InvalidArgument);
  ASSERT_TRUE(h.engine().completeTask(id, json("{}")).isOk());
  EXPECT_EQ(h.engine().delegateTask(id, "qian").code(), wf::StatusCode::Conflict);
  EXPECT_EQ(h.engine().unclaimTask("nope").code(), wf::StatusCode::NotFound);
  EXPECT_TRUE(h.engine().verifyHistory(i.id).isOk());
}

}  // namespace
}  // namespace hall::test
