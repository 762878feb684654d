// The front desk with the city, against the real `hall serve --city` and
// the real simulator: a ticket taken with a scanned 随申码 names its holder
// (masked); an expired code is refused on its field and a platform that is
// down is a 503, neither issuing anything. An appointment booked at the
// 市统一预约平台 is fetched and booked at the hall; the visitor takes a ticket
// with its code and the platform learns of the check-in, another
// appointment whose slot passed is reported as a no-show, and the waiting
// counts reach the platform. A check-in made while the platform is down
// survives the hall's restart and arrives once the platform is back.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "portal/web/api_client.h"
#include "support/hall_process.h"
#include "tools/citysim/city_requests.h"
#include "wf/ports/clock.h"

namespace portal::web {
namespace {

using hall::citysim::test::CitysimClient;
using hall::citysim::test::CitysimProcess;
using hall::citysim::test::kHolderId;

constexpr const char* kToken = "city-front-desk-token-0123456789";
constexpr const char* kCityKey = "city front desk test key";
constexpr const char* kHall = "SH-310105-ZW01";
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kHourMs = 3'600'000;

int64_t nowMillis() { return wf::toEpochMillis(wf::SystemClock().now()); }
int64_t todayStart() { return (nowMillis() + 8 * kHourMs) / kDayMs * kDayMs - 8 * kHourMs; }

std::string text(const wf::Value& v, const char* name) {
  const wf::Value* m = v.isObject() ? v.find(name) : nullptr;
  return m != nullptr && m->isString() ? m->asString() : std::string();
}

// Waits up to 10 s for `done`, polling every 20 ms.
template <typename Check>
bool eventually(Check done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

class CityFrontDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = hall::citysim::test::CitysimProcess::startQuiet(kCityKey);
    ASSERT_TRUE(started.ok()) << started.status().toString();
    sim_ = std::move(started).value();
    city_ = std::make_unique<CitysimClient>(sim_->host(), sim_->port(), kCityKey);
    // The repository's models, the appointment platform on a test's schedule.
    models_ = dir_.path() / "models";
    std::filesystem::copy(std::filesystem::path(HALL_SOURCE_DIR) / "models", models_,
                          std::filesystem::copy_options::recursive);
    const std::filesystem::path file = models_ / "connectors" / "appointment.xml";
    std::stringstream xml;
    xml << std::ifstream(file).rdbuf();
    const std::string quick = std::regex_replace(
        xml.str(), std::regex(R"(pushEveryMs="\d+" reportEveryMs="\d+"\s+noShowAfterMs="\d+")"),
        R"(pushEveryMs="100" reportEveryMs="100" noShowAfterMs="1")");
    ASSERT_NE(quick, xml.str());
    std::ofstream(file) << quick;
  }

  void startHall() {
    hall_.reset();
    hall_ = std::make_unique<hall::test::HallProcess>(
        HALL_BINARY, dir_.path(),
        std::vector<std::string>{"--models", models_.string(), "--demo", "--city", sim_->url()},
        Poco::Process::Env{{"HALL_ADMIN_TOKEN", kToken}, {"HALL_CITY_KEY", kCityKey}});
    ASSERT_NE(hall_->port(), 0) << hall_->output();
  }

  testing::ApiClient api() const { return testing::ApiClient(hall_->port(), kToken); }

  testing::Reply ticket(const wf::Object& body) {
    return api().post("/api/v1/tickets", wf::Value(body).toJson());
  }

  int waiting(const std::string& queue) {
    const testing::Reply queues = api().get("/api/v1/queues");
    if (!queues.json.isArray()) return -1;
    for (const wf::Value& q : queues.json.asArray()) {
      if (text(q, "id") == queue) return static_cast<int>(q.find("waiting")->asNumber());
    }
    return -1;
  }

  std::string cityStatus(const std::string& code) {
    return text(city_->get("/appointment/v1/appointments/" + code).json, "status");
  }

  void down(const std::string& platform, int ms) {
    ASSERT_EQ(city_
                  ->send("PUT", "/_sim/faults/" + platform,
                         R"({"downForMs": )" + std::to_string(ms) + "}")
                  .status,
              200);
  }

  hall::test::TempDir dir_;
  std::filesystem::path models_;
  std::unique_ptr<CitysimProcess> sim_;
  std::unique_ptr<CitysimClient> city_;
  std::unique_ptr<hall::test::HallProcess> hall_;
};

TEST_F(CityFrontDeskTest, ATicketTakenWithAScannedSuishenCodeNamesItsHolder) {
  startHall();
  const std::string code = hall::citysim::test::suishenCode(*city_, "王小明", kHolderId);
  const testing::Reply r = ticket({{"channel", wf::Value("suishen")},
                                   {"queue", wf::Value("tax")},
                                   {"suishenCode", wf::Value(code)}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(text(r.json, "channel"), "suishen");
  EXPECT_EQ(text(r.json, "idNumber"), "110105********002X");
  EXPECT_EQ(r.body.find(kHolderId), std::string::npos);
  EXPECT_TRUE(r.json.find("elderlyOrDisabled")->asBool()) << "born 1949";

  std::string forged = hall::citysim::test::suishenCode(*city_, "李四", kHolderId);
  forged.back() = forged.back() == '0' ? '1' : '0';
  const testing::Reply refused = ticket({{"channel", wf::Value("suishen")},
                                         {"queue", wf::Value("hr")},
                                         {"suishenCode", wf::Value(forged)}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.errorField(), "suishenCode");

  const std::string fresh = hall::citysim::test::suishenCode(*city_, "李四", "110105199003071239");
  down("suishen", 60000);
  const testing::Reply unavailable = ticket({{"channel", wf::Value("suishen")},
                                             {"queue", wf::Value("hr")},
                                             {"suishenCode", wf::Value(fresh)}});
  EXPECT_EQ(unavailable.status, 503) << unavailable.body;
  EXPECT_EQ(unavailable.errorField(), "suishenCode");
  EXPECT_EQ(waiting("hr"), 0) << "nothing was issued";
  EXPECT_EQ(waiting("tax"), 1);
}

TEST_F(CityFrontDeskTest, AFetchedAppointmentIsCheckedInAtTheCityAndAMissedOneReported) {
  const int64_t now = nowMillis();
  const int64_t start = std::max(todayStart(), now - 60000);
  const int64_t end = std::min(todayStart() + kDayMs, now + 30 * 60000);
  const std::string on_time = hall::citysim::test::bookAppointment(
      *city_, hall::citysim::test::booking(kHall, "commerce", start, end), "b-1");
  const std::string missed = hall::citysim::test::bookAppointment(
      *city_, hall::citysim::test::booking(kHall, "tax", todayStart(), todayStart() + 60000),
      "b-2");
  startHall();

  // Fetched at start, the missed slot reported once its grace is over.
  ASSERT_TRUE(eventually([&] { return cityStatus(missed) == "no-show"; })) << cityStatus(missed);
  EXPECT_EQ(cityStatus(on_time), "booked");
  const testing::Reply r =
      ticket({{"channel", wf::Value("appointment")}, {"appointmentCode", wf::Value(on_time)}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(text(r.json, "queue"), "commerce");
  EXPECT_TRUE(r.json.find("appointmentOnTime")->asBool());
  EXPECT_EQ(text(r.json, "idNumber"), "110105********002X");
  ASSERT_TRUE(eventually([&] { return cityStatus(on_time) == "checked-in"; }));
  EXPECT_EQ(hall::citysim::test::simStat(*city_, "appointment", "issued"), 4)
      << "two bookings, one check-in, one no-show (and waiting pushes)";

  // The waiting counts: commerce has the visitor.
  ASSERT_TRUE(eventually([&] {
    const auto w = city_->get("/appointment/v1/halls/" + std::string(kHall) + "/waiting");
    for (const wf::Value& q : w.json.find("queues")->asArray()) {
      if (text(q, "queue") == "commerce") return q.find("waiting")->asNumber() == 1;
    }
    return false;
  }));
  // A code the city did not give is still unknown at the hall.
  const testing::Reply unknown =
      ticket({{"channel", wf::Value("appointment")}, {"appointmentCode", wf::Value("09999999")}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.errorField(), "appointmentCode");
}

TEST_F(CityFrontDeskTest, ACheckInSurvivesAnOutageAndARestart) {
  const int64_t now = nowMillis();
  const std::string code = hall::citysim::test::bookAppointment(
      *city_,
      hall::citysim::test::booking(kHall, "hr", std::max(todayStart(), now - 60000),
                                   std::min(todayStart() + kDayMs, now + 30 * 60000)),
      "b-1");
  auto stat = [&](const char* name) {
    return hall::citysim::test::simStat(*city_, "appointment", name);
  };
  const int64_t before = stat("requests");
  startHall();
  // The hall's first requests: the day's fetch (then booking), then the first push.
  ASSERT_TRUE(eventually([&] { return stat("requests") >= before + 2; }));
  down("appointment", 600000);
  const testing::Reply r =
      ticket({{"channel", wf::Value("appointment")}, {"appointmentCode", wf::Value(code)}});
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t faulted = stat("faulted");
  ASSERT_TRUE(eventually([&] { return stat("faulted") >= faulted + 4; }));
  hall_.reset();  // killed while the platform is down
  ASSERT_EQ(city_->send("DELETE", "/_sim/faults/appointment", "").status, 200);
  EXPECT_EQ(cityStatus(code), "booked");
  startHall();
  ASSERT_TRUE(eventually([&] { return cityStatus(code) == "checked-in"; })) << cityStatus(code);
  EXPECT_EQ(stat("issued"), 2) << "the booking and one check-in";
}

}  // namespace
}  // namespace portal::web
