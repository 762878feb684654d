// The hall directory's endpoints on the real server over loopback HTTP: list,
// create, change, retire windows, departments and queues; a window's queues
// and matters; export and import of the hall model — and bad input of every
// kind answered with the field (or file:line:col) and nothing changed.
#include "portal/web/directory_routes.h"

#include <gtest/gtest.h>

#include "portal/domain/hall_layout_reader.h"
#include "portal/store/soci_hall_directory_store.h"
#include "portal/web/api_client.h"
#include "portal/web/web_server.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

namespace portal::web {
namespace {

constexpr const char* kToken = "directory-routes-test-token";

class DirectoryRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = std::string(HALL_SOURCE_DIR) + "/models/hall/changning.xml";
    const hall::domain::ReadHallLayoutResult read =
        hall::domain::readHallLayout(path, hall::test::readFile(path));
    ASSERT_NE(read.layout, nullptr);
    auto store = hall::store::SociHallDirectoryStore::open("sqlite:" + dir_.file("hall.db"));
    ASSERT_TRUE(store.ok()) << store.status().toString();
    store_ = std::move(store).value();
    auto directory = hall::domain::HallDirectory::open(
        *store_, *read.layout,
        [this](const std::string& who, const std::string& action, const std::string& target,
               const std::string&) { audit_.push_back(who + " " + action + " " + target); });
    ASSERT_TRUE(directory.ok()) << directory.status().toString();
    directory_ = std::move(directory).value();
    Router router;
    routes_ = std::make_unique<DirectoryRoutes>(*directory_);
    routes_->addTo(router);
    auto server = testing::startServer(std::move(router), kToken, dir_.path());
    ASSERT_TRUE(server.ok()) << server.status().toString();
    server_ = std::move(server).value();
  }
  void TearDown() override {
    if (server_) server_->stop();
  }

  testing::ApiClient client() const { return testing::ApiClient(server_->port(), kToken); }

  int version() const {
    const testing::Reply r = client().get("/api/v1/admin/windows");
    return static_cast<int>(r.json.find("version")->asNumber());
  }
  std::string exported() const { return client().get("/api/v1/admin/hall-model").body; }

  static std::string text(const wf::Value& json, const char* name) {
    const wf::Value* v = json.find(name);
    return v && v->isString() ? v->asString() : "<missing>";
  }

  hall::test::TempDir dir_;
  std::unique_ptr<hall::store::SociHallDirectoryStore> store_;
  std::unique_ptr<hall::domain::HallDirectory> directory_;
  std::vector<std::string> audit_;
  std::unique_ptr<DirectoryRoutes> routes_;
  std::unique_ptr<WebServer> server_;
};

TEST_F(DirectoryRoutesTest, ListsAndGetsWindowsDepartmentsAndQueues) {
  const testing::Reply windows = client().get("/api/v1/admin/windows");
  ASSERT_EQ(windows.status, 200) << windows.body;
  EXPECT_EQ(windows.json.find("version")->asNumber(), 1);
  EXPECT_EQ(windows.json.find("windows")->asArray().size(), 65u);

  const testing::Reply w11 = client().get("/api/v1/admin/windows/W11");
  ASSERT_EQ(w11.status, 200) << w11.body;
  const wf::Value& w = *w11.json.find("window");
  EXPECT_EQ(text(w, "department"), "swj");
  EXPECT_EQ(text(w, "kind"), "ordinary");
  EXPECT_EQ(w.find("queues")->asArray().front().asString(), "tax");
  EXPECT_FALSE(w.find("retired")->asBool());

  const testing::Reply departments = client().get("/api/v1/admin/departments");
  ASSERT_EQ(departments.status, 200);
  EXPECT_GE(departments.json.find("departments")->asArray().size(), 7u);
  const testing::Reply tax = client().get("/api/v1/admin/queues/tax");
  ASSERT_EQ(tax.status, 200);
  EXPECT_EQ(text(*tax.json.find("queue"), "prefix"), "D");
  EXPECT_EQ(text(*tax.json.find("queue"), "opens"), "09:00");
  EXPECT_EQ(tax.json.find("queue")->find("days")->asArray().size(), 5u);

  EXPECT_EQ(client().get("/api/v1/admin/windows/W99").status, 404);
  EXPECT_EQ(client().get("/api/v1/admin/departments/nobody").status, 404);
  EXPECT_EQ(client().get("/api/v1/admin/queues/nothing").status, 404);
  EXPECT_EQ(testing::ApiClient(server_->port()).get("/api/v1/admin/windows").status, 401);
}

TEST_F(DirectoryRoutesTest, CreatesChangesAndRetiresADepartmentAQueueAndAWindow) {
  testing::Reply r = client().post(
      "/api/v1/admin/departments",
      R"({"version":1,"id":"yjj","name":"长宁区应急管理局","code":"11310105MB000010XK","illustrative":true})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json.find("version")->asNumber(), 2);
  EXPECT_EQ(text(*r.json.find("department"), "name"), "长宁区应急管理局");

  r = client().post("/api/v1/admin/queues",
                    R"({"version":2,"id":"safety","name":"安全生产","prefix":"H",)"
                    R"("opens":"08:30","closes":"16:30","days":["mon","tue","wed"]})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(text(*r.json.find("queue"), "closes"), "16:30");

  r = client().post("/api/v1/admin/windows",
                    R"({"version":3,"id":"W66","number":66,"kind":"ordinary","zone":"z2",)"
                    R"("department":"yjj","floor":2,"x":54,"y":6,"queues":["safety"]})");
  ASSERT_EQ(r.status, 201) << r.body;

  r = client().put("/api/v1/admin/windows/W66/queues",
                   R"({"version":4,"queues":["safety","policy"]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json.find("window")->find("queues")->asArray().size(), 2u);
  r = client().put("/api/v1/admin/windows/W66/matters",
                   R"({"version":5,"matters":["310105-yj-001","310105-yj-002"]})");
  ASSERT_EQ(r.status, 200) << r.body;
  r = client().put("/api/v1/admin/windows/W66", R"({"version":6,"number":65,"x":55.5})");
  EXPECT_EQ(r.status, 409) << r.body;  // V65's
  EXPECT_EQ(r.errorField(), "number");
  r = client().put("/api/v1/admin/windows/W66", R"({"version":6,"number":70,"x":55.5})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json.find("window")->find("number")->asNumber(), 70);
  EXPECT_EQ(r.json.find("window")->find("x")->asNumber(), 55.5);
  EXPECT_EQ(r.json.find("window")->find("matters")->asArray().size(), 2u);  // kept

  r = client().put("/api/v1/admin/departments/yjj", R"({"version":7,"name":"长宁区应急局"})");
  ASSERT_EQ(r.status, 200) << r.body;
  r = client().put("/api/v1/admin/queues/safety", R"({"version":8,"closes":"17:00"})");
  ASSERT_EQ(r.status, 200) << r.body;

  // The queue and the department are in use: they retire after the window.
  const testing::Reply in_use =
      client().post("/api/v1/admin/queues/safety/retire", R"({"version":9})");
  EXPECT_EQ(in_use.status, 409);
  EXPECT_EQ(in_use.errorField(), "retired");
  ASSERT_NE(in_use.errorDetail("windows"), nullptr) << in_use.body;
  EXPECT_EQ(in_use.errorDetail("windows")->asArray().front().asString(), "W66");
  EXPECT_EQ(client().post("/api/v1/admin/departments/yjj/retire", R"({"version":9})").status, 409);
  r = client().post("/api/v1/admin/windows/W66/retire", R"({"version":9})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json.find("window")->find("retired")->asBool());
  EXPECT_EQ(client().post("/api/v1/admin/queues/safety/retire", R"({"version":10})").status, 200);
  EXPECT_EQ(client().post("/api/v1/admin/departments/yjj/retire", R"({"version":11})").status, 200);
  EXPECT_EQ(version(), 12);

  const std::string xml = exported();
  EXPECT_NE(xml.find("<window id=\"W66\" number=\"70\" kind=\"ordinary\" zone=\"z2\" "
                     "department=\"yjj\" floor=\"2\" x=\"55.5\" y=\"6\" retired=\"true\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<takes matter=\"310105-yj-002\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<department id=\"yjj\" name=\"长宁区应急局\""), std::string::npos);
  EXPECT_EQ(audit_.size(), 12u);
  EXPECT_EQ(audit_.back(), "system department.retire yjj");
}

TEST_F(DirectoryRoutesTest, BadInputNamesTheFieldAndChangesNothing) {
  const std::string before = exported();
  struct Case {
    const char* method;
    const char* path;
    const char* body;
    int status;
    const char* field;
  };
  for (const Case& c : std::vector<Case>{
           {"POST", "/api/v1/admin/windows",
            R"({"id":"W66","number":66,"zone":"z1","queues":["tax"]})", 400, "version"},
           {"POST", "/api/v1/admin/windows", R"({"version":"1","id":"W66"})", 400, "version"},
           {"POST", "/api/v1/admin/windows", R"({"version":1,"id":"W66","number":"66"})", 400,
            "number"},
           {"POST", "/api/v1/admin/windows", R"({"version":1,"id":"W66","number":66.5})", 400,
            "number"},
           {"POST", "/api/v1/admin/windows", R"({"version":1,"id":"W66","queues":"tax"})", 400,
            "queues"},
           {"POST", "/api/v1/admin/windows", R"({"version":1,"id":"W66","queues":[1]})", 400,
            "queues"},
           {"POST", "/api/v1/admin/windows", R"({"version":1,"id":"W66","kind":"royal"})", 400,
            "kind"},
           {"POST", "/api/v1/admin/windows", R"({"version":1,"id":"W66","colour":"red"})", 400,
            "colour"},
           {"POST", "/api/v1/admin/windows",
            R"({"version":1,"id":"W66","number":66,"zone":"z1","queues":["tax"],"retired":"no"})",
            400, "retired"},
           {"POST", "/api/v1/admin/windows",
            R"({"version":1,"id":"W01","number":66,"zone":"z1","queues":["tax"]})", 409, "id"},
           {"POST", "/api/v1/admin/windows",
            R"({"version":1,"id":"W66","number":1,"zone":"z1","queues":["tax"]})", 409, "number"},
           {"POST", "/api/v1/admin/windows",
            R"({"version":1,"id":"W66","number":66,"zone":"z9","queues":["tax"]})", 400, "zone"},
           {"POST", "/api/v1/admin/windows",
            R"({"version":0,"id":"W66","number":66,"zone":"z1","queues":["tax"]})", 409, "version"},
           {"PUT", "/api/v1/admin/windows/W01", R"({"version":1,"id":"W02"})", 400, "id"},
           {"PUT", "/api/v1/admin/windows/W01", R"({"version":1,"department":"nobody"})", 400,
            "department"},
           {"PUT", "/api/v1/admin/windows/W99", R"({"version":1})", 404, "<none>"},
           {"PUT", "/api/v1/admin/windows/W01/queues", R"({"version":1})", 400, "queues"},
           {"PUT", "/api/v1/admin/windows/W01/queues", R"({"version":1,"queues":["passports"]})",
            400, "queues"},
           {"PUT", "/api/v1/admin/windows/W01/matters", R"({"version":1,"matters":["m",""]})", 400,
            "matters"},
           {"POST", "/api/v1/admin/windows/W01/retire", R"({"version":1,"why":"x"})", 400, "why"},
           {"POST", "/api/v1/admin/departments",
            R"({"version":1,"id":"x","name":"局","code":"abc"})", 400, "code"},
           {"POST", "/api/v1/admin/departments", R"({"version":1,"id":"swj","name":"局"})", 409,
            "id"},
           {"POST", "/api/v1/admin/departments", R"({"version":1,"id":"x","name":7})", 400, "name"},
           {"POST", "/api/v1/admin/departments/swj/retire", R"({"version":1})", 409, "retired"},
           {"POST", "/api/v1/admin/queues", R"({"version":1,"id":"q","name":"队列"})", 400,
            "prefix"},
           {"POST", "/api/v1/admin/queues", R"({"version":1,"id":"q","name":"队列","prefix":"A"})",
            409, "prefix"},
           {"POST", "/api/v1/admin/queues",
            R"({"version":1,"id":"q","name":"队列","prefix":"Q","opens":"9am"})", 400, "opens"},
           {"POST", "/api/v1/admin/queues",
            R"({"version":1,"id":"q","name":"队列","prefix":"Q","days":["someday"]})", 400, "days"},
           {"PUT", "/api/v1/admin/queues/tax", R"({"version":1,"retired":true})", 409, "retired"},
       }) {
    SCOPED_TRACE(std::string(c.method) + " " + c.path + " " + c.body);
    const testing::Reply r = client().send(c.method, c.path, c.body);
    EXPECT_EQ(r.status, c.status) << r.body;
    EXPECT_EQ(r.errorField(), c.field) << r.body;
  }
  EXPECT_EQ(version(), 1);
  EXPECT_EQ(exported(), before);
  EXPECT_TRUE(audit_.size() == 1u);
}

TEST_F(DirectoryRoutesTest, ExportsAndImportsTheHallModel) {
  const testing::Reply xml = client().get("/api/v1/admin/hall-model");
  ASSERT_EQ(xml.status, 200);
  EXPECT_EQ(xml.headers.at("Content-Type"), "application/xml; charset=utf-8");
  EXPECT_TRUE(hall::domain::isHallLayoutDocument(xml.body));
  const testing::Reply as_json = client().get("/api/v1/admin/hall-model?as=json");
  ASSERT_EQ(as_json.status, 200);
  EXPECT_EQ(text(as_json.json, "xml"), xml.body);
  EXPECT_EQ(client().get("/api/v1/admin/hall-model?as=pdf").errorField(), "as");

  // A broken model: refused at its line and column, nothing changed.
  std::string broken = xml.body;
  const std::string tax = "<serves queue=\"tax\"/>";
  broken.replace(broken.find(tax), tax.size(), "<serves queue=\"taxes\"/>");
  testing::Reply r = client().post("/api/v1/admin/hall-model", broken, "application/xml");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.errorMessage().find("upload.xml:"), std::string::npos) << r.body;
  EXPECT_NE(r.errorMessage().find("unknown queue 'taxes'"), std::string::npos) << r.body;
  const wf::Value* diagnostics = r.errorDetail("diagnostics");
  ASSERT_NE(diagnostics, nullptr) << r.body;
  EXPECT_GT(diagnostics->asArray().front().find("line")->asNumber(), 1);
  r = client().post("/api/v1/admin/hall-model?name=C%3A%5Cmine%5Chall.xml",
                    "<hall><unclosed></hall>", "application/xml");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.errorMessage().find("hall.xml:1:"), std::string::npos) << r.body;
  EXPECT_EQ(r.errorMessage().find("mine"), std::string::npos) << r.body;
  EXPECT_EQ(client().post("/api/v1/admin/hall-model", R"({"version":1})").errorField(), "xml");
  EXPECT_EQ(version(), 1);
  EXPECT_EQ(exported(), xml.body);

  // A good one replaces the hall: raw XML with ?version, or JSON.
  std::string smaller = xml.body;
  const std::string old_name = "name=\"长宁区行政服务中心\"";
  smaller.replace(smaller.find(old_name), old_name.size(), "name=\"长宁区行政服务中心（试）\"");
  EXPECT_EQ(client().post("/api/v1/admin/hall-model?version=9", smaller, "application/xml").status,
            409);
  r = client().post("/api/v1/admin/hall-model?version=1", smaller, "application/xml");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json.find("version")->asNumber(), 2);
  EXPECT_EQ(r.json.find("windows")->asNumber(), 65);
  EXPECT_NE(exported().find("长宁区行政服务中心（试）"), std::string::npos);
  wf::Object body{{"version", wf::Value(2)}, {"xml", wf::Value(xml.body)}};
  r = client().post("/api/v1/admin/hall-model", wf::Value(body).toJson());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(exported(), xml.body);
  EXPECT_EQ(audit_.back(), "system import ");
}

}  // namespace
}  // namespace portal::web
