// retryJobsNow: when a platform is back, the jobs of its types that wait for
// their backoff become due at once — and only those: a job another node
// holds, an incident and a job of another type keep their state.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <map>
#include <mutex>

#include "support/engine_harness.h"
#include "wf/ports/clock.h"

namespace hall::test {
namespace {

using namespace std::chrono_literals;

// Another process with a service task of another platform.
constexpr const char* kOtherTask = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:hall="urn:hall:bpmn:1" id="defs_other_task" targetNamespace="urn:hall:test">
  <bpmn:process id="other_task" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="send" hall:connector="test.other" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="send" />
    <bpmn:sequenceFlow id="f2" sourceRef="send" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>)";

// The job of an instance, as the store has it now.
wf::JobInfo jobOf(EngineHarness& h, const std::string& instance_id) {
  auto jobs = h.engine().jobs(std::nullopt);
  if (jobs.ok()) {
    for (const wf::JobInfo& j : *jobs) {
      if (j.instance_id == instance_id) return j;
    }
  }
  ADD_FAILURE() << "no job of instance " << instance_id;
  return {};
}

class RetryJobsNowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h_.deploy("runtime/service_task.bpmn");  // test.issue, 3 retries
    ASSERT_TRUE(h_.engine().deploy("other_task.bpmn", kOtherTask).ok());
    for (const char* type : {"test.issue", "test.other"}) {
      h_.engine().registerJobHandler(
          type, [this](const wf::JobContext& c) -> wf::Result<wf::Value> {
            {
              std::lock_guard lock(mu_);
              ++calls_[c.job.instance_id];
            }
            if (const wf::Value* refuse = c.variables.find("refuse"); refuse != nullptr) {
              return wf::permanentJobFailure(wf::Status::invalid("refused"));
            }
            if (down_) return wf::Status::unavailable("platform down");
            return wf::Value(wf::Object{});
          });
    }
    h_.engine().startJobWorkers();
  }

  int calls(const std::string& instance_id) {
    std::lock_guard lock(mu_);
    return calls_[instance_id];
  }

  EngineHarness h_;
  std::atomic<bool> down_{true};
  std::mutex mu_;
  std::map<std::string, int> calls_;
};

TEST_F(RetryJobsNowTest, BackingOffJobsOfTheTypesRunAtOnceOthersKeepTheirState) {
  const wf::InstanceInfo waiting = h_.start("service_task");
  const wf::InstanceInfo leased = h_.start("service_task");
  const wf::InstanceInfo refused = h_.start("service_task", R"({"refuse": true})");
  const wf::InstanceInfo other = h_.start("other_task");
  ASSERT_TRUE(h_.engine().waitForJobsIdle(10s));
  for (const auto* i : {&waiting, &leased, &refused, &other}) ASSERT_EQ(calls(i->id), 1);
  const wf::JobInfo backing_off = jobOf(h_, waiting.id);
  ASSERT_EQ(backing_off.state, wf::JobState::Pending);
  ASSERT_EQ(backing_off.retries, 2);
  ASSERT_GT(backing_off.due_at, wf::toEpochMillis(h_.clock().now())) << "waits for its backoff";
  ASSERT_TRUE(h_.instance(refused.id).has_incident);
  // Another node holds this one (a live lease, as a node running it has).
  const int64_t other_due = jobOf(h_, other.id).due_at;
  const int64_t leased_due = jobOf(h_, leased.id).due_at;
  {
    auto s = h_.sql();
    *s << "UPDATE jobs SET lease_owner = 'node-2', lease_until = 9000000000000"
          " WHERE instance_id = :i",
        soci::use(leased.id);
  }

  down_ = false;  // the fake clock never moves: only retryJobsNow can run them
  const wf::Result<int> hurried = h_.engine().retryJobsNow({"test.issue", "test.absent"});
  ASSERT_TRUE(hurried.ok()) << hurried.status().message();
  EXPECT_EQ(*hurried, 1);
  ASSERT_TRUE(h_.engine().waitForJobsIdle(10s));

  EXPECT_EQ(calls(waiting.id), 2);
  EXPECT_EQ(jobOf(h_, waiting.id).state, wf::JobState::Completed);
  EXPECT_EQ(h_.instance(waiting.id).active_activity_ids, std::vector<std::string>{"handover"});

  EXPECT_EQ(calls(leased.id), 1);
  EXPECT_EQ(jobOf(h_, leased.id).state, wf::JobState::Pending);
  EXPECT_EQ(jobOf(h_, leased.id).due_at, leased_due);
  EXPECT_EQ(calls(refused.id), 1);
  EXPECT_EQ(jobOf(h_, refused.id).state, wf::JobState::Failed);
  EXPECT_TRUE(h_.instance(refused.id).has_incident);
  EXPECT_EQ(calls(other.id), 1);
  EXPECT_EQ(jobOf(h_, other.id).due_at, other_due);
  EXPECT_EQ(jobOf(h_, other.id).state, wf::JobState::Pending);

  // Nothing waits any more: a second call finds nothing.
  const wf::Result<int> again = h_.engine().retryJobsNow({"test.issue"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
}

// The new due time is in the store: an engine that restarts runs the job
// without waiting for its old backoff.
TEST_F(RetryJobsNowTest, TheNewDueTimeIsDurable) {
  const wf::InstanceInfo i = h_.start("service_task");
  ASSERT_TRUE(h_.engine().waitForJobsIdle(10s));
  const int64_t now = wf::toEpochMillis(h_.clock().now());
  ASSERT_GT(jobOf(h_, i.id).due_at, now);
  const wf::Result<int> hurried = h_.engine().retryJobsNow({"test.issue"});
  ASSERT_TRUE(hurried.ok());
  EXPECT_EQ(*hurried, 1);
  ASSERT_TRUE(h_.engine().waitForJobsIdle(10s));
  EXPECT_EQ(calls(i.id), 2) << "still down: failed again, backing off once more";
  const wf::JobInfo after = jobOf(h_, i.id);
  EXPECT_EQ(after.retries, 1);
  EXPECT_EQ(after.due_at, now + 2000) << "the second failure's backoff, from now";

  h_.reopen();  // handlers are gone with the old engine: the row is what counts
  EXPECT_EQ(h_.engine().retryJobsNow({"test.issue"}).value(), 1);
  EXPECT_EQ(jobOf(h_, i.id).due_at, now);
}

}  // namespace
}  // namespace hall::test
