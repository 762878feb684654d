// 一网通办 and the notification gateway through the hall's own API, against
// the real `hall serve --city` and the real simulator: a case accepted at a
// window gets the city's unified code (visible in the case view); an online
// case taken in becomes a hall case, and taking it again answers the same
// case (also when the hall failed between the city's take and its own); the city's form passes
// through; a call sends an SMS to the visitor's phone, which the hall's log shows only masked.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "portal/web/api_client.h"
#include "portal/web/food_case.h"
#include "support/hall_process.h"
#include "tools/citysim/citysim_process.h"

namespace portal::web {
namespace {

constexpr const char* kToken = "city-routes-token-0123456789";
constexpr const char* kPassword = "City routes 2026";
constexpr const char* kCityKey = "city-routes-key";
constexpr const char* kHallCode = "310105-CN01";  // hall serve's default
constexpr const char* kPhone = "13812345678";

// Polls `done` until it holds or 15 s pass.
template <typename Done>
bool eventually(Done done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

class CityPlatformRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto sim = hall::citysim::test::CitysimProcess::startQuiet(kCityKey);
    ASSERT_TRUE(sim.ok()) << sim.status().toString();
    sim_ = std::move(sim).value();
    city_.emplace(sim_->host(), sim_->port(), kCityKey);
    hall_ = std::make_unique<hall::test::HallProcess>(
        HALL_BINARY, dir_.path(), std::vector<std::string>{"--demo", "--city", sim_->url()},
        Poco::Process::Env{{"HALL_ADMIN_TOKEN", kToken},
                           {"HALL_ADMIN_PASSWORD", kPassword},
                           {"HALL_CITY_KEY", kCityKey}},
        /*keep_output=*/true);
    ASSERT_NE(hall_->port(), 0) << hall_->output();
    clerk_ = testing::clerkAtWindow(system(), hall_->port(), "clerk-c", kPassword, "W01");
    ASSERT_TRUE(clerk_.has_value());
  }

  testing::ApiClient system() const { return testing::ApiClient(hall_->port(), kToken); }

  // A citizen applies online for the food matter at this hall, with the
  // situation a clerk would answer; returns the online case's id.
  std::string applyOnline() {
    const std::string code = testing::foodMatterCode(*clerk_);
    const std::optional<wf::Value> request =
        wf::Value::parseJson(testing::foodCaseRequest(*clerk_, code, "W01"));
    const hall::citysim::test::Reply r = city_->sendRaw(
        "POST", "/_sim/onenet/online-cases",
        wf::Value(wf::Object{{"matterCode", wf::Value(code)},
                             {"applicant",
                              wf::Value(wf::Object{{"name", wf::Value("王小明")},
                                                   {"idType", wf::Value("ID_CARD")},
                                                   {"idNumber", wf::Value("11010519491231002X")}})},
                             {"phone", wf::Value(kPhone)},
                             {"situation", *request->find("answers")},
                             {"hallCode", wf::Value(kHallCode)}})
            .toJson(),
        {});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.find("id")->asString();
  }

  testing::TempDir dir_;
  std::unique_ptr<hall::citysim::test::CitysimProcess> sim_;
  std::optional<hall::citysim::test::CitysimClient> city_;
  std::unique_ptr<hall::test::HallProcess> hall_;
  std::optional<testing::ApiClient> clerk_;
};

TEST_F(CityPlatformRoutesTest, AnAcceptedCaseGetsTheCitysUnifiedCode) {
  const std::string matter = testing::foodMatterCode(*clerk_);
  const testing::Reply accepted =
      clerk_->post("/api/v1/cases", testing::foodCaseRequest(*clerk_, matter, "W01"));
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  const std::string code = accepted.json.find("caseCode")->asString();
  std::string unified;
  ASSERT_TRUE(eventually([&] {
    const testing::Reply view = clerk_->get("/api/v1/cases/" + code);
    const wf::Value* u = view.json.find("unifiedCode");
    if (u != nullptr && u->isString()) unified = u->asString();
    return !unified.empty();
  })) << clerk_->get("/api/v1/cases/" + code).body;
  EXPECT_EQ(unified.size(), 22u) << unified;
  EXPECT_EQ(unified.substr(0, 6), "310000");
  const hall::citysim::test::Reply stats = city_->sendRaw("GET", "/_sim/stats", "", {});
  EXPECT_EQ(stats.json.find("onenet")->find("issued")->asNumber(), 1) << stats.body;
}

TEST_F(CityPlatformRoutesTest, AnOnlineCaseTakenInBecomesAHallCaseOnce) {
  const std::string id = applyOnline();
  const testing::Reply pending = clerk_->get("/api/v1/online-cases");
  ASSERT_EQ(pending.status, 200) << pending.body;
  ASSERT_EQ(pending.json.asArray().size(), 1u) << pending.body;
  EXPECT_EQ(pending.json.asArray()[0].find("id")->asString(), id);
  EXPECT_EQ(pending.json.asArray()[0].find("phone")->asString(), "138****5678");
  EXPECT_EQ(pending.json.asArray()[0].find("situation")->find("cold_food")->asString(), "yes")
      << "the situation the citizen answered online";
  EXPECT_EQ(pending.body.find("11010519491231002X"), std::string::npos) << "masked";

  const testing::Reply taken = clerk_->post("/api/v1/online-cases/" + id + "/take", "{}");
  ASSERT_EQ(taken.status, 201) << taken.body;
  const std::string code = taken.json.find("caseCode")->asString();
  EXPECT_EQ(taken.json.find("applicantName")->asString(), "王**");
  const testing::Reply again = clerk_->post("/api/v1/online-cases/" + id + "/take", "{}");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json.find("caseCode")->asString(), code) << "the same case, not a second";
  EXPECT_TRUE(again.json.find("alreadyTaken")->asBool());

  const testing::Reply view = clerk_->get("/api/v1/cases/" + code);
  ASSERT_EQ(view.status, 200) << view.body;
  EXPECT_EQ(view.json.find("window")->asString(), "W01");
  EXPECT_EQ(view.json.find("phone")->asString(), "138****5678");
  const testing::Reply cases = clerk_->get("/api/v1/cases");
  EXPECT_EQ(cases.json.asArray().size(), 1u) << cases.body;
  EXPECT_TRUE(clerk_->get("/api/v1/online-cases").json.asArray().empty());
  EXPECT_EQ(clerk_->post("/api/v1/online-cases/oc-99999999/take", "{}").status, 404);
}

TEST_F(CityPlatformRoutesTest, AHallThatFailedAfterTakingAtTheCityTakesItAgain) {
  const std::string id = applyOnline();
  // The hall took it at the city, then failed before it accepted the case.
  const hall::citysim::test::Reply city_take =
      city_->post("/onenet/v1/online-cases/" + id + "/take",
                  wf::Value(wf::Object{{"hallCode", wf::Value(kHallCode)}}).toJson(),
                  {{"Idempotency-Key", "hall-take-" + id}});
  ASSERT_EQ(city_take.status, 200) << city_take.body;
  EXPECT_TRUE(clerk_->get("/api/v1/online-cases").json.asArray().empty());

  const testing::Reply taken = clerk_->post("/api/v1/online-cases/" + id + "/take", "{}");
  ASSERT_EQ(taken.status, 201) << "nothing lost: " << taken.body;
  EXPECT_EQ(clerk_->get("/api/v1/cases/" + taken.json.find("caseCode")->asString()).status, 200);
}

TEST_F(CityPlatformRoutesTest, TheCitysFormPassesThrough) {
  const std::string matter = testing::foodMatterCode(*clerk_);
  const testing::Reply form = clerk_->get("/api/v1/matters/" + matter + "/form");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_FALSE(form.json.find("fields")->asArray().empty());
  EXPECT_EQ(clerk_->get("/api/v1/matters/no-such-matter/form").status, 404);
  // Within the cache's minute the city is not asked again.
  const auto requests = [&] {
    return city_->sendRaw("GET", "/_sim/stats", "", {})
        .json.find("onenet")
        ->find("requests")
        ->asNumber();
  };
  const double before = requests();
  ASSERT_EQ(clerk_->get("/api/v1/matters/" + matter + "/form").status, 200);
  EXPECT_EQ(requests(), before);
}

TEST_F(CityPlatformRoutesTest, ACallSendsAnSmsToTheVisitorsPhoneNeverLoggedInClear) {
  const testing::Reply ticket =
      system().post("/api/v1/tickets", R"({"queue": "commerce", "phone": "13812345678"})");
  ASSERT_EQ(ticket.status, 201) << ticket.body;
  const testing::Reply call = clerk_->post("/api/v1/windows/W01/call-next", "{}");
  ASSERT_EQ(call.status, 200) << call.body;
  wf::Array messages;
  ASSERT_TRUE(eventually([&] {
    const hall::citysim::test::Reply r =
        city_->get(std::string("/notify/v1/messages?phone=") + kPhone);
    messages = r.json.isArray() ? r.json.asArray() : wf::Array{};
    return !messages.empty();
  }));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].find("templateCode")->asString(), "HALL_CALL");
  EXPECT_EQ(messages[0].find("params")->find("window")->asString(), "1");
  ASSERT_TRUE(eventually([&] {
    return hall_->outputSoFar().find("sent to 138****5678") != std::string::npos;
  })) << hall_->outputSoFar();
  EXPECT_EQ(hall_->outputSoFar().find(kPhone), std::string::npos) << hall_->outputSoFar();
}

}  // namespace
}  // namespace portal::web
