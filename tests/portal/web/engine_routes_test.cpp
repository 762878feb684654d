#include "portal/web/engine_routes.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "portal/web/api_client.h"
#include "portal/web/web_server.h"
#include "support/fixtures.h"

namespace portal::web {
namespace {

constexpr const char* kToken = "engine-routes-test-token";

// The real server over a real engine on a SQLite file in a temp folder,
// spoken to over loopback HTTP.
class EngineRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    wf::EngineOptions options;
    options.db_url = "sqlite:" + (dir_.path() / "hall.db").string();
    wf::Result<std::unique_ptr<wf::Engine>> engine = wf::Engine::open(std::move(options));
    ASSERT_TRUE(engine.ok()) << engine.status().toString();
    engine_ = std::move(engine).value();

    Router router;
    routes_ = std::make_unique<EngineRoutes>(*engine_);
    routes_->addTo(router);
    wf::Result<std::unique_ptr<WebServer>> server =
        testing::startServer(std::move(router), kToken, dir_.path());
    ASSERT_TRUE(server.ok()) << server.status().toString();
    server_ = std::move(server).value();
  }

  void TearDown() override {
    if (server_) server_->stop();
  }

  testing::ApiClient client() const { return testing::ApiClient(server_->port(), kToken); }

  testing::Reply deploy(const std::string& fixture) {
    return client().post("/api/v1/deployments?name=" + fixture, testing::apiFixture(fixture),
                         "application/xml");
  }

  // Deploys tests/fixtures/<relative> (any folder); expects it accepted.
  void deployFixture(const std::string& relative) {
    const testing::Reply r =
        client().post("/api/v1/deployments?name=" + relative.substr(relative.rfind('/') + 1),
                      hall::test::fixture(relative), "application/xml");
    ASSERT_EQ(r.status, 201) << r.body;
  }

  // Deploys approval.bpmn and starts one instance; returns its JSON.
  wf::Value startApproval(const std::string& body = R"({"variables": {"amount": 120}})") {
    const testing::Reply deployed = deploy("approval.bpmn");
    EXPECT_EQ(deployed.status, 201) << deployed.body;
    const testing::Reply started =
        client().post("/api/v1/process-definitions/api_approval/instances", body);
    EXPECT_EQ(started.status, 201) << started.body;
    return started.json;
  }

  // The one task of an instance.
  wf::Value onlyTask(const std::string& instance_id) {
    const testing::Reply tasks = client().get("/api/v1/tasks?processInstanceId=" + instance_id);
    EXPECT_EQ(tasks.status, 200) << tasks.body;
    if (!tasks.json.isArray() || tasks.json.asArray().size() != 1) {
      ADD_FAILURE() << "expected one task: " << tasks.body;
      return wf::Value();
    }
    return tasks.json.asArray().front();
  }

  static std::string str(const wf::Value& object, std::string_view name) {
    const wf::Value* member = object.find(name);
    return member != nullptr && member->isString() ? member->asString()
                                                   : "<missing " + std::string(name) + ">";
  }

  testing::TempDir dir_;
  std::unique_ptr<wf::Engine> engine_;
  std::unique_ptr<EngineRoutes> routes_;
  std::unique_ptr<WebServer> server_;
};

TEST_F(EngineRoutesTest, DeployReturnsNewDefinitionsThenRecognisesTheSameContent) {
  const testing::Reply first = deploy("approval.bpmn");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_FALSE(str(first.json, "id").empty());
  const wf::Array& definitions = first.json.find("definitions")->asArray();
  ASSERT_EQ(definitions.size(), 1u);
  EXPECT_EQ(str(definitions[0], "key"), "api_approval");
  EXPECT_EQ(definitions[0].find("version")->asNumber(), 1);
  EXPECT_EQ(*definitions[0].find("isNew"), wf::Value(true));
  EXPECT_FALSE(str(definitions[0], "id").empty());

  const testing::Reply second = deploy("approval.bpmn");
  ASSERT_EQ(second.status, 201) << second.body;
  const wf::Value& again = second.json.find("definitions")->asArray().at(0);
  EXPECT_EQ(again.find("version")->asNumber(), 1);
  EXPECT_EQ(*again.find("isNew"), wf::Value(false));
}

TEST_F(EngineRoutesTest, ChangedModelBecomesTheNextVersion) {
  ASSERT_EQ(deploy("approval.bpmn").status, 201);
  std::string changed = testing::apiFixture("approval.bpmn");
  changed.replace(changed.find("name=\"Review\""), 13, "name=\"Check\"");
  const testing::Reply reply =
      client().post("/api/v1/deployments?name=approval.bpmn", changed, "application/xml");
  ASSERT_EQ(reply.status, 201) << reply.body;
  const wf::Value& definition = reply.json.find("definitions")->asArray().at(0);
  EXPECT_EQ(definition.find("version")->asNumber(), 2);
  EXPECT_EQ(*definition.find("isNew"), wf::Value(true));

  const testing::Reply listed = client().get("/api/v1/process-definitions");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_TRUE(listed.json.isArray());
  std::vector<int> versions;
  for (const wf::Value& d : listed.json.asArray()) {
    EXPECT_EQ(str(d, "key"), "api_approval");
    EXPECT_EQ(str(d, "resource"), "approval.bpmn");
    versions.push_back(static_cast<int>(d.find("version")->asNumber()));
  }
  std::sort(versions.begin(), versions.end());
  EXPECT_EQ(versions, (std::vector<int>{1, 2}));
}

TEST_F(EngineRoutesTest, RefusedModelIs422WithDiagnosticsNamingThePlace) {
  const testing::Reply reply = deploy("broken.bpmn");
  ASSERT_EQ(reply.status, 422) << reply.body;
  EXPECT_EQ(reply.errorCode(), "INVALID_MODEL");
  const wf::Value* diagnostics = reply.errorDetail("diagnostics");
  ASSERT_NE(diagnostics, nullptr) << reply.body;
  ASSERT_TRUE(diagnostics->isArray());
  ASSERT_FALSE(diagnostics->asArray().empty());
  bool names_flow = false;
  for (const wf::Value& d : diagnostics->asArray()) {
    EXPECT_EQ(str(d, "file"), "broken.bpmn");
    EXPECT_TRUE(d.find("line")->isNumber());
    EXPECT_TRUE(d.find("column")->isNumber());
    EXPECT_NE(d.find("elementId"), nullptr);
    EXPECT_FALSE(str(d, "message").empty());
    if (str(d, "severity") == "error" && d.find("line")->asNumber() == 10) names_flow = true;
  }
  EXPECT_TRUE(names_flow) << reply.body;

  // Nothing was deployed.
  const testing::Reply listed = client().get("/api/v1/process-definitions");
  EXPECT_EQ(listed.json, wf::Value(wf::Array{}));
}

TEST_F(EngineRoutesTest, DeployWithoutBodyIs400) {
  const testing::Reply reply = client().post("/api/v1/deployments", "");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.errorField(), "body");
}

TEST_F(EngineRoutesTest, DeploymentOverFourMebibytesIs413AndDeploysNothing) {
  const testing::Reply reply =
      client().send("POST", "/api/v1/deployments?name=huge.bpmn", "", "application/xml",
                    std::nullopt, (int64_t{4} << 20) + 1);
  EXPECT_EQ(reply.status, 413) << reply.body;
  EXPECT_EQ(reply.errorCode(), "PAYLOAD_TOO_LARGE");
  EXPECT_EQ(client().get("/api/v1/process-definitions").json, wf::Value(wf::Array{}));
}

TEST_F(EngineRoutesTest, StartInstanceReturnsItsState) {
  const wf::Value started = startApproval(
      R"({"variables": {"amount": 120, "applicant": "李雷"}, "businessKey": "CN-7"})");
  EXPECT_FALSE(str(started, "id").empty());
  EXPECT_EQ(str(started, "definitionKey"), "api_approval");
  EXPECT_EQ(started.find("version")->asNumber(), 1);
  EXPECT_EQ(str(started, "state"), "active");
  EXPECT_EQ(*started.find("activeActivityIds"), wf::Value(wf::Array{wf::Value("review")}));
  EXPECT_EQ(str(started, "businessKey"), "CN-7");
  const wf::Value* variables = started.find("variables");
  ASSERT_NE(variables, nullptr);
  EXPECT_EQ(variables->find("amount")->asNumber(), 120);
  EXPECT_EQ(str(*variables, "applicant"), "李雷");

  const testing::Reply fetched = client().get("/api/v1/process-instances/" + str(started, "id"));
  ASSERT_EQ(fetched.status, 200) << fetched.body;
  EXPECT_EQ(str(fetched.json, "id"), str(started, "id"));
  EXPECT_EQ(*fetched.json.find("incident"), wf::Value(false));
  EXPECT_EQ(*fetched.json.find("variables"), *variables);
}

TEST_F(EngineRoutesTest, StartingAnUnknownKeyIs404) {
  const testing::Reply reply =
      client().post("/api/v1/process-definitions/no_such_process/instances", "{}");
  EXPECT_EQ(reply.status, 404) << reply.body;
  EXPECT_EQ(reply.errorCode(), "NOT_FOUND");
}

TEST_F(EngineRoutesTest, VariablesThatAreNotAnObjectAre400NamingTheField) {
  ASSERT_EQ(deploy("approval.bpmn").status, 201);
  const testing::Reply reply = client().post("/api/v1/process-definitions/api_approval/instances",
                                             R"({"variables": [1, 2]})");
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.errorCode(), "INVALID_ARGUMENT");
  EXPECT_EQ(reply.errorField(), "variables");
  EXPECT_NE(reply.errorMessage().find("variables"), std::string::npos);
}

TEST_F(EngineRoutesTest, BadJsonIs400NamingTheOffsetAndStartsNothing) {
  ASSERT_EQ(deploy("approval.bpmn").status, 201);
  const testing::Reply reply = client().post("/api/v1/process-definitions/api_approval/instances",
                                             R"({"variables": {"a": 1,}})");
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_NE(reply.errorMessage().find("offset"), std::string::npos) << reply.body;
  EXPECT_EQ(reply.errorField(), "body");
  EXPECT_EQ(client().get("/api/v1/tasks").json, wf::Value(wf::Array{}));
}

TEST_F(EngineRoutesTest, UnknownInstanceIs404) {
  EXPECT_EQ(client().get("/api/v1/process-instances/nope").status, 404);
  EXPECT_EQ(client().get("/api/v1/process-instances/nope/history").status, 404);
}

TEST_F(EngineRoutesTest, HistoryIsAHashChain) {
  const wf::Value started = startApproval();
  const testing::Reply reply =
      client().get("/api/v1/process-instances/" + str(started, "id") + "/history");
  ASSERT_EQ(reply.status, 200) << reply.body;
  ASSERT_TRUE(reply.json.isArray());
  const wf::Array& events = reply.json.asArray();
  ASSERT_GE(events.size(), 2u);
  std::string previous;
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].find("seq")->asNumber(), static_cast<double>(i + 1));
    EXPECT_EQ(str(events[i], "prevHash"), previous);
    EXPECT_FALSE(str(events[i], "hash").empty());
    EXPECT_FALSE(str(events[i], "type").empty());
    EXPECT_TRUE(events[i].find("at")->isString());
    previous = str(events[i], "hash");
  }
}

TEST_F(EngineRoutesTest, TasksAreListedAndFiltered) {
  const wf::Value first = startApproval();
  const wf::Value second = startApproval();
  const wf::Value task = onlyTask(str(first, "id"));
  EXPECT_EQ(str(task, "elementId"), "review");
  EXPECT_EQ(str(task, "name"), "Review");
  EXPECT_EQ(str(task, "queue"), "A");
  EXPECT_EQ(*task.find("candidateGroups"), wf::Value(wf::Array{wf::Value("clerks")}));
  EXPECT_EQ(str(task, "state"), "created");
  EXPECT_EQ(str(task, "processInstanceId"), str(first, "id"));

  EXPECT_EQ(client().get("/api/v1/tasks").json.asArray().size(), 2u);
  EXPECT_EQ(client().get("/api/v1/tasks?candidateGroup=clerks").json.asArray().size(), 2u);
  EXPECT_EQ(client().get("/api/v1/tasks?candidateGroup=judges").json.asArray().size(), 0u);
  EXPECT_EQ(client().get("/api/v1/tasks?queue=A").json.asArray().size(), 2u);
  EXPECT_EQ(client().get("/api/v1/tasks?queue=B").json.asArray().size(), 0u);
  EXPECT_EQ(client().get("/api/v1/tasks?limit=1").json.asArray().size(), 1u);
  const testing::Reply bad_limit = client().get("/api/v1/tasks?limit=lots");
  EXPECT_EQ(bad_limit.status, 400);
  EXPECT_EQ(bad_limit.errorField(), "limit");

  const testing::Reply fetched = client().get("/api/v1/tasks/" + str(task, "id"));
  ASSERT_EQ(fetched.status, 200) << fetched.body;
  EXPECT_EQ(fetched.json, task);
  EXPECT_EQ(client().get("/api/v1/tasks/nope").status, 404);
  (void)second;
}

TEST_F(EngineRoutesTest, ClaimSetsTheAssignee) {
  const wf::Value started = startApproval();
  const std::string task_id = str(onlyTask(str(started, "id")), "id");
  const testing::Reply claimed =
      client().post("/api/v1/tasks/" + task_id + "/claim", R"({"assignee": "wang.fang"})");
  EXPECT_EQ(claimed.status, 204) << claimed.body;
  EXPECT_TRUE(claimed.body.empty());

  const testing::Reply fetched = client().get("/api/v1/tasks/" + task_id);
  EXPECT_EQ(str(fetched.json, "assignee"), "wang.fang");
  EXPECT_EQ(str(fetched.json, "state"), "claimed");
  EXPECT_EQ(client().get("/api/v1/tasks?assignee=wang.fang").json.asArray().size(), 1u);
  EXPECT_EQ(client().get("/api/v1/tasks?assignee=li.lei").json.asArray().size(), 0u);
}

TEST_F(EngineRoutesTest, ClaimWithoutAssigneeIs400NamingTheField) {
  const wf::Value started = startApproval();
  const std::string task_id = str(onlyTask(str(started, "id")), "id");
  for (const char* body : {"{}", R"({"assignee": ""})", R"({"assignee": 7})"}) {
    const testing::Reply reply = client().post("/api/v1/tasks/" + task_id + "/claim", body);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_EQ(reply.errorField(), "assignee") << body;
  }
  EXPECT_EQ(client().post("/api/v1/tasks/nope/claim", R"({"assignee": "x"})").status, 404);
}

TEST_F(EngineRoutesTest, CompleteFinishesTheInstanceAndTwiceIs409ChangingNothing) {
  const wf::Value started = startApproval();
  const std::string instance_path = "/api/v1/process-instances/" + str(started, "id");
  const std::string task_id = str(onlyTask(str(started, "id")), "id");

  const testing::Reply completed = client().post("/api/v1/tasks/" + task_id + "/complete",
                                                 R"({"variables": {"approved": true}})");
  ASSERT_EQ(completed.status, 204) << completed.body;
  const testing::Reply after = client().get(instance_path);
  EXPECT_EQ(str(after.json, "state"), "completed");
  EXPECT_EQ(*after.json.find("activeActivityIds"), wf::Value(wf::Array{}));
  EXPECT_EQ(*after.json.find("variables")->find("approved"), wf::Value(true));
  const testing::Reply history = client().get(instance_path + "/history");

  const testing::Reply twice = client().post("/api/v1/tasks/" + task_id + "/complete",
                                             R"({"variables": {"approved": false}})");
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(twice.errorCode(), "CONFLICT");
  EXPECT_EQ(client().get(instance_path).json, after.json);
  EXPECT_EQ(client().get(instance_path + "/history").json, history.json);
  EXPECT_EQ(str(client().get("/api/v1/tasks/" + task_id).json, "state"), "completed");
}

TEST_F(EngineRoutesTest, CompleteWithBadVariablesIs400AndLeavesTheTaskOpen) {
  const wf::Value started = startApproval();
  const std::string task_id = str(onlyTask(str(started, "id")), "id");
  const testing::Reply reply =
      client().post("/api/v1/tasks/" + task_id + "/complete", R"({"variables": "yes"})");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.errorField(), "variables");
  EXPECT_EQ(str(client().get("/api/v1/tasks/" + task_id).json, "state"), "created");
  EXPECT_EQ(client().post("/api/v1/tasks/nope/complete", "").status, 404);
}

TEST_F(EngineRoutesTest, JobsAreListedByState) {
  ASSERT_EQ(deploy("notify.bpmn").status, 201);
  const testing::Reply started =
      client().post("/api/v1/process-definitions/api_notify/instances", "");
  ASSERT_EQ(started.status, 201) << started.body;

  const testing::Reply pending = client().get("/api/v1/jobs?state=pending");
  ASSERT_EQ(pending.status, 200) << pending.body;
  ASSERT_EQ(pending.json.asArray().size(), 1u) << pending.body;
  const wf::Value& job = pending.json.asArray().front();
  EXPECT_EQ(str(job, "type"), "api-test-notify");
  EXPECT_EQ(str(job, "elementId"), "send");
  EXPECT_EQ(str(job, "state"), "pending");
  EXPECT_EQ(str(job, "processInstanceId"), str(started.json, "id"));

  EXPECT_EQ(client().get("/api/v1/jobs?state=failed").json, wf::Value(wf::Array{}));
  EXPECT_EQ(client().get("/api/v1/jobs?state=completed").json, wf::Value(wf::Array{}));
  EXPECT_EQ(client().get("/api/v1/jobs").json.asArray().size(), 1u);
  const testing::Reply bad = client().get("/api/v1/jobs?state=asleep");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.errorField(), "state");
}

TEST_F(EngineRoutesTest, EveryEndpointNeedsTheToken) {
  const testing::ApiClient anonymous = client().withToken(std::nullopt);
  EXPECT_EQ(anonymous.get("/api/v1/process-definitions").status, 401);
  EXPECT_EQ(anonymous.post("/api/v1/deployments", testing::apiFixture("approval.bpmn")).status,
            401);
  EXPECT_EQ(anonymous.get("/api/v1/tasks").status, 401);
  EXPECT_EQ(anonymous.get("/api/v1/jobs").status, 401);
  // And nothing was deployed by the refused request.
  EXPECT_EQ(client().get("/api/v1/process-definitions").json, wf::Value(wf::Array{}));
}

TEST_F(EngineRoutesTest, DecisionsDeployAndEvaluateAndAreNotProcessDefinitions) {
  const testing::Reply deployed = deploy("fee.dmn");
  ASSERT_EQ(deployed.status, 201) << deployed.body;
  EXPECT_EQ(str(deployed.json.find("definitions")->asArray().at(0), "key"), "fee");
  EXPECT_EQ(str(deployed.json.find("definitions")->asArray().at(0), "kind"), "dmn");
  const testing::Reply company = client().post("/api/v1/decisions/fee/evaluate",
                                               R"({"variables": {"applicantType": "company"}})");
  ASSERT_EQ(company.status, 200) << company.body;
  EXPECT_EQ(company.json.find("result")->asNumber(), 100);
  const testing::Reply person = client().post("/api/v1/decisions/fee/evaluate",
                                              R"({"variables": {"applicantType": "person"}})");
  EXPECT_EQ(person.json.find("result")->asNumber(), 0);
  EXPECT_EQ(client().get("/api/v1/process-definitions").json, wf::Value(wf::Array{}));
}

TEST_F(EngineRoutesTest, EvaluatingAnUnknownDecisionIs404AndBadVariablesAre400) {
  ASSERT_EQ(deploy("fee.dmn").status, 201);
  EXPECT_EQ(client().post("/api/v1/decisions/nothing/evaluate", "{}").status, 404);
  const testing::Reply bad =
      client().post("/api/v1/decisions/fee/evaluate", R"({"variables": [1, 2]})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("variables"), std::string::npos) << bad.body;
}

TEST_F(EngineRoutesTest, ClaimNextGivesTheWaitingTaskOnceThen204) {
  const wf::Value started = startApproval();
  const std::string task_id = str(onlyTask(str(started, "id")), "id");
  // approval.bpmn puts its review task in queue "A".
  const std::string body = R"({"assignee": "window-7", "queues": ["A"]})";
  const testing::Reply first = client().post("/api/v1/tasks/claim-next", body);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(str(first.json, "id"), task_id);
  EXPECT_EQ(str(first.json, "assignee"), "window-7");
  EXPECT_EQ(client().post("/api/v1/tasks/claim-next", body).status, 204);
}

TEST_F(EngineRoutesTest, ClaimNextWithoutQueuesOrAssigneeIs400NamingTheField) {
  const testing::Reply no_queues =
      client().post("/api/v1/tasks/claim-next", R"({"assignee": "window-7", "queues": []})");
  EXPECT_EQ(no_queues.status, 400);
  EXPECT_NE(no_queues.body.find("queues"), std::string::npos);
  const testing::Reply no_assignee =
      client().post("/api/v1/tasks/claim-next", R"({"queues": ["market"]})");
  EXPECT_EQ(no_assignee.status, 400);
  EXPECT_NE(no_assignee.body.find("assignee"), std::string::npos);
}

TEST_F(EngineRoutesTest, SuspendResumeAndCancelAnInstance) {
  const std::string id = str(startApproval(), "id");
  const std::string task_id = str(onlyTask(id), "id");
  EXPECT_EQ(client().post("/api/v1/process-instances/" + id + "/suspend", "").status, 204);
  EXPECT_EQ(str(client().get("/api/v1/process-instances/" + id).json, "state"), "suspended");
  EXPECT_EQ(client().post("/api/v1/tasks/" + task_id + "/complete", "{}").status, 409);
  EXPECT_EQ(client().post("/api/v1/process-instances/" + id + "/resume", "").status, 204);
  EXPECT_EQ(client()
                .post("/api/v1/process-instances/" + id + "/cancel", R"({"reason": "申请人撤回"})")
                .status,
            204);
  EXPECT_EQ(str(client().get("/api/v1/process-instances/" + id).json, "state"), "terminated");
  EXPECT_EQ(client().post("/api/v1/process-instances/" + id + "/cancel", "{}").status, 409);
  EXPECT_EQ(client().post("/api/v1/process-instances/nope/suspend", "").status, 404);
  EXPECT_EQ(client().post("/api/v1/process-instances/" + id + "/cancel", R"({"reason": 3})").status,
            400);
}

TEST_F(EngineRoutesTest, IncidentsAreListedAndRetried) {
  deployFixture("runtime/script_error.bpmn");
  const testing::Reply started = client().post("/api/v1/process-definitions/script_error/instances",
                                               R"({"variables": {"name": "Li"}})");
  ASSERT_EQ(started.status, 201) << started.body;
  const testing::Reply list = client().get("/api/v1/incidents");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json.asArray().size(), 1u) << list.body;
  const std::string id = str(list.json.asArray()[0], "id");
  EXPECT_EQ(str(list.json.asArray()[0], "elementId"), "bad");
  EXPECT_EQ(client().post("/api/v1/incidents/" + id + "/retry", R"({"variables": 1})").status, 400);
  EXPECT_EQ(
      client().post("/api/v1/incidents/" + id + "/retry", R"({"variables": {"name": 2}})").status,
      204);
  EXPECT_EQ(client().get("/api/v1/incidents").json, wf::Value(wf::Array{}));
  EXPECT_EQ(str(client().get("/api/v1/process-instances/" + str(started.json, "id")).json, "state"),
            "completed");
  EXPECT_EQ(client().post("/api/v1/incidents/" + id + "/skip", "{}").status, 404);
}

TEST_F(EngineRoutesTest, MessagesCorrelateStartBufferOrAre404) {
  deployFixture("runtime/messages.bpmn");
  deployFixture("runtime/message_start.bpmn");
  const testing::Reply started =
      client().post("/api/v1/process-definitions/await_payment/instances",
                    R"({"variables": {"caseCode": "C1"}})");
  ASSERT_EQ(started.status, 201) << started.body;
  const std::string id = str(started.json, "id");

  const std::string paid =
      R"({"name": "payment-confirmed", "correlationKey": "C1", "messageId": "pay-1"})";
  const testing::Reply correlated = client().post("/api/v1/messages", paid);
  EXPECT_EQ(correlated.status, 200) << correlated.body;
  EXPECT_EQ(str(correlated.json, "outcome"), "correlated");
  EXPECT_EQ(str(correlated.json, "processInstanceId"), id);
  const testing::Reply again = client().post("/api/v1/messages", paid);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(str(again.json, "outcome"), "duplicate");

  const testing::Reply unknown =
      client().post("/api/v1/messages", R"({"name": "payment-confirmed", "correlationKey": "X"})");
  EXPECT_EQ(unknown.status, 404) << unknown.body;

  const testing::Reply online = client().post(
      "/api/v1/messages", R"({"name": "online-application-submitted", "correlationKey": "W1"})");
  EXPECT_EQ(online.status, 201) << online.body;
  EXPECT_EQ(str(online.json, "outcome"), "started");

  const testing::Reply early = client().post(
      "/api/v1/messages", R"({"name": "signed", "correlationKey": "C9", "timeToLive": "PT10M"})");
  EXPECT_EQ(early.status, 202) << early.body;

  const testing::Reply bad_ttl = client().post(
      "/api/v1/messages", R"({"name": "signed", "correlationKey": "C9", "timeToLive": "soon"})");
  EXPECT_EQ(bad_ttl.status, 400);
  EXPECT_NE(bad_ttl.body.find("timeToLive"), std::string::npos);
  const testing::Reply no_name = client().post("/api/v1/messages", R"({"correlationKey": "C9"})");
  EXPECT_EQ(no_name.status, 400);
  EXPECT_NE(no_name.body.find("name"), std::string::npos);
}

TEST_F(EngineRoutesTest, SignalsAreBroadcast) {
  deployFixture("runtime/signals.bpmn");
  ASSERT_EQ(client().post("/api/v1/process-definitions/window_service/instances", "{}").status,
            201);
  const testing::Reply sent = client().post("/api/v1/signals", R"({"name": "hall-closes"})");
  EXPECT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(sent.json.find("reached")->asNumber(), 2);  // one wait ended, one report started
  EXPECT_EQ(client().post("/api/v1/signals", R"({"variables": {}})").status, 400);
}

TEST_F(EngineRoutesTest, AQueueIsRankedByADeployedDecision) {
  ASSERT_EQ(client()
                .post("/api/v1/deployments?name=call_priority.dmn",
                      hall::test::readFile(std::string(HALL_SOURCE_DIR) +
                                           "/models/rules/call_priority.dmn"),
                      "application/xml")
                .status,
            201);
  const testing::Reply set =
      client().put("/api/v1/work-queues/general", R"({"rankingDecision": "call_priority"})");
  EXPECT_EQ(set.status, 200) << set.body;
  const testing::Reply listed = client().get("/api/v1/work-queues");
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.json.asArray().size(), 1u) << listed.body;
  EXPECT_EQ(str(listed.json.asArray()[0], "rankingDecision"), "call_priority");
  const testing::Reply unknown =
      client().put("/api/v1/work-queues/general", R"({"rankingDecision": "nope"})");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(str(client().get("/api/v1/work-queues").json.asArray()[0], "rankingDecision"),
            "call_priority");  // unchanged
  EXPECT_EQ(client().put("/api/v1/work-queues/general", R"({"rankingDecision": 7})").status, 400);
}

TEST_F(EngineRoutesTest, AnInstanceMigratesOrIsRefusedWithItsProblems) {
  deployFixture("runtime/migration_v1.bpmn");
  const testing::Reply started = client().post("/api/v1/process-definitions/permit/instances",
                                               R"({"variables": {"caseCode": "P-9"}})");
  ASSERT_EQ(started.status, 201);
  const std::string id = str(started.json, "id");
  deployFixture("runtime/migration_v2.bpmn");
  const std::string path = "/api/v1/process-instances/" + id + "/migrate";
  const testing::Reply refused = client().post(path, R"({"targetVersion": 2})");
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("no counterpart"), std::string::npos);
  EXPECT_EQ(client().post(path, R"({"mapping": {}})").status, 400);
  EXPECT_EQ(client().post(path, R"({"targetVersion": 9})").status, 404);
  const testing::Reply moved =
      client().post(path, R"({"targetVersion": 2, "mapping": {"review": "check"}})");
  EXPECT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json.find("version")->asNumber(), 2);
}

}  // namespace
}  // namespace portal::web
