// The window's part of a case over HTTP: a department returns the case for
// supplement (补正), the clerk sees it in the supplement list with the
// department's reason, records the materials received, and the case goes
// back to the department; once approved, the hall's licence job issues the
// licence and the clerk hands it over (出证). Bad input names its field and
// changes nothing; a task already taken by another clerk is 409; a
// department's task is not a clerk's (403).
#include "portal/web/clerk_task_routes.h"

#include <gtest/gtest.h>

#include <chrono>

#include "portal/domain/hall_licence.h"
#include "portal/web/api_client.h"
#include "portal/web/session_book.h"

namespace portal::web {
namespace {

using hall::domain::Role;

constexpr const char* kToken = "clerk-task-test-token-01";

// One department; a supplement loop back to it; the licence job; hand-over.
constexpr const char* kModel = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:hall="urn:hall:bpmn:1" id="d" targetNamespace="urn:test">
  <bpmn:process id="one_department" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:exclusiveGateway id="round"/>
    <bpmn:userTask id="approve_a" name="甲部门审批" hall:queue="approve:a" hall:candidateGroups="dept:a"/>
    <bpmn:scriptTask id="record_a" scriptFormat="feel" hall:resultVariable="review_a">
      <bpmn:script>={department: "a", decision: decision, reason: reason}</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:exclusiveGateway id="decide" default="to_issue"/>
    <bpmn:userTask id="supplement" name="补正材料" hall:queue="supplement" hall:candidateGroups="clerk"/>
    <bpmn:serviceTask id="issue" name="电子证照签发" hall:connector="elicense.issue"/>
    <bpmn:userTask id="hand_over" name="窗口出证" hall:queue="issue" hall:candidateGroups="clerk"/>
    <bpmn:endEvent id="end"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="round"/>
    <bpmn:sequenceFlow id="f2" sourceRef="round" targetRef="approve_a"/>
    <bpmn:sequenceFlow id="f3" sourceRef="approve_a" targetRef="record_a"/>
    <bpmn:sequenceFlow id="f4" sourceRef="record_a" targetRef="decide"/>
    <bpmn:sequenceFlow id="to_supplement" sourceRef="decide" targetRef="supplement">
      <bpmn:conditionExpression>=review_a.decision = "supplement"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f5" sourceRef="supplement" targetRef="round"/>
    <bpmn:sequenceFlow id="to_issue" sourceRef="decide" targetRef="issue"/>
    <bpmn:sequenceFlow id="f6" sourceRef="issue" targetRef="hand_over"/>
    <bpmn:sequenceFlow id="f7" sourceRef="hand_over" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>)";

class ClerkTaskRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto engine = testing::openEngineWith(dir_, "one.bpmn", kModel);
    ASSERT_TRUE(engine.ok()) << engine.status().toString();
    engine_ = std::move(engine).value();
    engine_->registerJobHandler(hall::domain::kLicenceJobType, [](const wf::JobContext& job) {
      return hall::domain::issueHallLicence(job, 1'764'000'000'000);
    });
    engine_->startJobWorkers();
    Router router;
    routes_ = std::make_unique<ClerkTaskRoutes>(*engine_);
    routes_->addTo(router);
    auto server = testing::startServer(std::move(router), kToken, dir_.path(), sessions_);
    ASSERT_TRUE(server.ok()) << server.status().toString();
    server_ = std::move(server).value();
  }

  testing::ApiClient person(const std::string& login, Role role) {
    return testing::personClient(server_->port(), sessions_, login, role);
  }

  std::string start() {
    auto started = engine_->startInstance(
        "one_department",
        wf::Value(wf::Object{{"caseCode", wf::Value("31010520261129010000017")},
                             {"matterCode", wf::Value("M-1")},
                             {"matterName", wf::Value("食品经营许可")},
                             {"applicantName", wf::Value("张*")}}),
        "31010520261129010000017");
    EXPECT_TRUE(started.ok());
    return started.ok() ? started->id : "";
  }

  wf::TaskInfo openTask(const std::string& instance, const std::string& element) {
    wf::TaskQuery query;
    query.instance_id = instance;
    const std::vector<wf::TaskInfo> tasks = engine_->tasks(query).value();
    for (const wf::TaskInfo& t : tasks) {
      if (t.element_id == element && t.state != wf::TaskState::Completed) return t;
    }
    ADD_FAILURE() << "no open task " << element;
    return {};
  }

  void decide(const std::string& instance, const std::string& decision) {
    const wf::Value vars(
        wf::Object{{"decision", wf::Value(decision)}, {"reason", wf::Value("缺少场所平面图")}});
    ASSERT_TRUE(engine_->completeTask(openTask(instance, "approve_a").id, vars).isOk());
  }

  testing::TempDir dir_;
  SessionBook sessions_{[] { return int64_t{0}; }};
  std::unique_ptr<wf::Engine> engine_;
  std::unique_ptr<ClerkTaskRoutes> routes_;
  std::unique_ptr<WebServer> server_;
};

TEST_F(ClerkTaskRoutesTest, ASupplementReachesTheClerkAndGoesBackToTheDepartment) {
  const std::string instance = start();
  const testing::ApiClient clerk = person("clerk01", Role::Clerk);
  EXPECT_TRUE(clerk.get("/api/v1/clerk/tasks?queue=supplement").json.asArray().empty());
  decide(instance, "supplement");

  const testing::Reply list = clerk.get("/api/v1/clerk/tasks?queue=supplement");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json.asArray().size(), 1u);
  const wf::Value& task = list.json.asArray()[0];
  const wf::Value* c = task.find("case");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->find("caseCode")->asString(), "31010520261129010000017");
  ASSERT_EQ(c->find("reviews")->asArray().size(), 1u);
  EXPECT_EQ(c->find("reviews")->asArray()[0].find("reason")->asString(), "缺少场所平面图");
  EXPECT_TRUE(clerk.get("/api/v1/clerk/tasks?queue=issue").json.asArray().empty());

  const std::string path = "/api/v1/clerk/tasks/" + task.find("id")->asString() + "/complete";
  EXPECT_EQ(clerk.post(path, R"({"materials": []})").errorField(), "materials");
  EXPECT_EQ(clerk.post(path, R"({"materials": [7]})").errorField(), "materials");
  EXPECT_EQ(clerk.post(path, R"({})").errorField(), "materials");
  EXPECT_EQ(engine_->task(task.find("id")->asString())->state, wf::TaskState::Created);

  const testing::Reply done = clerk.post(path, R"({"materials": ["floor-plan"]})");
  ASSERT_EQ(done.status, 204) << done.body;
  EXPECT_EQ(engine_->task(task.find("id")->asString())->assignee, "clerk01");
  // Back at the department, with what was received.
  const wf::TaskInfo again = openTask(instance, "approve_a");
  EXPECT_EQ(again.state, wf::TaskState::Created);
  const wf::Value variables = engine_->instance(instance)->variables;
  EXPECT_EQ(variables.find("supplementedBy")->asString(), "clerk01");
  EXPECT_EQ(variables.find("supplementedMaterials")->asArray()[0].asString(), "floor-plan");
}

TEST_F(ClerkTaskRoutesTest, AnApprovedCaseGetsItsLicenceAndTheClerkHandsItOver) {
  const std::string instance = start();
  const testing::ApiClient clerk = person("clerk01", Role::Clerk);
  const testing::ApiClient other = person("clerk02", Role::Clerk);
  // A department's task is not the window's.
  const wf::TaskInfo approval = openTask(instance, "approve_a");
  EXPECT_EQ(
      clerk.post("/api/v1/clerk/tasks/" + approval.id + "/complete", R"({"delivery": "window"})")
          .status,
      403);
  EXPECT_EQ(engine_->task(approval.id)->state, wf::TaskState::Created);

  decide(instance, "approve");
  ASSERT_TRUE(engine_->waitForJobsIdle(std::chrono::seconds(10)));
  const testing::Reply list = clerk.get("/api/v1/clerk/tasks?queue=issue");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json.asArray().size(), 1u);
  const wf::Value& task = list.json.asArray()[0];
  const wf::Value* licence = task.find("case")->find("licence");
  ASSERT_NE(licence, nullptr) << list.body;
  EXPECT_EQ(licence->find("number")->asString(), "HL31010520261129010000017-M-1");
  EXPECT_EQ(licence->find("holder")->asString(), "张*");

  const std::string path = "/api/v1/clerk/tasks/" + task.find("id")->asString() + "/complete";
  EXPECT_EQ(clerk.post(path, R"({"delivery": "drone"})").errorField(), "delivery");
  EXPECT_EQ(clerk.post(path, R"({"delivery": 1})").errorField(), "delivery");
  EXPECT_EQ(clerk.get("/api/v1/clerk/tasks?queue=elsewhere").errorField(), "queue");
  // Someone else took it first: 409, and it stays theirs.
  ASSERT_TRUE(engine_->claimTask(task.find("id")->asString(), "clerk02").isOk());
  EXPECT_EQ(clerk.post(path, R"({"delivery": "window"})").status, 409);
  EXPECT_EQ(engine_->task(task.find("id")->asString())->state, wf::TaskState::Claimed);

  ASSERT_EQ(other.post(path, R"({"delivery": "express"})").status, 204);
  const wf::InstanceInfo ended = engine_->instance(instance).value();
  EXPECT_NE(ended.ended_at, 0);
  EXPECT_EQ(ended.variables.find("delivery")->asString(), "express");
  EXPECT_EQ(ended.variables.find("handedOverBy")->asString(), "clerk02");
}

}  // namespace
}  // namespace portal::web
