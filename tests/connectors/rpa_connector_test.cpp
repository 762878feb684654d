// The data exchange robot (RPA) against the real simulator (`hall-citysim`,
// a child process on port 0) with the repository's scripts: a case pushed
// into both line systems through the engine — the JSON one and the web app
// behind its sign-in — and, once the department has entered its decision,
// fetched back into the case's variables. A push run twice registers once
// (the web script looks the case up first; the JSON PUT is keyed by case
// code). The robot keeps its session across jobs and signs in again when
// the app says it is stale. A changed page, a form the app refuses, a wrong
// password, a decision not entered yet and a task that names no system fail
// clearly, naming the script's step and where it is.
#include "connectors/rpa/rpa_connector.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "connectors/common/platform_config.h"
#include "connectors/rpa/json_line_system.h"
#include "connectors/rpa/web_robot.h"
#include "support/engine_harness.h"
#include "support/fixtures.h"
#include "tools/citysim/citysim_process.h"
#include "wf/ports/clock.h"

namespace connectors {
namespace {

using hall::citysim::test::CitysimClient;
using hall::citysim::test::CitysimProcess;

constexpr const char* kKey = "rpa-test-key";
constexpr const char* kCase = "31010520261129A1000042K";
const std::filesystem::path kModels = std::filesystem::path(HALL_SOURCE_DIR) / "models";
const WebCredentials kRobot{"hall-robot", "robot-test-password"};

int64_t nowMillis() { return wf::toEpochMillis(wf::SystemClock().now()); }

RpaScript script(const std::string& system) {
  auto read = readRpaScripts(kModels / "connectors" / "rpa");
  EXPECT_TRUE(read.ok()) << read.status().message();
  return read->at(system);
}

std::string webScriptText() {
  return hall::test::readFile((kModels / "connectors" / "rpa" / "linesys-web.xml").string());
}

// Line `needle` is on (1-based) in `text`.
int lineOf(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  return at == std::string::npos
             ? 0
             : 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

wf::Value caseVariables(const std::string& case_code, const wf::Object& changes = {}) {
  wf::Object o{{"caseCode", wf::Value(case_code)},
               {"applicantName", wf::Value("上海某某餐饮有限公司")},
               {"matterCode", wf::Value("00012310600001")},
               {"businessAddress", wf::Value("长宁路1号")},
               {"businessCategory", wf::Value("FOOD_SERVICE")},
               {"businessArea", wf::Value(120.0)}};
  for (const auto& [k, v] : changes) o[k] = v;
  return wf::Value(std::move(o));
}

class RpaConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = CitysimProcess::startQuiet(kKey);
    ASSERT_TRUE(started.ok()) << started.status().toString();
    sim_ = std::move(started).value();
    control_ = std::make_unique<CitysimClient>(sim_->host(), sim_->port(), kKey);
    auto platforms = readPlatformConfigs(kModels / "connectors");
    ASSERT_TRUE(platforms.ok()) << platforms.status().message();
    PlatformConfig json = platforms->at("linesys-json");
    json.retry = RetryPolicy{2, std::chrono::milliseconds(5), std::chrono::milliseconds(20)};
    json_client_ = std::make_unique<CityClient>(json, sim_->url(), kKey, nowMillis);
  }

  std::unique_ptr<WebRobot> robot(RpaScript s = script("linesys-web"),
                                  WebCredentials credentials = kRobot) {
    return std::make_unique<WebRobot>(std::move(s), sim_->url(), std::move(credentials));
  }
  std::unique_ptr<JsonLineSystem> jsonSystem() {
    return std::make_unique<JsonLineSystem>(script("linesys-json"), *json_client_);
  }

  int64_t stat(const std::string& platform, const std::string& name) {
    const auto reply = control_->get("/_sim/stats");
    const wf::Value* p = reply.json.isObject() ? reply.json.find(platform) : nullptr;
    const wf::Value* v = p != nullptr ? p->find(name) : nullptr;
    return v != nullptr && v->isNumber() ? static_cast<int64_t>(v->asNumber()) : -1;
  }

  void departmentDecides(const std::string& platform, const std::string& case_code,
                         const std::string& decision, const std::string& opinion,
                         const std::string& licence) {
    const auto r = control_->sendRaw("PUT", "/_sim/" + platform + "/department/" + case_code,
                                     wf::Value(wf::Object{{"decision", wf::Value(decision)},
                                                          {"opinion", wf::Value(opinion)},
                                                          {"licenceNo", wf::Value(licence)}})
                                         .toJson(),
                                     {});
    ASSERT_EQ(r.status, 200) << r.body;
  }

  void expireSessions() {
    ASSERT_EQ(control_->sendRaw("POST", "/_sim/linesys-web/expire-sessions", "", {}).status, 200);
  }

  std::unique_ptr<CitysimProcess> sim_;
  std::unique_ptr<CitysimClient> control_;
  std::unique_ptr<CityClient> json_client_;
};

wf::JobInfo job(const std::string& element, const std::string& id) {
  wf::JobInfo j;
  j.id = id;
  j.element_id = element;
  return j;
}

TEST_F(RpaConnectorTest, PushesIntoBothSystemsAndFetchesTheDepartmentsEntriesIntoTheCase) {
  hall::test::EngineHarness h;
  RpaConnector connector;
  connector.add("linesys-json", jsonSystem());
  connector.add("linesys-web", robot());
  connector.registerWith(h.engine());
  h.engine().startJobWorkers();
  h.deploy("connectors/rpa_exchange.bpmn");

  const std::string id = h.start("rpa_exchange", caseVariables(kCase).toJson()).id;
  h.settle();
  const wf::InstanceInfo pushed = h.instance(id);
  ASSERT_EQ(pushed.active_activity_ids, std::vector<std::string>{"department_decides"})
      << ::testing::PrintToString(h.trace(id));
  EXPECT_EQ(pushed.variables.find("lineJsonRegNo")->asString(), "JSON-2026-000001");
  EXPECT_EQ(pushed.variables.find("lineWebRegNo")->asString(), "WEB-2026-000001");
  EXPECT_EQ(stat("linesys-json", "issued"), 1);
  EXPECT_EQ(stat("linesys-web", "issued"), 1);

  departmentDecides("linesys-json", kCase, "approved", "材料齐全，准予许可", "JY23101050012345");
  departmentDecides("linesys-web", kCase, "approved", "现场核查通过", "JY23101050012346");
  h.completeTaskAt(id, "department_decides");
  h.settle();
  const wf::InstanceInfo fetched = h.instance(id);
  ASSERT_EQ(fetched.active_activity_ids, std::vector<std::string>{"hand_over"})
      << ::testing::PrintToString(h.trace(id));
  const wf::Value& vars = fetched.variables;
  EXPECT_EQ(vars.find("lineJsonDecision")->asString(), "approved");
  EXPECT_EQ(vars.find("lineJsonOpinion")->asString(), "材料齐全，准予许可");
  EXPECT_EQ(vars.find("lineJsonLicenceNo")->asString(), "JY23101050012345");
  EXPECT_EQ(vars.find("lineWebDecision")->asString(), "准予许可");
  EXPECT_EQ(vars.find("lineWebOpinion")->asString(), "现场核查通过");
  EXPECT_EQ(vars.find("lineWebLicenceNo")->asString(), "JY23101050012346");
}

TEST_F(RpaConnectorTest, APushRunTwiceRegistersTheCaseOnce) {
  auto web = robot();
  auto json = jsonSystem();
  for (int run = 0; run < 2; ++run) {
    auto w = web->push(caseVariables(kCase), "job-1");
    ASSERT_TRUE(w.ok()) << w.status().message();
    EXPECT_EQ(w->find("lineWebRegNo")->asString(), "WEB-2026-000001");
    auto j = json->push(caseVariables(kCase), "job-2");
    ASSERT_TRUE(j.ok()) << j.status().message();
    EXPECT_EQ(j->find("lineJsonRegNo")->asString(), "JSON-2026-000001");
  }
  EXPECT_EQ(stat("linesys-web", "issued"), 1);
  EXPECT_EQ(stat("linesys-web", "duplicates"), 0) << "the look-up found it: no second form";
  EXPECT_EQ(stat("linesys-json", "issued"), 1);
}

TEST_F(RpaConnectorTest, TheSessionIsKeptAcrossJobsAndRenewedWhenStale) {
  auto web = robot();
  ASSERT_TRUE(web->push(caseVariables(kCase), "job-1").ok());
  departmentDecides("linesys-web", kCase, "rejected", "场所面积不符", "");
  auto first = web->fetch(caseVariables(kCase), "job-2");
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(web->signIns(), 1) << "one sign-in for both jobs";

  expireSessions();
  auto renewed = web->fetch(caseVariables(kCase), "job-3");
  ASSERT_TRUE(renewed.ok()) << renewed.status().message();
  EXPECT_EQ(renewed->find("lineWebDecision")->asString(), "不予许可");
  EXPECT_EQ(renewed->find("lineWebLicenceNo")->asString(), "");
  EXPECT_EQ(web->signIns(), 2);

  expireSessions();
  const std::string other = "31010520261129A1000043K";
  auto pushed = web->push(caseVariables(other), "job-4");
  ASSERT_TRUE(pushed.ok()) << pushed.status().message();
  EXPECT_EQ(pushed->find("lineWebRegNo")->asString(), "WEB-2026-000002");
  EXPECT_EQ(web->signIns(), 3);
  EXPECT_EQ(stat("linesys-web", "issued"), 2);
}

TEST_F(RpaConnectorTest, AChangedPageFailsNamingTheScriptsStep) {
  std::string text = webScriptText();
  const std::string expect = "<expect text=\"登记成功\"/>";
  ASSERT_NE(text.find(expect), std::string::npos);
  text.replace(text.find(expect), expect.size(), "<expect text=\"办理成功\"/>");
  RpaScriptReadResult changed = readRpaScript("changed-web.xml", text);
  ASSERT_TRUE(changed.script.has_value());
  auto web = robot(*changed.script);
  auto result = web->push(caseVariables(kCase), "job-1");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), wf::StatusCode::InvalidArgument);
  const std::string& message = result.status().message();
  EXPECT_NE(message.find("linesys-web push: step <expect text=\"办理成功\"> (changed-web.xml:" +
                         std::to_string(lineOf(text, "办理成功")) + ":"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("no text 办理成功 on the page \"登记结果\""), std::string::npos)
      << message;
}

TEST_F(RpaConnectorTest, AFormTheAppRefusesFailsQuotingItsErrors) {
  auto web = robot();
  auto result = web->push(caseVariables(kCase, {{"businessArea", wf::Value("一百")}}), "job-1");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("<expect text=\"登记成功\">"), std::string::npos)
      << result.status().message();
  EXPECT_NE(result.status().message().find("经营面积须为数字"), std::string::npos)
      << result.status().message();
  EXPECT_EQ(stat("linesys-web", "issued"), 0);

  auto missing = web->push(caseVariables(kCase, {{"businessCategory", wf::Value("BAR")}}), "job-2");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("category has no option \"BAR\""), std::string::npos)
      << missing.status().message();
}

TEST_F(RpaConnectorTest, AWrongPasswordFailsTheSignInStep) {
  auto web = robot(script("linesys-web"), WebCredentials{"hall-robot", "guess"});
  auto result = web->push(caseVariables(kCase), "job-1");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("linesys-web signIn: step <expect text=\"退出登录\">"),
            std::string::npos)
      << result.status().message();
  EXPECT_NE(result.status().message().find("用户名或密码错误"), std::string::npos);
  EXPECT_EQ(result.status().message().find("guess"), std::string::npos) << "no password in errors";
}

TEST_F(RpaConnectorTest, ADecisionNotEnteredYetIsWorthRetrying) {
  auto json = jsonSystem();
  ASSERT_TRUE(json->push(caseVariables(kCase), "job-1").ok());
  auto early = json->fetch(caseVariables(kCase), "job-2");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().code(), wf::StatusCode::Unavailable);
  EXPECT_NE(early.status().message().find("department.decision"), std::string::npos);
  EXPECT_NE(early.status().message().find("not entered"), std::string::npos);

  auto unknown = json->fetch(caseVariables("31010520261129A1000099K"), "job-3");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("HTTP 404"), std::string::npos);
}

TEST_F(RpaConnectorTest, ATaskThatNamesNoSystemFailsClearly) {
  RpaConnector connector;
  connector.add("linesys-web", robot());
  const wf::Value vars = caseVariables(kCase);
  const wf::JobInfo j = job("push_case", "job-1");
  auto result = connector.push(wf::JobContext{j, vars});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(result.status().message().find("rpa.push: the task push_case names no connected line "
                                           "system"),
            std::string::npos)
      << result.status().message();
  const wf::Value no_case = wf::Value(wf::Object{});
  const wf::JobInfo k = job("linesys-web.push", "job-2");
  auto missing = connector.push(wf::JobContext{k, no_case});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("the case has no variable caseCode"), std::string::npos)
      << missing.status().message();
}

}  // namespace
}  // namespace connectors
