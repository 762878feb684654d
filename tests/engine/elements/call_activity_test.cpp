// Call activities: a "一件事" theme calls its matter; variables go in and
// come out by the mappings; the matter's error reaches the theme; and a
// cancelled theme cancels the matter it called.
#include <gtest/gtest.h>

#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;

class CallActivity : public ::testing::Test {
 protected:
  void SetUp() override {
    h_.deploy("runtime/call_activity.bpmn");
    h_.engine().startJobWorkers();
    theme_ = h_.start("theme", R"({"applicant": "张三", "fee": 50, "secret": "x"})").id;
    h_.settle();
  }
  // The matter instance the theme's call activity started.
  std::string matter() {
    wf::TaskQuery q;
    auto tasks = h_.engine().tasks(q);
    for (const wf::TaskInfo& t : *tasks) {
      if (t.definition_key == "matter") return t.instance_id;
    }
    return {};
  }
  Ids active(const std::string& id) { return h_.instance(id).active_activity_ids; }
  EngineHarness h_;
  std::string theme_;
};

TEST_F(CallActivity, TheCalledMatterGetsOnlyTheMappedVariables) {
  EXPECT_EQ(active(theme_), Ids{"call_matter"});
  const std::string m = matter();
  ASSERT_FALSE(m.empty());
  const wf::Value vars = h_.instance(m).variables;
  EXPECT_EQ(vars.find("applicant")->asString(), "张三");
  EXPECT_EQ(vars.find("doubleFee")->asNumber(), 100);
  EXPECT_EQ(vars.find("secret"), nullptr);
  EXPECT_EQ(h_.instance(m).business_key, h_.instance(theme_).business_key);
}

TEST_F(CallActivity, TheThemeGoesOnWithTheMattersOutputs) {
  const std::string m = matter();
  h_.completeTaskAt(m, "approve_matter", R"({"approved": true})");
  h_.settle();
  EXPECT_EQ(h_.instance(m).state, wf::InstanceState::Completed);
  EXPECT_EQ(active(theme_), Ids{"deliver"});
  EXPECT_EQ(h_.instance(theme_).variables.find("licenceNo")->asString(), "L-张三");
  EXPECT_EQ(h_.instance(theme_).variables.find("approved"), nullptr);  // not mapped out
}

TEST_F(CallActivity, TheMattersErrorIsCaughtOnTheCallActivity) {
  const std::string m = matter();
  h_.completeTaskAt(m, "approve_matter", R"({"approved": false})");
  h_.settle();
  EXPECT_EQ(active(theme_), Ids{"handle_rejection"});
}

TEST_F(CallActivity, CancellingTheThemeCancelsTheMatter) {
  const std::string m = matter();
  ASSERT_TRUE(h_.engine().cancelInstance(theme_, "申请人撤回").isOk());
  h_.settle();
  EXPECT_EQ(h_.instance(m).state, wf::InstanceState::Terminated);
}

TEST(CallActivityBinding, AMissingCalledProcessBecomesAnIncident) {
  EngineHarness h;
  const std::string xml = R"(<?xml version="1.0"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="caller" isExecutable="true">
    <bpmn:startEvent id="s" />
    <bpmn:callActivity id="call" calledElement="not_deployed" />
    <bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>)";
  ASSERT_TRUE(h.engine().deploy("caller.bpmn", xml).ok());
  h.engine().startJobWorkers();
  const std::string id = h.start("caller").id;
  // Three tries with backoff: the clock moves past each.
  for (int i = 0; i < 4; ++i) {
    h.settle();
    h.clock().advance(std::chrono::seconds(10));
  }
  h.settle();
  EXPECT_TRUE(h.instance(id).has_incident);
}

TEST(CallActivityBinding, AVersionBindingCallsThatVersionNotTheLatest) {
  EngineHarness h;
  h.deploy("runtime/call_activity.bpmn");
  // Version 2 of both processes: the matter's task has another name.
  std::string v2 = fixture("runtime/call_activity.bpmn");
  v2.replace(v2.find("name=\"审批\""), std::string("name=\"审批\"").size(), "name=\"审批二\"");
  v2.replace(v2.find("calledElement=\"matter\""), std::string("calledElement=\"matter\"").size(),
             "calledElement=\"matter\" camunda:calledElementBinding=\"version\" "
             "camunda:calledElementVersion=\"1\"");
  auto deployed = h.engine().deploy("call_activity_v2.bpmn", v2);
  ASSERT_TRUE(deployed.ok()) << deployed.status().toString();
  h.engine().startJobWorkers();
  h.start("theme", R"({"applicant": "李四", "fee": 1})");
  h.settle();
  wf::TaskQuery q;
  auto tasks = h.engine().tasks(q);
  ASSERT_TRUE(tasks.ok());
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ(tasks->front().name, "审批");  // version 1 of the matter
  EXPECT_EQ(h.instance(tasks->front().instance_id).version, 1);
}

}  // namespace
}  // namespace hall::test
