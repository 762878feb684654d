// The analyst's endpoints over a real engine (SQLite in a temp folder),
// spoken to over loopback HTTP: models and their versions, a version's
// XML, lint with diagnostics that name the element, deploy, and where the
// running instances wait.
#include "portal/web/model_routes.h"

#include <gtest/gtest.h>

#include "portal/web/api_client.h"
#include "portal/web/engine_routes.h"
#include "portal/web/web_server.h"

namespace portal::web {
namespace {

constexpr const char* kToken = "model-routes-test-token";

std::string str(const wf::Value& object, std::string_view name) {
  const wf::Value* member = object.find(name);
  return member != nullptr && member->isString() ? member->asString()
                                                 : "<missing " + std::string(name) + ">";
}

int num(const wf::Value& object, std::string_view name) {
  const wf::Value* member = object.find(name);
  return member != nullptr && member->isNumber() ? static_cast<int>(member->asNumber()) : -1;
}

// approval.bpmn with another task name: a changed document.
std::string approvalRenamed() {
  std::string xml = testing::apiFixture("approval.bpmn");
  xml.replace(xml.find("name=\"Review\""), 13, "name=\"Check\"");
  return xml;
}

// approval.bpmn without the flow from its task to its end: nothing reaches
// the end event.
std::string approvalWithEndCutOff() {
  std::string xml = testing::apiFixture("approval.bpmn");
  const std::string flow =
      R"(<bpmn:sequenceFlow id="to_done" sourceRef="review" targetRef="done" />)";
  xml.erase(xml.find(flow), flow.size());
  return xml;
}

// A JSON body {"xml": …} (and resourceName), built as a value so that the
// XML is escaped properly.
std::string modelBody(const std::string& xml, const std::string& resource_name = "") {
  wf::Object body{{"xml", wf::Value(xml)}};
  if (!resource_name.empty()) body["resourceName"] = wf::Value(resource_name);
  return wf::Value(std::move(body)).toJson();
}

class ModelRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    wf::EngineOptions options;
    options.db_url = "sqlite:" + (dir_.path() / "hall.db").string();
    wf::Result<std::unique_ptr<wf::Engine>> engine = wf::Engine::open(std::move(options));
    ASSERT_TRUE(engine.ok()) << engine.status().toString();
    engine_ = std::move(engine).value();
    Router router;
    engine_routes_ = std::make_unique<EngineRoutes>(*engine_);
    engine_routes_->addTo(router);
    routes_ = std::make_unique<ModelRoutes>(*engine_);
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

  // Deploys through the model route; expects 201 and returns the model's version.
  int deployModel(const std::string& key, const std::string& xml,
                  const std::string& resource_name = "") {
    const testing::Reply r =
        client().post("/api/v1/models/" + key + "/deploy", modelBody(xml, resource_name));
    EXPECT_EQ(r.status, 201) << r.body;
    const wf::Value* model = r.json.find("model");
    return model != nullptr && model->isObject() ? num(*model, "version") : -1;
  }

  std::string startApproval() {
    const testing::Reply r =
        client().post("/api/v1/process-definitions/api_approval/instances", "{}");
    EXPECT_EQ(r.status, 201) << r.body;
    return str(r.json, "id");
  }

  testing::TempDir dir_;
  std::unique_ptr<wf::Engine> engine_;
  std::unique_ptr<EngineRoutes> engine_routes_;
  std::unique_ptr<ModelRoutes> routes_;
  std::unique_ptr<WebServer> server_;
};

TEST_F(ModelRoutesTest, ListsEachModelOnceWithEveryVersionAndFindsItByName) {
  EXPECT_EQ(deployModel("api_approval", testing::apiFixture("approval.bpmn"), "approval.bpmn"), 1);
  // No resource name: the model keeps the file name of its earlier version.
  EXPECT_EQ(deployModel("api_approval", approvalRenamed()), 2);

  const testing::Reply all = client().get("/api/v1/models");
  ASSERT_EQ(all.status, 200) << all.body;
  ASSERT_TRUE(all.json.isArray());
  ASSERT_EQ(all.json.asArray().size(), 1u) << all.body;
  const wf::Value& model = all.json.asArray()[0];
  EXPECT_EQ(str(model, "key"), "api_approval");
  EXPECT_EQ(str(model, "name"), "API approval");
  EXPECT_EQ(num(model, "latestVersion"), 2);
  const wf::Array& versions = model.find("versions")->asArray();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(num(versions[0], "version"), 1);
  EXPECT_EQ(num(versions[1], "version"), 2);
  EXPECT_EQ(str(versions[1], "resource"), "approval.bpmn");
  EXPECT_TRUE(versions[1].find("deployedAt")->isString()) << all.body;

  const testing::Reply found = client().get("/api/v1/models?q=APPROVAL");
  ASSERT_EQ(found.status, 200);
  EXPECT_EQ(found.json.asArray().size(), 1u);
  const testing::Reply none = client().get("/api/v1/models?q=%E5%8F%91%E8%AF%81");  // 发证
  ASSERT_EQ(none.status, 200);
  EXPECT_TRUE(none.json.asArray().empty()) << none.body;
}

TEST_F(ModelRoutesTest, XmlOfAVersionIsTheDocumentAsDeployed) {
  deployModel("api_approval", testing::apiFixture("approval.bpmn"));
  deployModel("api_approval", approvalRenamed());
  const testing::Reply v1 = client().get("/api/v1/models/api_approval/versions/1/xml");
  ASSERT_EQ(v1.status, 200) << v1.body;
  EXPECT_EQ(str(v1.json, "xml"), testing::apiFixture("approval.bpmn"));
  EXPECT_EQ(str(v1.json, "definitionId"), "api_approval:1");
  const testing::Reply v2 = client().get("/api/v1/models/api_approval/versions/2/xml");
  ASSERT_EQ(v2.status, 200) << v2.body;
  EXPECT_EQ(str(v2.json, "xml"), approvalRenamed());
  EXPECT_EQ(num(v2.json, "version"), 2);
}

TEST_F(ModelRoutesTest, UnknownKeyOrVersionIs404AndABadVersionIs400NamingIt) {
  deployModel("api_approval", testing::apiFixture("approval.bpmn"));
  for (const char* path :
       {"/api/v1/models/api_approval/versions/3/xml", "/api/v1/models/nothing/versions/1/xml",
        "/api/v1/models/api_approval/versions/3/statistics",
        "/api/v1/models/dmn:fee/versions/1/xml"}) {
    const testing::Reply r = client().get(path);
    EXPECT_EQ(r.status, 404) << path << ": " << r.body;
    EXPECT_EQ(r.errorCode(), "NOT_FOUND") << path;
  }
  for (const char* version : {"0", "x", "1.5", "-1", "99999999999"}) {
    const testing::Reply r =
        client().get(std::string("/api/v1/models/api_approval/versions/") + version + "/xml");
    EXPECT_EQ(r.status, 400) << version << ": " << r.body;
    EXPECT_EQ(r.errorField(), "version") << version;
  }
}

TEST_F(ModelRoutesTest, LintNamesTheElementLineAndColumnOfEachFinding) {
  const testing::Reply clean =
      client().post("/api/v1/models/lint", modelBody(testing::apiFixture("approval.bpmn")));
  ASSERT_EQ(clean.status, 200) << clean.body;
  EXPECT_EQ(num(clean.json, "errors"), 0) << clean.body;

  const testing::Reply broken =
      client().post("/api/v1/models/lint", modelBody(approvalWithEndCutOff(), "approval.bpmn"));
  ASSERT_EQ(broken.status, 200) << broken.body;
  EXPECT_GE(num(broken.json, "errors"), 1) << broken.body;
  bool names_done = false;
  for (const wf::Value& d : broken.json.find("diagnostics")->asArray()) {
    if (str(d, "elementId") != "done") continue;
    names_done = true;
    EXPECT_EQ(str(d, "severity"), "error");
    EXPECT_EQ(str(d, "file"), "approval.bpmn");
    EXPECT_EQ(num(d, "line"), 13) << broken.body;  // <bpmn:endEvent id="done" />
    EXPECT_GT(num(d, "column"), 0);
    EXPECT_NE(str(d, "message").find("not reachable"), std::string::npos) << broken.body;
  }
  EXPECT_TRUE(names_done) << broken.body;
}

TEST_F(ModelRoutesTest, MalformedXmlIsAFindingWithLineAndColumnNotARequestError) {
  std::string xml = testing::apiFixture("approval.bpmn");
  xml.erase(xml.find("</bpmn:process>"), 15);  // the process is never closed
  const testing::Reply r = client().post("/api/v1/models/lint", modelBody(xml));
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(num(r.json, "errors"), 1) << r.body;
  const wf::Value& d = r.json.find("diagnostics")->asArray().at(0);
  EXPECT_GT(num(d, "line"), 1) << r.body;
  EXPECT_GT(num(d, "column"), 0) << r.body;
  EXPECT_EQ(str(d, "file"), "model.bpmn");
  // The element the error is in: the process that was never closed.
  EXPECT_EQ(str(d, "elementId"), "api_approval") << r.body;
}

TEST_F(ModelRoutesTest, ABadBodyIs400NamingTheField) {
  struct Case {
    std::string body;
    std::string field;
  };
  for (const Case& c :
       std::vector<Case>{{"{", "body"},
                         {"[]", "body"},
                         {"{}", "xml"},
                         {R"({"xml": 42})", "xml"},
                         {R"({"xml": "  "})", "xml"},
                         {R"({"xml": "<x/>", "resourceName": 7})", "resourceName"},
                         {R"({"xml": "<x/>", "resourceName": ""})", "resourceName"}}) {
    for (const char* path : {"/api/v1/models/lint", "/api/v1/models/api_approval/deploy"}) {
      const testing::Reply r = client().post(path, c.body);
      EXPECT_EQ(r.status, 400) << path << " " << c.body << ": " << r.body;
      EXPECT_EQ(r.errorField(), c.field) << path << " " << c.body;
    }
  }
}

TEST_F(ModelRoutesTest, DeployMakesANewVersionOnlyForChangedContentAndRefusesABrokenModel) {
  const testing::Reply first = client().post("/api/v1/models/api_approval/deploy",
                                             modelBody(testing::apiFixture("approval.bpmn")));
  ASSERT_EQ(first.status, 201) << first.body;
  const wf::Value* model = first.json.find("model");
  ASSERT_TRUE(model != nullptr && model->isObject()) << first.body;
  EXPECT_EQ(str(*model, "id"), "api_approval:1");
  EXPECT_EQ(*model->find("isNew"), wf::Value(true));

  const testing::Reply same = client().post("/api/v1/models/api_approval/deploy",
                                            modelBody(testing::apiFixture("approval.bpmn")));
  ASSERT_EQ(same.status, 201) << same.body;
  EXPECT_EQ(num(*same.json.find("model"), "version"), 1);
  EXPECT_EQ(*same.json.find("model")->find("isNew"), wf::Value(false));

  const testing::Reply refused =
      client().post("/api/v1/models/api_approval/deploy", modelBody(approvalWithEndCutOff()));
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.errorCode(), "INVALID_MODEL");
  const wf::Value* diagnostics = refused.errorDetail("diagnostics");
  ASSERT_TRUE(diagnostics != nullptr && diagnostics->isArray()) << refused.body;
  bool names_done = false;
  for (const wf::Value& d : diagnostics->asArray()) names_done |= str(d, "elementId") == "done";
  EXPECT_TRUE(names_done) << refused.body;
  // Nothing was deployed by the refusal.
  EXPECT_EQ(client().get("/api/v1/models/api_approval/versions/2/xml").status, 404);

  EXPECT_EQ(deployModel("api_approval", approvalRenamed()), 2);
  // A document that does not define {key} deploys what it defines; model is null.
  const testing::Reply other = client().post("/api/v1/models/something_else/deploy",
                                             modelBody(testing::apiFixture("approval.bpmn")));
  ASSERT_EQ(other.status, 201) << other.body;
  EXPECT_TRUE(other.json.find("model")->isNull()) << other.body;
}

TEST_F(ModelRoutesTest, StatisticsCountWhereTheRunningInstancesOfAVersionWait) {
  deployModel("api_approval", testing::apiFixture("approval.bpmn"));
  const std::string a = startApproval();
  startApproval();
  deployModel("api_approval", approvalRenamed());
  startApproval();  // version 2

  const testing::Reply v1 = client().get("/api/v1/models/api_approval/versions/1/statistics");
  ASSERT_EQ(v1.status, 200) << v1.body;
  EXPECT_EQ(num(v1.json, "waiting"), 2);
  EXPECT_EQ(num(v1.json, "incidents"), 0);
  const wf::Array& elements = v1.json.find("elements")->asArray();
  ASSERT_EQ(elements.size(), 1u) << v1.body;
  EXPECT_EQ(str(elements[0], "elementId"), "review");
  EXPECT_EQ(num(elements[0], "waiting"), 2);
  EXPECT_EQ(num(elements[0], "incidents"), 0);

  ASSERT_EQ(client().post("/api/v1/process-instances/" + a + "/cancel", "{}").status, 204);
  const testing::Reply after = client().get("/api/v1/models/api_approval/versions/1/statistics");
  EXPECT_EQ(num(after.json, "waiting"), 1) << after.body;
  const testing::Reply v2 = client().get("/api/v1/models/api_approval/versions/2/statistics");
  EXPECT_EQ(num(v2.json, "waiting"), 1) << v2.body;
}

TEST_F(ModelRoutesTest, InstancesListsTheRunningOnesOfAKeyAndVersion) {
  deployModel("api_approval", testing::apiFixture("approval.bpmn"));
  const std::string a = startApproval();
  const std::string b = startApproval();
  deployModel("api_approval", approvalRenamed());
  const std::string c = startApproval();
  ASSERT_EQ(client().post("/api/v1/process-instances/" + b + "/cancel", "{}").status, 204);

  const testing::Reply v1 = client().get("/api/v1/instances?definitionKey=api_approval&version=1");
  ASSERT_EQ(v1.status, 200) << v1.body;
  ASSERT_EQ(v1.json.asArray().size(), 1u) << v1.body;
  EXPECT_EQ(str(v1.json.asArray()[0], "id"), a);
  EXPECT_EQ(str(v1.json.asArray()[0], "state"), "active");
  EXPECT_EQ(v1.json.asArray()[0].find("activeActivityIds")->asArray().at(0), wf::Value("review"));

  const testing::Reply every = client().get("/api/v1/instances?definitionKey=api_approval");
  ASSERT_EQ(every.status, 200) << every.body;
  EXPECT_EQ(every.json.asArray().size(), 2u) << every.body;
  const testing::Reply one = client().get("/api/v1/instances?limit=1");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json.asArray().size(), 1u) << one.body;
  EXPECT_TRUE(client().get("/api/v1/instances?definitionKey=nothing").json.asArray().empty());

  struct Case {
    std::string query;
    std::string field;
  };
  for (const Case& q : std::vector<Case>{{"version=1", "definitionKey"},
                                         {"definitionKey=api_approval&version=zero", "version"},
                                         {"limit=0", "limit"},
                                         {"limit=1001", "limit"}}) {
    const testing::Reply r = client().get("/api/v1/instances?" + q.query);
    EXPECT_EQ(r.status, 400) << q.query << ": " << r.body;
    EXPECT_EQ(r.errorField(), q.field) << q.query;
  }
  (void)c;
}

TEST_F(ModelRoutesTest, EveryRouteNeedsTheToken) {
  const testing::ApiClient anonymous = client().withToken(std::nullopt);
  EXPECT_EQ(anonymous.get("/api/v1/models").status, 401);
  EXPECT_EQ(anonymous.post("/api/v1/models/lint", modelBody("<x/>")).status, 401);
  EXPECT_EQ(anonymous.get("/api/v1/instances").status, 401);
}

}  // namespace
}  // namespace portal::web
