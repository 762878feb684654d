// 市统一预约平台 over real HTTP against the built hall-citysim: booking (by
// Idempotency-Key), the day's list of a hall, check-in and no-show with
// their refusals (409 for the other report, 400 outside the day), the
// waiting counts (the last kept, a stale one refused), and every refused
// input naming its field.
#include <gtest/gtest.h>

#include <string>

#include "city_requests.h"
#include "citysim_fixture.h"
#include "tools/citysim/request_parts.h"

namespace hall::citysim::test {
namespace {

constexpr const char* kHall = "SH-310105-ZW01";
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kHourMs = 3'600'000;

// Midnight in Beijing of today: slots from then lie on today's date.
int64_t todayStart() {
  const int64_t now = nowMs();
  return (now + 8 * kHourMs) / kDayMs * kDayMs - 8 * kHourMs;
}

std::string text(const wf::Value& v, const std::string& member) {
  const wf::Value* m = v.find(member);
  return m != nullptr && m->isString() ? m->asString() : std::string();
}

std::string at(int64_t ms) { return wf::Value(wf::Object{{"at", wf::Value(ms)}}).toJson(); }

class CitysimAppointment : public CitysimTest {
 protected:
  // Today's first minute, over already (except in that minute).
  std::string bookEarly(const std::string& key = "b-1") {
    return bookAppointment(*client_, booking(kHall, "commerce", todayStart(), todayStart() + 60000),
                           key);
  }
  std::string path(const std::string& code, const std::string& verb = {}) {
    return std::string(kAppointments) + "/" + code + (verb.empty() ? "" : "/" + verb);
  }
};

TEST_F(CitysimAppointment, ABookingIsInTheHallsDayOnce) {
  const int64_t start = todayStart() + 10 * kHourMs;
  const std::string body = booking(kHall, "commerce", start, start + 1800000);
  const std::string code = bookAppointment(*client_, body, "booking-1");
  ASSERT_EQ(code.size(), 8u) << code;
  EXPECT_EQ(code[0], '0');
  const Reply again = client_->post(kAppointments, body, {{"Idempotency-Key", "booking-1"}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(text(again.json, "code"), code);
  const Reply other = client_->post(kAppointments, booking(kHall, "tax", start, start + 60000),
                                    {{"Idempotency-Key", "booking-1"}});
  EXPECT_EQ(other.status, 409) << other.body;
  bookAppointment(*client_, booking("SH-OTHER", "commerce", start, start + 60000), "booking-2");

  const Reply day = client_->get("/appointment/v1/halls/" + std::string(kHall) +
                                 "/appointments?date=" + beijingDay(start));
  ASSERT_EQ(day.status, 200) << day.body;
  const wf::Value* list = day.json.find("appointments");
  ASSERT_TRUE(list != nullptr && list->isArray()) << day.body;
  ASSERT_EQ(list->asArray().size(), 1u) << day.body;
  const wf::Value& a = list->asArray()[0];
  EXPECT_EQ(text(a, "code"), code);
  EXPECT_EQ(text(a, "queue"), "commerce");
  EXPECT_EQ(text(a, "status"), "booked");
  EXPECT_EQ(text(*a.find("holder"), "idNumber"), kHolderId);
  EXPECT_EQ(text(*a.find("holder"), "phone"), kHolderPhone);
  EXPECT_EQ(a.find("slotStart")->asNumber(), static_cast<double>(start));
  // Another day has none.
  const Reply tomorrow = client_->get("/appointment/v1/halls/" + std::string(kHall) +
                                      "/appointments?date=" + beijingDay(start + kDayMs));
  EXPECT_EQ(tomorrow.json.find("appointments")->asArray().size(), 0u);
  EXPECT_EQ(simStat(*client_, "appointment", "issued"), 2);
  EXPECT_EQ(simStat(*client_, "appointment", "duplicates"), 1);
}

TEST_F(CitysimAppointment, ACheckInIsKeptOnceAndShutsOutANoShow) {
  const std::string code = bookEarly();
  const Reply first = client_->post(path(code, "check-in"), at(todayStart() + 30000));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(text(first.json, "status"), "checked-in");
  const Reply again = client_->post(path(code, "check-in"), at(todayStart() + 40000));
  EXPECT_EQ(again.status, 200) << again.body;
  const Reply no_show = client_->post(path(code, "no-show"), at(todayStart() + 60000));
  EXPECT_EQ(no_show.status, 409) << no_show.body;
  const Reply read = client_->get(path(code));
  EXPECT_EQ(text(read.json, "status"), "checked-in");
  EXPECT_EQ(read.json.find("reportedAt")->asNumber(), static_cast<double>(todayStart() + 30000));
}

TEST_F(CitysimAppointment, ANoShowShutsOutACheckIn) {
  const std::string code = bookEarly();
  // Not before the slot has ended.
  const Reply early = client_->post(path(code, "no-show"), at(todayStart() + 30000));
  EXPECT_EQ(early.status, 400) << early.body;
  EXPECT_EQ(early.field(), "at");
  const Reply no_show = client_->post(path(code, "no-show"), at(todayStart() + 60000));
  ASSERT_EQ(no_show.status, 200) << no_show.body;
  EXPECT_EQ(text(no_show.json, "status"), "no-show");
  const Reply check_in = client_->post(path(code, "check-in"), at(todayStart() + 60000));
  EXPECT_EQ(check_in.status, 409) << check_in.body;
  EXPECT_EQ(check_in.code(), "CONFLICT");
}

TEST_F(CitysimAppointment, ACheckInOutsideTheAppointmentsDayIsRefused) {
  const std::string code = bookEarly();
  const Reply yesterday = client_->post(path(code, "check-in"), at(todayStart() - 1));
  EXPECT_EQ(yesterday.status, 400) << yesterday.body;
  EXPECT_EQ(yesterday.field(), "at");
  const Reply tomorrow = client_->post(path(code, "check-in"), at(todayStart() + kDayMs));
  EXPECT_EQ(tomorrow.status, 400) << tomorrow.body;
  EXPECT_EQ(client_->post(path(code, "check-in"), "{}").field(), "at");
  EXPECT_EQ(client_->post(path("09999999", "check-in"), at(todayStart())).status, 404);
  EXPECT_EQ(text(client_->get(path(code)).json, "status"), "booked");
}

TEST_F(CitysimAppointment, TheWaitingCountsKeepTheLastAndRefuseAStaleOne) {
  const std::string waiting = "/appointment/v1/halls/" + std::string(kHall) + "/waiting";
  auto counts = [](int64_t when, int commerce, int tax) {
    return wf::Value(
               wf::Object{{"queues", wf::Value(wf::Array{
                                         wf::Value(wf::Object{{"queue", wf::Value("commerce")},
                                                              {"waiting", wf::Value(commerce)},
                                                              {"at", wf::Value(when)}}),
                                         wf::Value(wf::Object{{"queue", wf::Value("tax")},
                                                              {"waiting", wf::Value(tax)},
                                                              {"at", wf::Value(when)}})})}})
        .toJson();
  };
  const int64_t now = nowMs();
  ASSERT_EQ(client_->send("PUT", waiting, counts(now, 3, 1)).status, 200);
  ASSERT_EQ(client_->send("PUT", waiting, counts(now + 10, 5, 0)).status, 200);
  const Reply stale = client_->send("PUT", waiting, counts(now + 5, 9, 9));
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(stale.field(), "queues");
  const Reply kept = client_->get(waiting);
  ASSERT_EQ(kept.status, 200) << kept.body;
  const wf::Array& queues = kept.json.find("queues")->asArray();
  ASSERT_EQ(queues.size(), 2u);
  EXPECT_EQ(text(queues[0], "queue"), "commerce");
  EXPECT_EQ(queues[0].find("waiting")->asNumber(), 5);
  EXPECT_EQ(queues[1].find("waiting")->asNumber(), 0);

  const Reply negative = client_->send(
      "PUT", waiting, R"({"queues": [{"queue": "tax", "waiting": -1, "at": 1795963970556}]})");
  EXPECT_EQ(negative.field(), "queues[0].waiting");
  const Reply no_at =
      client_->send("PUT", waiting, R"({"queues": [{"queue": "tax", "waiting": 1}]})");
  EXPECT_EQ(no_at.field(), "queues[0].at");
  EXPECT_EQ(client_->send("PUT", waiting, R"({"queues": {}})").field(), "queues");
}

TEST_F(CitysimAppointment, ABadBookingNamesItsField) {
  const int64_t start = todayStart() + 10 * kHourMs;
  const struct {
    wf::Object changes;
    const char* field;
  } cases[] = {
      {{{"hallCode", wf::Value()}}, "hallCode"},
      {{{"queue", wf::Value("商事")}}, "queue"},
      {{{"slotStart", wf::Value("09:00")}}, "slotStart"},
      {{{"slotEnd", wf::Value(start)}}, "slotEnd"},
      {{{"slotEnd", wf::Value(start + kDayMs)}}, "slotEnd"},
      {{{"holder", wf::Value("王小明")}}, "holder"},
      {{{"holder", wf::Value(wf::Object{{"name", wf::Value("王小明")},
                                        {"idNumber", wf::Value("110105194912310021")}})}},
       "holder.idNumber"},
      {{{"holder", wf::Value(wf::Object{{"name", wf::Value("王小明")},
                                        {"idNumber", wf::Value(kHolderId)},
                                        {"phone", wf::Value("12345")}})}},
       "holder.phone"},
  };
  int n = 0;
  for (const auto& c : cases) {
    const Reply reply =
        client_->post(kAppointments, booking(kHall, "commerce", start, start + 60000, c.changes),
                      {{"Idempotency-Key", "bad-" + std::to_string(n++)}});
    EXPECT_EQ(reply.status, 400) << c.field << " " << reply.body;
    EXPECT_EQ(reply.field(), c.field) << reply.body;
  }
  EXPECT_EQ(client_->post(kAppointments, booking(kHall, "commerce", start, start + 60000)).field(),
            "Idempotency-Key");
  const Reply no_date =
      client_->get("/appointment/v1/halls/" + std::string(kHall) + "/appointments");
  EXPECT_EQ(no_date.field(), "date");
  const Reply bad_date =
      client_->get("/appointment/v1/halls/" + std::string(kHall) + "/appointments?date=2026-02-30");
  EXPECT_EQ(bad_date.field(), "date");
  EXPECT_EQ(simStat(*client_, "appointment", "issued"), 0);
}

}  // namespace
}  // namespace hall::citysim::test
