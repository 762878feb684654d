// Cancelling, suspending and resuming instances.
#include <gtest/gtest.h>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;
using namespace std::chrono_literals;

TEST(CancelInstance, EndsEveryTokenAndCancelsItsTasksWhereverItStands) {
  EngineHarness h;
  h.deploy("runtime/parallel.bpmn");
  const wf::InstanceInfo i = h.start("parallel");
  h.completeTaskAt(i.id, "a");  // one token now waits at the join
  const std::string b = h.tasksAt(i.id, "b").at(0).id;
  ASSERT_TRUE(h.engine().cancelInstance(i.id, "申请人撤回申请").isOk());
  const wf::InstanceInfo after = h.instance(i.id);
  EXPECT_EQ(after.state, wf::InstanceState::Terminated);
  EXPECT_TRUE(after.active_activity_ids.empty());
  EXPECT_GT(after.ended_at, 0);
  EXPECT_EQ(h.engine().task(b)->state, wf::TaskState::Cancelled);
  EXPECT_TRUE(h.tasksAt(i.id, "c").empty());
  EXPECT_EQ(h.engine().completeTask(b, json("{}")).code(), wf::StatusCode::Conflict);
  const std::vector<std::string> trace = h.trace(i.id);
  EXPECT_EQ(trace.back(), "instance-cancelled:parallel");
  EXPECT_TRUE(h.engine().verifyHistory(i.id).isOk());
  // Cancelling again changes nothing.
  EXPECT_EQ(h.engine().cancelInstance(i.id, "again").code(), wf::StatusCode::Conflict);
  EXPECT_EQ(h.trace(i.id).size(), trace.size());
}

TEST(CancelInstance, CancelsPendingJobsAndWorksOnSuspendedInstances) {
  EngineHarness h;
  h.deploy("runtime/service_task.bpmn");
  const wf::InstanceInfo i = h.start("service_task");
  ASSERT_TRUE(h.engine().suspendInstance(i.id).isOk());
  ASSERT_TRUE(h.engine().cancelInstance(i.id, "closed").isOk());
  EXPECT_EQ(h.instance(i.id).state, wf::InstanceState::Terminated);
  EXPECT_TRUE(h.engine().jobs(wf::JobState::Pending)->empty());
  EXPECT_EQ(h.engine().jobs(wf::JobState::Cancelled)->size(), 1u);
}

TEST(CancelInstance, UnknownInstanceIsNotFound) {
  EngineHarness h;
  EXPECT_EQ(h.engine().cancelInstance("nope", "").code(), wf::StatusCode::NotFound);
  EXPECT_EQ(h.engine().suspendInstance("nope").code(), wf::StatusCode::NotFound);
}

TEST(SuspendInstance, RefusesCommandsUntilResumed) {
  EngineHarness h;
  h.deploy("runtime/user_task.bpmn");
  const wf::InstanceInfo i = h.start("user_task", R"({"prio": 1})");
  const std::string task = h.tasksAt(i.id, "review").at(0).id;
  ASSERT_TRUE(h.engine().suspendInstance(i.id).isOk());
  EXPECT_EQ(h.instance(i.id).state, wf::InstanceState::Suspended);
  const wf::Status refused = h.engine().completeTask(task, json("{}"));
  EXPECT_EQ(refused.code(), wf::StatusCode::Conflict);
  EXPECT_NE(refused.message().find("suspended"), std::string::npos);
  EXPECT_EQ(h.engine().task(task)->state, wf::TaskState::Created);
  EXPECT_EQ(h.engine().suspendInstance(i.id).code(), wf::StatusCode::Conflict);

  ASSERT_TRUE(h.engine().resumeInstance(i.id).isOk());
  EXPECT_EQ(h.engine().resumeInstance(i.id).code(), wf::StatusCode::Conflict);
  ASSERT_TRUE(h.engine().completeTask(task, json("{}")).isOk());
  EXPECT_EQ(h.instance(i.id).state, wf::InstanceState::Completed);
  EXPECT_TRUE(h.engine().verifyHistory(i.id).isOk());
}

TEST(SuspendInstance, JobsOfASuspendedInstanceWaitAndRunOnResume) {
  EngineHarness h;
  h.deploy("runtime/service_task.bpmn");
  const wf::InstanceInfo i = h.start("service_task");
  ASSERT_TRUE(h.engine().suspendInstance(i.id).isOk());
  h.engine().registerJobHandler("test.issue", [](const wf::JobContext&) -> wf::Result<wf::Value> {
    return json("{}");
  });
  h.engine().startJobWorkers();
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"issue"});
  EXPECT_EQ(h.engine().jobs(wf::JobState::Pending)->size(), 1u);

  ASSERT_TRUE(h.engine().resumeInstance(i.id).isOk());
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"handover"});
}

}  // namespace
}  // namespace hall::test
