// An event-based gateway: the first of its events takes the token, and the
// others close — the supplement (补正) either arrives or its deadline passes.
#include <gtest/gtest.h>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;
using namespace std::chrono_literals;

class EventGateway : public ::testing::Test {
 protected:
  void SetUp() override {
    h_.deploy("runtime/event_gateway.bpmn");
    h_.engine().startJobWorkers();
    id_ = h_.start("await_supplement", R"({"caseCode": "C-77"})").id;
  }
  EngineHarness h_;
  std::string id_;
};

TEST_F(EventGateway, TheMessageWinsAndTheTimerIsCancelled) {
  EXPECT_EQ(h_.instance(id_).active_activity_ids, Ids{"gw"});
  ASSERT_TRUE(h_.message("supplement-received", "C-77").ok());
  EXPECT_EQ(h_.instance(id_).active_activity_ids, Ids{"review_supplement"});
  auto timers = h_.engine().jobs(wf::JobState::Cancelled);
  ASSERT_TRUE(timers.ok());
  ASSERT_EQ(timers->size(), 1u);
  EXPECT_EQ((*timers)[0].element_id, "deadline_passed");
  h_.clock().advance(24h * 6);
  h_.settle();
  EXPECT_EQ(h_.instance(id_).active_activity_ids, Ids{"review_supplement"});
}

TEST_F(EventGateway, TheDeadlineWinsAndTheMessageIsNoLongerAwaited) {
  h_.clock().advance(24h * 5);
  h_.settle();
  EXPECT_EQ(h_.instance(id_).active_activity_ids, Ids{"close_case"});
  EXPECT_EQ(h_.message("supplement-received", "C-77").status().code(), wf::StatusCode::NotFound);
}

TEST(EventGatewayModel, ItsFlowsMustLeadToCatchEvents) {
  const std::string xml = R"(<?xml version="1.0"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s" />
    <bpmn:eventBasedGateway id="gw" />
    <bpmn:userTask id="u" />
    <bpmn:intermediateCatchEvent id="t">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
    <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="u" />
    <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="t" />
    <bpmn:sequenceFlow id="f4" sourceRef="u" targetRef="e" />
    <bpmn:sequenceFlow id="f5" sourceRef="t" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>)";
  const auto diagnostics = wf::Engine::lint("gw.bpmn", xml);
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_EQ(diagnostics[0].line, 12);  // flow f2
  EXPECT_NE(diagnostics[0].message.find("must lead to an intermediate catch event"),
            std::string::npos)
      << diagnostics[0].toString();
}

}  // namespace
}  // namespace hall::test
