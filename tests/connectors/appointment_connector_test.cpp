// 市统一预约平台 through the hall's connector, against the real simulator:
// the hall's day of appointments with their holders; check-in and no-show
// reports that may be repeated (the platform keeps one) and refuse the
// other report; the waiting counts, a stale one refused; a platform that is
// down is Unavailable, worth trying again.
#include "connectors/appointment/appointment_connector.h"

#include <gtest/gtest.h>

#include "city_connector_fixture.h"
#include "tools/citysim/request_parts.h"

namespace connectors::test {
namespace {

using hall::citysim::test::bookAppointment;
using hall::citysim::test::booking;
using hall::citysim::test::kHolderId;

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kHourMs = 3'600'000;

int64_t todayStart() { return (nowMillis() + 8 * kHourMs) / kDayMs * kDayMs - 8 * kHourMs; }

class AppointmentConnectorTest : public CityConnectorTest {
 protected:
  AppointmentConnectorTest() : CityConnectorTest("appointment") {}
  void SetUp() override {
    CityConnectorTest::SetUp();
    city_client_ = client();
    connector_ = std::make_unique<AppointmentConnector>(*city_client_);
  }
  // An appointment of today's first minute (over already).
  std::string bookEarly(const std::string& key) {
    return bookAppointment(
        *control_, booking(connector_->hallCode(), "commerce", todayStart(), todayStart() + 60000),
        key);
  }
  std::string status(const std::string& code) {
    const auto r = control_->get("/appointment/v1/appointments/" + code);
    const wf::Value* s = r.json.find("status");
    return s != nullptr && s->isString() ? s->asString() : r.body;
  }

  std::unique_ptr<CityClient> city_client_;
  std::unique_ptr<AppointmentConnector> connector_;
};

TEST_F(AppointmentConnectorTest, FetchesTheHallsDayWithTheHolders) {
  ASSERT_EQ(connector_->hallCode(), "SH-310105-ZW01");
  const std::string first = bookEarly("k-1");
  const int64_t later = todayStart() + 10 * kHourMs;
  const std::string second = bookAppointment(
      *control_, booking(connector_->hallCode(), "tax", later, later + 1800000), "k-2");
  bookAppointment(*control_, booking("SH-ELSEWHERE", "tax", later, later + 1800000), "k-3");

  wf::Result<DayAppointments> day = connector_->fetchDay(hall::citysim::beijingDay(todayStart()));
  ASSERT_TRUE(day.ok()) << day.status().toString();
  EXPECT_TRUE(day->refused.empty());
  ASSERT_EQ(day->appointments.size(), 2u);
  const CityAppointment& a = day->appointments[0];
  EXPECT_EQ(a.code, first);
  EXPECT_EQ(a.queue, "commerce");
  EXPECT_EQ(a.slot_start, todayStart());
  EXPECT_EQ(a.slot_end, todayStart() + 60000);
  EXPECT_EQ(a.holder_name, "王小明");
  EXPECT_EQ(a.id_number, kHolderId);
  EXPECT_EQ(a.status, "booked");
  EXPECT_EQ(day->appointments[1].code, second);

  wf::Result<DayAppointments> bad = connector_->fetchDay("tomorrow");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), wf::StatusCode::InvalidArgument);
}

TEST_F(AppointmentConnectorTest, ReportsMayBeRepeatedAndRefuseTheOtherReport) {
  const std::string came = bookEarly("k-1");
  const std::string absent = bookEarly("k-2");
  ASSERT_TRUE(connector_->checkIn(came, todayStart() + 30000).isOk());
  EXPECT_TRUE(connector_->checkIn(came, todayStart() + 30000).isOk()) << "a retry is harmless";
  EXPECT_EQ(connector_->noShow(came, todayStart() + 60000).code(), wf::StatusCode::Conflict);
  EXPECT_EQ(status(came), "checked-in");

  ASSERT_TRUE(connector_->noShow(absent, todayStart() + 60000).isOk());
  EXPECT_EQ(status(absent), "no-show");
  EXPECT_EQ(connector_->checkIn(absent, todayStart() + 60000).code(), wf::StatusCode::Conflict);
  // Outside its day: the platform's refusal, not worth a retry.
  const std::string fresh = bookEarly("k-3");
  EXPECT_EQ(connector_->checkIn(fresh, todayStart() - 1).code(), wf::StatusCode::InvalidArgument);
}

TEST_F(AppointmentConnectorTest, PushesTheWaitingCountsAndAStaleOneIsRefused) {
  const int64_t now = nowMillis();
  ASSERT_TRUE(connector_->pushWaiting({{"commerce", 4, now}, {"tax", 0, now}}).isOk());
  EXPECT_EQ(connector_->pushWaiting({{"commerce", 9, now - 1000}}).code(),
            wf::StatusCode::Conflict);
  const auto kept = control_->get("/appointment/v1/halls/SH-310105-ZW01/waiting");
  ASSERT_EQ(kept.status, 200);
  EXPECT_EQ(kept.json.find("queues")->asArray()[0].find("waiting")->asNumber(), 4);
}

TEST_F(AppointmentConnectorTest, APlatformThatIsDownIsWorthTryingAgain) {
  const std::string code = bookEarly("k-1");
  downFor(60000);
  EXPECT_EQ(connector_->checkIn(code, todayStart() + 30000).code(), wf::StatusCode::Unavailable);
  EXPECT_EQ(connector_->fetchDay("2026-11-30").status().code(), wf::StatusCode::Unavailable);
  EXPECT_EQ(connector_->pushWaiting({{"tax", 1, nowMillis()}}).code(), wf::StatusCode::Unavailable);
  ASSERT_EQ(control_->send("DELETE", "/_sim/faults/appointment", "").status, 200);
  EXPECT_EQ(status(code), "booked");
}

}  // namespace
}  // namespace connectors::test
