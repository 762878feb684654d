// Incidents are listed and resolved: retry repeats what failed, skip
// completes the element as if done.
#include <gtest/gtest.h>

#include <atomic>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;
using namespace std::chrono_literals;

wf::IncidentInfo onlyIncident(EngineHarness& h) {
  auto list = h.engine().incidents();
  if (!list.ok() || list->size() != 1) {
    ADD_FAILURE() << "expected one incident";
    return {};
  }
  return list->front();
}

TEST(Incident, AFailedScriptIsListedAndRetriedWithNewVariables) {
  EngineHarness h;
  h.deploy("runtime/script_error.bpmn");  // x = name * 2
  const wf::InstanceInfo i = h.start("script_error", R"({"name": "Li"})");
  const wf::IncidentInfo incident = onlyIncident(h);
  EXPECT_EQ(incident.instance_id, i.id);
  EXPECT_EQ(incident.element_id, "bad");
  EXPECT_NE(incident.message.find("type error"), std::string::npos) << incident.message;
  EXPECT_TRUE(incident.job_id.empty());

  ASSERT_TRUE(h.engine().resolveIncident(incident.id, false, json(R"({"name": 21})")).isOk());
  const wf::InstanceInfo after = h.instance(i.id);
  EXPECT_EQ(after.state, wf::InstanceState::Completed);
  EXPECT_EQ(after.variables.find("x")->asNumber(), 42);
  EXPECT_TRUE(h.engine().incidents()->empty());
  EXPECT_TRUE(h.engine().verifyHistory(i.id).isOk());
  // Resolved once: a second resolution finds nothing.
  EXPECT_EQ(h.engine().resolveIncident(incident.id, false, json("{}")).code(),
            wf::StatusCode::NotFound);
}

TEST(Incident, AGatewayCannotBeSkippedButIsRetriedOnceItsConditionsCanHold) {
  EngineHarness h;
  h.deploy("runtime/exclusive_no_default.bpmn");
  const wf::InstanceInfo i = h.start("exclusive_no_default", R"({"amount": 50})");
  const wf::IncidentInfo incident = onlyIncident(h);
  EXPECT_EQ(incident.element_id, "xor");
  EXPECT_EQ(h.engine().resolveIncident(incident.id, true, json("{}")).code(),
            wf::StatusCode::Conflict);
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"xor"});
  ASSERT_TRUE(h.engine().resolveIncident(incident.id, false, json(R"({"amount": 500})")).isOk());
  EXPECT_EQ(h.instance(i.id).state, wf::InstanceState::Completed);
  EXPECT_TRUE(h.reached(i.id, "big"));
}

// Fails the job three times (its retries) so that it becomes an incident.
void exhaustRetries(EngineHarness& h) {
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  for (auto wait : {1s, 2s}) {
    h.clock().advance(wait);
    ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  }
}

TEST(Incident, AFailedJobIsRetriedWithRenewedRetriesAndThenSucceeds) {
  EngineHarness h;
  h.deploy("runtime/service_task.bpmn");
  std::atomic<bool> platform_up{false};
  std::atomic<int> calls{0};
  h.engine().registerJobHandler("test.issue", [&](const wf::JobContext&) -> wf::Result<wf::Value> {
    ++calls;
    if (!platform_up) return wf::Status::unavailable("e-licence library down");
    return json(R"({"licence": "L-9"})");
  });
  h.engine().startJobWorkers();
  const wf::InstanceInfo i = h.start("service_task");
  exhaustRetries(h);
  EXPECT_EQ(calls.load(), 3);
  const wf::IncidentInfo incident = onlyIncident(h);
  EXPECT_EQ(incident.element_id, "issue");
  EXPECT_FALSE(incident.job_id.empty());
  EXPECT_NE(incident.message.find("e-licence library down"), std::string::npos);

  platform_up = true;
  ASSERT_TRUE(h.engine().resolveIncident(incident.id, false, json("{}")).isOk());
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  const wf::InstanceInfo after = h.instance(i.id);
  EXPECT_EQ(after.active_activity_ids, Ids{"handover"});
  EXPECT_FALSE(after.has_incident);
  EXPECT_EQ(after.variables.find("licence")->asString(), "L-9");
  EXPECT_EQ(calls.load(), 4);
}

// A refusal no retry can mend (a 401, a request the platform calls
// malformed) raises the incident on the first failure; the admin's retry,
// once the key is fixed, runs the job with its retries renewed.
TEST(Incident, APermanentJobFailureRaisesTheIncidentWithoutRetrying) {
  EngineHarness h;
  h.deploy("runtime/service_task.bpmn");  // hall:retries defaults to 3
  std::atomic<bool> key_fixed{false};
  std::atomic<int> calls{0};
  h.engine().registerJobHandler("test.issue", [&](const wf::JobContext&) -> wf::Result<wf::Value> {
    ++calls;
    if (!key_fixed) {
      return wf::permanentJobFailure(
          wf::Status::invalid("市电子证照库 HTTP 401: SIGNATURE_INVALID"));
    }
    return json(R"({"licence": "L-10"})");
  });
  h.engine().startJobWorkers();
  const wf::InstanceInfo i = h.start("service_task");
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(calls.load(), 1);
  EXPECT_TRUE(h.instance(i.id).has_incident) << "no backoff, no second call";
  auto failed = h.engine().jobs(wf::JobState::Failed);
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ((*failed)[0].retries, 0);
  EXPECT_EQ((*failed)[0].error, "市电子证照库 HTTP 401: SIGNATURE_INVALID");
  const wf::IncidentInfo incident = onlyIncident(h);
  EXPECT_NE(incident.message.find("SIGNATURE_INVALID"), std::string::npos);
  h.clock().advance(1h);
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(calls.load(), 1);

  key_fixed = true;
  ASSERT_TRUE(h.engine().resolveIncident(incident.id, false, json("{}")).isOk());
  ASSERT_TRUE(h.engine().waitForJobsIdle(10s));
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"handover"});
  EXPECT_EQ(calls.load(), 2);
}

TEST(PermanentJobFailure, KeepsTheCodeMessageAndDetails) {
  const wf::Status failure = wf::permanentJobFailure(
      wf::Status(wf::StatusCode::PermissionDenied, "refused", json(R"({"field": "key"})")));
  EXPECT_TRUE(wf::isPermanentJobFailure(failure));
  EXPECT_EQ(failure.code(), wf::StatusCode::PermissionDenied);
  EXPECT_EQ(failure.message(), "refused");
  EXPECT_EQ(failure.details().find("field")->asString(), "key");
  EXPECT_FALSE(wf::isPermanentJobFailure(wf::Status::unavailable("503")));
  EXPECT_FALSE(wf::isPermanentJobFailure(wf::bpmnError("NOT_ELIGIBLE", "no")));
}

TEST(Incident, AFailedJobCanBeSkippedWithTheVariablesItWouldHaveSet) {
  EngineHarness h;
  h.deploy("runtime/service_task.bpmn");
  h.engine().registerJobHandler("test.issue", [](const wf::JobContext&) -> wf::Result<wf::Value> {
    return wf::Status::unavailable("down");
  });
  h.engine().startJobWorkers();
  const wf::InstanceInfo i = h.start("service_task");
  exhaustRetries(h);
  const wf::IncidentInfo incident = onlyIncident(h);
  ASSERT_TRUE(
      h.engine().resolveIncident(incident.id, true, json(R"({"licence": "paper L-7"})")).isOk());
  const wf::InstanceInfo after = h.instance(i.id);
  EXPECT_EQ(after.active_activity_ids, Ids{"handover"});
  EXPECT_EQ(after.variables.find("licence")->asString(), "paper L-7");
  EXPECT_EQ(h.engine().jobs(wf::JobState::Cancelled)->size(), 1u);
  EXPECT_TRUE(h.engine().incidents()->empty());
}

TEST(Incident, UnknownOrMalformedIdsAreNotFound) {
  EngineHarness h;
  EXPECT_EQ(h.engine().resolveIncident("nope", false, json("{}")).code(), wf::StatusCode::NotFound);
  EXPECT_EQ(h.engine().resolveIncident("nope:x", false, json("{}")).code(),
            wf::StatusCode::NotFound);
  EXPECT_EQ(h.engine().resolveIncident("nope:3", false, json("{}")).code(),
            wf::StatusCode::NotFound);
}

}  // namespace
}  // namespace hall::test
