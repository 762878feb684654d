// A department's task list over HTTP: two departments approve one case in
// parallel; each approver sees only the task offered to their department,
// soonest due first with overdue marked, claims and decides it; another
// department's task is 403 and stays as it was; a reject or supplement
// needs a reason; a task someone else claimed is 409.
#include "portal/web/department_routes.h"

#include <gtest/gtest.h>

#include <atomic>

#include "portal/web/api_client.h"
#include "portal/web/session_book.h"

namespace portal::web {
namespace {

using hall::domain::Role;

constexpr const char* kToken = "department-test-token-01";

constexpr const char* kModel = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:hall="urn:hall:bpmn:1" id="d" targetNamespace="urn:test">
  <bpmn:process id="dual_approval" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:parallelGateway id="fork"/>
    <bpmn:userTask id="approve_a" name="甲部门审批" hall:candidateGroups="dept:a" hall:dueIn="P1D"/>
    <bpmn:userTask id="approve_b" name="乙部门审批" hall:candidateGroups="dept:b" hall:dueIn="P3D"/>
    <bpmn:parallelGateway id="join"/>
    <bpmn:endEvent id="end"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="approve_a"/>
    <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="approve_b"/>
    <bpmn:sequenceFlow id="f4" sourceRef="approve_a" targetRef="join"/>
    <bpmn:sequenceFlow id="f5" sourceRef="approve_b" targetRef="join"/>
    <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>)";

class DepartmentRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto engine = testing::openEngineWith(dir_, "dual.bpmn", kModel);
    ASSERT_TRUE(engine.ok()) << engine.status().toString();
    engine_ = std::move(engine).value();
    Router router;
    routes_ = std::make_unique<DepartmentRoutes>(*engine_, [this] { return now_.load(); });
    routes_->addTo(router);
    auto server = testing::startServer(std::move(router), kToken, dir_.path(), sessions_);
    ASSERT_TRUE(server.ok()) << server.status().toString();
    server_ = std::move(server).value();
  }

  testing::ApiClient approver(const std::string& login, const std::string& department) {
    return testing::personClient(server_->port(), sessions_, login, Role::Approver, department);
  }

  std::string start() {
    auto started = engine_->startInstance(
        "dual_approval", wf::Value(wf::Object{{"secret", wf::Value("not for approvers")}}),
        "case-1");
    EXPECT_TRUE(started.ok());
    return started.ok() ? started->id : "";
  }

  wf::TaskInfo taskOf(const std::string& instance, const std::string& element) {
    wf::TaskQuery query;
    query.instance_id = instance;
    auto tasks = engine_->tasks(query);
    for (const wf::TaskInfo& t : tasks.value()) {
      if (t.element_id == element) return t;
    }
    ADD_FAILURE() << "no task " << element;
    return {};
  }

  testing::TempDir dir_;
  std::atomic<int64_t> now_{0};
  SessionBook sessions_{[] { return int64_t{0}; }};
  std::unique_ptr<wf::Engine> engine_;
  std::unique_ptr<DepartmentRoutes> routes_;
  std::unique_ptr<WebServer> server_;
};

TEST_F(DepartmentRoutesTest, EachDepartmentSeesOnlyItsOwnTasksSoonestDueFirst) {
  const std::string first = start();
  const std::string second = start();
  now_ = taskOf(first, "approve_a").due_at + 1;  // the first case's 甲 task is overdue
  const testing::Reply a = approver("ann", "a").get("/api/v1/department/tasks");
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_EQ(a.json.asArray().size(), 2u);
  for (const wf::Value& task : a.json.asArray()) {
    EXPECT_EQ(task.find("name")->asString(), "甲部门审批");
  }
  EXPECT_EQ(a.json.asArray()[0].find("processInstanceId")->asString(), first);
  EXPECT_TRUE(a.json.asArray()[0].find("overdue")->asBool());
  const testing::Reply b = approver("bob", "b").get("/api/v1/department/tasks");
  ASSERT_EQ(b.json.asArray().size(), 2u);
  EXPECT_FALSE(b.json.asArray()[0].find("overdue")->asBool());
  EXPECT_EQ(b.json.asArray()[0].find("name")->asString(), "乙部门审批");
}

TEST_F(DepartmentRoutesTest, ApproversClaimAndDecideTheirOwnAndTheCaseGoesOn) {
  const std::string instance = start();
  const wf::TaskInfo a_task = taskOf(instance, "approve_a");
  const wf::TaskInfo b_task = taskOf(instance, "approve_b");
  const testing::ApiClient ann = approver("ann", "a");
  const testing::ApiClient bob = approver("bob", "b");

  // Another department's task: refused, and untouched.
  EXPECT_EQ(bob.post("/api/v1/department/tasks/" + a_task.id + "/claim", "").status, 403);
  EXPECT_EQ(
      bob.post("/api/v1/department/tasks/" + a_task.id + "/decide", R"({"decision": "approve"})")
          .status,
      403);
  EXPECT_TRUE(engine_->task(a_task.id)->assignee.empty());

  EXPECT_EQ(bob.get("/api/v1/department/tasks/" + a_task.id).status, 403);
  const testing::Reply detail = ann.get("/api/v1/department/tasks/" + a_task.id);
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(detail.json.find("case")->find("businessKey")->asString(), "case-1");
  EXPECT_EQ(detail.json.find("case")->find("secret"), nullptr) << "only the case's own fields";

  ASSERT_EQ(ann.post("/api/v1/department/tasks/" + a_task.id + "/claim", "").status, 200);
  EXPECT_EQ(engine_->task(a_task.id)->assignee, "ann");
  const testing::ApiClient amy = approver("amy", "a");
  EXPECT_EQ(amy.post("/api/v1/department/tasks/" + a_task.id + "/claim", "").status, 409);
  EXPECT_EQ(
      amy.post("/api/v1/department/tasks/" + a_task.id + "/decide", R"({"decision": "approve"})")
          .status,
      409);

  ASSERT_EQ(
      ann.post("/api/v1/department/tasks/" + a_task.id + "/decide", R"({"decision": "approve"})")
          .status,
      204);
  ASSERT_EQ(bob.post("/api/v1/department/tasks/" + b_task.id + "/decide",
                     R"({"decision": "approve", "reason": "材料齐全"})")
                .status,
            204);
  auto ended = engine_->instance(instance);
  ASSERT_TRUE(ended.ok());
  EXPECT_TRUE(ended->active_activity_ids.empty());
  EXPECT_NE(ended->ended_at, 0);
}

// The list is kept in memory (DepartmentTaskView); a list read right after
// each 2xx change must show it.
TEST_F(DepartmentRoutesTest, TheListReadAfterEachChangeShowsIt) {
  const testing::ApiClient ann = approver("ann", "a");
  const testing::ApiClient amy = approver("amy", "a");
  ASSERT_EQ(ann.get("/api/v1/department/tasks").json.asArray().size(), 0u);
  const std::string instance = start();
  const wf::TaskInfo task = taskOf(instance, "approve_a");
  const testing::Reply fresh = ann.get("/api/v1/department/tasks");
  ASSERT_EQ(fresh.json.asArray().size(), 1u);
  EXPECT_TRUE(fresh.json.asArray()[0].find("assignee")->isNull());
  EXPECT_FALSE(fresh.json.asArray()[0].find("mine")->asBool());

  ASSERT_EQ(ann.post("/api/v1/department/tasks/" + task.id + "/claim", "").status, 200);
  const testing::Reply claimed = ann.get("/api/v1/department/tasks");
  EXPECT_EQ(claimed.json.asArray()[0].find("assignee")->asString(), "ann");
  EXPECT_TRUE(claimed.json.asArray()[0].find("mine")->asBool());
  EXPECT_FALSE(amy.get("/api/v1/department/tasks").json.asArray()[0].find("mine")->asBool());

  ASSERT_EQ(ann.post("/api/v1/department/tasks/" + task.id + "/unclaim", "").status, 204);
  EXPECT_TRUE(ann.get("/api/v1/department/tasks").json.asArray()[0].find("assignee")->isNull());

  now_ = task.due_at + 1;  // the clock alone changes "overdue", no engine change needed
  EXPECT_TRUE(ann.get("/api/v1/department/tasks").json.asArray()[0].find("overdue")->asBool());

  ASSERT_EQ(
      ann.post("/api/v1/department/tasks/" + task.id + "/decide", R"({"decision": "approve"})")
          .status,
      204);
  EXPECT_EQ(ann.get("/api/v1/department/tasks").json.asArray().size(), 0u);
}

TEST_F(DepartmentRoutesTest, BadDecisionsNameTheirFieldAndChangeNothing) {
  const std::string instance = start();
  const wf::TaskInfo task = taskOf(instance, "approve_a");
  const testing::ApiClient ann = approver("ann", "a");
  const std::string path = "/api/v1/department/tasks/" + task.id + "/decide";
  EXPECT_EQ(ann.post(path, R"({"decision": "maybe"})").errorField(), "decision");
  EXPECT_EQ(ann.post(path, R"({"decision": "reject"})").errorField(), "reason");
  EXPECT_EQ(
      ann.post(path, R"({"decision": "supplement", "reason": "缺营业执照", "materials": [3]})")
          .errorField(),
      "materials");
  EXPECT_EQ(ann.post(path, R"({"decision": 1})").errorField(), "decision");
  EXPECT_EQ(engine_->task(task.id)->state, wf::TaskState::Created);
  EXPECT_EQ(ann.post("/api/v1/department/tasks/no-such-task/claim", "").status, 404);

  const testing::Reply supplement =
      ann.post(path, R"({"decision": "supplement", "reason": "缺营业执照", "materials": ["m3"]})");
  ASSERT_EQ(supplement.status, 204) << supplement.body;
  EXPECT_EQ(engine_->task(task.id)->state, wf::TaskState::Completed);
}

}  // namespace
}  // namespace portal::web
