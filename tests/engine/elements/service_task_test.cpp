#include <gtest/gtest.h>

#include <atomic>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;
using namespace std::chrono_literals;

TEST(ServiceTask, BecomesAPendingJobOfItsConnectorType) {
  EngineHarness h;
  h.deploy("runtime/service_task.bpmn");
  const wf::InstanceInfo i = h.start("service_task", R"({"holder": "Li Lei"})");
  EXPECT_EQ(i.active_activity_ids, Ids{"issue"});
  auto jobs = h.engine().jobs(wf::JobState::Pending);
  ASSERT_TRUE(jobs.ok());
  ASSERT_EQ(jobs->size(), 1u);
  EXPECT_EQ((*jobs)[0].type, "test.issue");
  EXPECT_EQ((*jobs)[0].instance_id, i.id);
  EXPECT_EQ((*jobs)[0].retries, 3);
  EXPECT_EQ((*jobs)[0].variables.find("holder")->asString(), "Li Lei");
}

TEST(ServiceTask, AWorkerCompletesTheJobAfterCommitAndTheInstanceMovesOn) {
  EngineHarness h;
  h.deploy("runtime/service_task.bpmn");
  std::atomic<int> calls{0};
  h.engine().registerJobHandler(
      "test.issue", [&](const wf::JobContext& ctx) -> wf::Result<wf::Value> {
        ++calls;
        return json(R"({"licence": "L-)" + ctx.variables.find("holder")->asString() + R"("})");
      });
  h.engine().startJobWorkers();
  const wf::InstanceInfo i = h.start("service_task", R"({"holder": "Han"})");
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  const wf::InstanceInfo after = h.instance(i.id);
  EXPECT_EQ(after.active_activity_ids, Ids{"handover"});
  EXPECT_EQ(after.variables.find("licence")->asString(), "L-Han");
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(h.engine().jobs(wf::JobState::Completed)->size(), 1u);
}

TEST(ServiceTask, AFailingJobIsRetriedWithBackoffThenBecomesAnIncident) {
  EngineHarness h;
  h.deploy("runtime/service_task.bpmn");  // hall:retries defaults to 3
  std::atomic<int> calls{0};
  h.engine().registerJobHandler("test.issue", [&](const wf::JobContext&) -> wf::Result<wf::Value> {
    ++calls;
    return wf::Status::unavailable("licence library answered 503");
  });
  h.engine().startJobWorkers();
  const wf::InstanceInfo i = h.start("service_task");
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(calls.load(), 1);
  // Still pending, its error visible, two tries left, no incident yet.
  auto pending = h.engine().jobs(wf::JobState::Pending);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].error, "licence library answered 503");
  EXPECT_EQ((*pending)[0].retries, 2);
  EXPECT_FALSE(h.instance(i.id).has_incident);

  h.clock().advance(500ms);  // before the 1 s backoff: nothing runs
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(calls.load(), 1);
  h.clock().advance(500ms);  // 1 s after the failure: second try
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(calls.load(), 2);
  h.clock().advance(2s);  // the backoff doubled: third and last try
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(calls.load(), 3);

  const wf::InstanceInfo after = h.instance(i.id);
  EXPECT_EQ(after.state, wf::InstanceState::Active);
  EXPECT_TRUE(after.has_incident);
  EXPECT_EQ(after.active_activity_ids, Ids{"issue"});
  auto failed = h.engine().jobs(wf::JobState::Failed);
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ((*failed)[0].retries, 0);
  h.clock().advance(1h);  // a failed job is not tried again by itself
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(calls.load(), 3);
}

TEST(ServiceTask, AJobThatSucceedsOnItsRetryMovesTheInstanceOn) {
  EngineHarness h;
  h.deploy("runtime/service_task.bpmn");
  std::atomic<int> calls{0};
  h.engine().registerJobHandler("test.issue", [&](const wf::JobContext&) -> wf::Result<wf::Value> {
    if (++calls == 1) return wf::Status::unavailable("timeout");
    return json(R"({"licence": "L-2"})");
  });
  h.engine().startJobWorkers();
  const wf::InstanceInfo i = h.start("service_task");
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  h.clock().advance(1s);
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  const wf::InstanceInfo after = h.instance(i.id);
  EXPECT_EQ(after.active_activity_ids, Ids{"handover"});
  EXPECT_FALSE(after.has_incident);
  EXPECT_EQ(calls.load(), 2);
}

TEST(ServiceTask, JobsLeftPendingRunAfterARestart) {
  EngineHarness h;
  h.deploy("runtime/service_task.bpmn");
  const wf::InstanceInfo i = h.start("service_task");  // no worker yet: job stays pending
  h.reopen();
  h.engine().registerJobHandler(
      "test.issue", [](const wf::JobContext&) -> wf::Result<wf::Value> { return json("{}"); });
  h.engine().startJobWorkers();
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"handover"});
}

TEST(ServiceTask, CompletingAJobTwiceIsAConflict) {
  EngineHarness h;
  h.deploy("runtime/service_task.bpmn");
  const wf::InstanceInfo i = h.start("service_task");
  const std::string job = (*h.engine().jobs(wf::JobState::Pending))[0].id;
  ASSERT_TRUE(h.engine().completeJob(job, json("{}")).isOk());
  EXPECT_EQ(h.engine().completeJob(job, json("{}")).code(), wf::StatusCode::Conflict);
  EXPECT_EQ(h.engine().failJob(job, "late").code(), wf::StatusCode::Conflict);
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"handover"});
}

}  // namespace
}  // namespace hall::test
