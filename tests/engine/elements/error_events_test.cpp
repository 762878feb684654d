// Errors and escalations: an error end event caught by a boundary event of
// its sub-process, a worker's business error caught on its task, an
// uncaught one as an incident, and a non-interrupting escalation.
#include <gtest/gtest.h>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;

class ErrorEvents : public ::testing::Test {
 protected:
  void SetUp() override { h_.deploy("runtime/errors.bpmn"); }
  Ids active(const std::string& id) { return h_.instance(id).active_activity_ids; }
  EngineHarness h_;
};

TEST_F(ErrorEvents, AnErrorEndEventIsCaughtByItsSubProcessBoundary) {
  const std::string id = h_.start("review_errors").id;
  h_.completeTaskAt(id, "check", R"({"eligible": false})");
  EXPECT_EQ(active(id), Ids{"notify_rejection"});
  EXPECT_TRUE(h_.reached(id, "on_not_eligible"));
  EXPECT_FALSE(h_.reached(id, "issue"));
}

TEST_F(ErrorEvents, WithoutTheErrorTheSubProcessCompletesNormally) {
  const std::string id = h_.start("review_errors").id;
  h_.completeTaskAt(id, "check", R"({"eligible": true})");
  EXPECT_EQ(active(id), Ids{"issue"});
}

TEST_F(ErrorEvents, AWorkersBusinessErrorIsCaughtOnItsTask) {
  h_.engine().registerJobHandler("elicense.verify",
                                 [](const wf::JobContext&) -> wf::Result<wf::Value> {
                                   return wf::bpmnError("LICENCE_REVOKED", "营业执照已注销");
                                 });
  h_.engine().startJobWorkers();
  const std::string id = h_.start("verify_licence").id;
  h_.settle();
  EXPECT_EQ(active(id), Ids{"revoked"});
  EXPECT_FALSE(h_.instance(id).has_incident);
}

TEST_F(ErrorEvents, AnErrorNothingCatchesIsAnIncident) {
  const std::string id = h_.start("verify_licence").id;
  auto jobs = h_.engine().jobs(wf::JobState::Pending);
  ASSERT_TRUE(jobs.ok());
  ASSERT_EQ(jobs->size(), 1u);
  ASSERT_TRUE(
      h_.engine().throwJobError((*jobs)[0].id, "UNKNOWN_CODE", "unexpected", json("{}")).isOk());
  const wf::InstanceInfo after = h_.instance(id);
  EXPECT_TRUE(after.has_incident);
  auto incidents = h_.engine().incidents();
  ASSERT_TRUE(incidents.ok());
  ASSERT_EQ(incidents->size(), 1u);
  EXPECT_NE((*incidents)[0].message.find("UNKNOWN_CODE"), std::string::npos);
}

TEST_F(ErrorEvents, AnEscalationRunsItsNonInterruptingBoundaryBesideTheWork) {
  const std::string id = h_.start("slow_review").id;
  EXPECT_EQ(active(id), (Ids{"finish", "inform_manager"}));
  h_.completeTaskAt(id, "finish");
  h_.completeTaskAt(id, "inform_manager");
  EXPECT_EQ(h_.instance(id).state, wf::InstanceState::Completed);
}

TEST(ErrorModel, AThrownErrorNeedsACode) {
  const std::string xml = R"(<?xml version="1.0"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:error id="e" name="no code" />
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s" />
    <bpmn:endEvent id="end"><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>)";
  const auto diagnostics = wf::Engine::lint("error.bpmn", xml);
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_EQ(diagnostics[0].line, 6);
  EXPECT_NE(diagnostics[0].message.find("throws an error without a code"), std::string::npos);
}

}  // namespace
}  // namespace hall::test
