// The data exchange robot in the real `hall serve --city`: the hall reads
// models/connectors/rpa/, signs in to the web line system with the
// credentials from its environment, and a case's pushes and fetches run as
// engine jobs — the hall's API shows the registration numbers after the
// push and the department's decision after the fetch. Without --city the
// hall starts all the same and says once that the robot is not connected.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "support/fixtures.h"
#include "support/hall_process.h"
#include "support/temp_dir.h"
#include "tools/citysim/citysim_process.h"

namespace connectors {
namespace {

using hall::citysim::test::CitysimClient;
using hall::citysim::test::CitysimProcess;
using hall::citysim::test::Reply;

constexpr const char* kKey = "rpa-serve-test-key";
constexpr const char* kToken = "rpa-serve-test-token-0123456789ab";
constexpr const char* kCase = "31010520261129A1000077K";

class RpaHallServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = CitysimProcess::startQuiet(kKey);
    ASSERT_TRUE(started.ok()) << started.status().toString();
    sim_ = std::move(started).value();
    sim_client_ = std::make_unique<CitysimClient>(sim_->host(), sim_->port(), kKey);
  }

  std::unique_ptr<hall::test::HallProcess> serve(const std::vector<std::string>& args) {
    return std::make_unique<hall::test::HallProcess>(
        HALL_BINARY, dir_.path(), args,
        Poco::Process::Env{{"HALL_ADMIN_TOKEN", kToken},
                           {"HALL_CITY_KEY", kKey},
                           {"HALL_LINESYS_WEB_USER", "hall-robot"},
                           {"HALL_LINESYS_WEB_PASSWORD", "robot-test-password"}});
  }

  Reply api(const std::string& method, const std::string& path, const std::string& body = {}) {
    CitysimClient hall("127.0.0.1", hall_->port(), "");
    return hall.sendRaw(method, path, body, {{"Authorization", std::string("Bearer ") + kToken}});
  }

  // The instance once it waits at `activity` (bounded wait).
  wf::Value waitAt(const std::string& id, const std::string& activity) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    Reply r;
    while (std::chrono::steady_clock::now() < deadline) {
      r = api("GET", "/api/v1/process-instances/" + id);
      const wf::Value* active = r.json.isObject() ? r.json.find("activeActivityIds") : nullptr;
      if (active != nullptr && active->asArray().size() == 1 &&
          active->asArray()[0].asString() == activity) {
        return r.json;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "not at " << activity << ": " << r.body;
    return wf::Value();
  }

  hall::test::TempDir dir_;
  std::unique_ptr<CitysimProcess> sim_;
  std::unique_ptr<CitysimClient> sim_client_;
  std::unique_ptr<hall::test::HallProcess> hall_;
};

TEST_F(RpaHallServeTest, ACasesDataGoesToTheLineSystemsAndTheDecisionComesBack) {
  hall_ = serve({"--city", sim_->url()});
  ASSERT_NE(hall_->port(), 0) << hall_->output();
  EXPECT_NE(
      hall_->output().find("connectors: RPA line systems: linesys-json at " + sim_->url() +
                           "/linesys/json/v1, linesys-web at " + sim_->url() + "/linesys/web"),
      std::string::npos)
      << hall_->output();
  const Reply deployed = api("POST", "/api/v1/deployments?name=rpa_exchange.bpmn",
                             hall::test::readFile(std::string(HALL_SOURCE_DIR) +
                                                  "/tests/fixtures/connectors/rpa_exchange.bpmn"));
  ASSERT_EQ(deployed.status, 201) << deployed.body;
  const wf::Value variables(wf::Object{{"caseCode", wf::Value(kCase)},
                                       {"applicantName", wf::Value("上海某某餐饮有限公司")},
                                       {"matterCode", wf::Value("00012310600001")},
                                       {"businessAddress", wf::Value("长宁路1号")},
                                       {"businessCategory", wf::Value("CANTEEN")},
                                       {"businessArea", wf::Value(80.0)}});
  const Reply started = api(
      "POST", "/api/v1/process-definitions/rpa_exchange/instances",
      wf::Value(wf::Object{{"businessKey", wf::Value(kCase)}, {"variables", variables}}).toJson());
  ASSERT_EQ(started.status, 201) << started.body;
  const std::string id = started.json.find("id")->asString();

  const wf::Value pushed = waitAt(id, "department_decides");
  ASSERT_TRUE(pushed.isObject());
  EXPECT_EQ(pushed.find("variables")->find("lineJsonRegNo")->asString(), "JSON-2026-000001");
  EXPECT_EQ(pushed.find("variables")->find("lineWebRegNo")->asString(), "WEB-2026-000001");

  for (const char* platform : {"linesys-json", "linesys-web"}) {
    const Reply entered = sim_client_->sendRaw(
        "PUT", std::string("/_sim/") + platform + "/department/" + kCase,
        R"({"decision": "approved", "opinion": "同意", "licenceNo": "JY23101050099999"})", {});
    ASSERT_EQ(entered.status, 200) << entered.body;
  }
  const Reply tasks = api("GET", "/api/v1/tasks?processInstanceId=" + id);
  ASSERT_EQ(tasks.status, 200) << tasks.body;
  ASSERT_EQ(tasks.json.asArray().size(), 1u) << tasks.body;
  ASSERT_EQ(
      api("POST", "/api/v1/tasks/" + tasks.json.asArray()[0].find("id")->asString() + "/complete",
          "{}")
          .status,
      204);
  const wf::Value fetched = waitAt(id, "hand_over");
  ASSERT_TRUE(fetched.isObject());
  const wf::Value* vars = fetched.find("variables");
  EXPECT_EQ(vars->find("lineJsonDecision")->asString(), "approved");
  EXPECT_EQ(vars->find("lineWebDecision")->asString(), "准予许可");
  EXPECT_EQ(vars->find("lineWebLicenceNo")->asString(), "JY23101050099999");
}

TEST_F(RpaHallServeTest, WithoutACityTheHallStartsAndSaysTheRobotIsNotConnected) {
  hall_ = serve({});
  ASSERT_NE(hall_->port(), 0) << hall_->output();
  const std::string& out = hall_->output();
  EXPECT_NE(out.find("rpa.push/rpa.fetch of linesys-web are not connected"), std::string::npos)
      << out;
  EXPECT_NE(out.find("rpa.push/rpa.fetch of linesys-json are not connected"), std::string::npos)
      << out;
  EXPECT_EQ(out.find("RPA line systems:"), std::string::npos) << out;
}

}  // namespace
}  // namespace connectors
