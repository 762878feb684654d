// 市快递平台 over real HTTP against the built hall-citysim: create a waybill
// (idempotent by key), read it, every refused input naming its field; and
// its callbacks to the hall (a CallbackReceiver stands in for it): signed
// with the platform's app id, in order, each event once — and, when told,
// each twice, delivered before collected, with a broken signature, or
// retried (bounded) when the hall does not answer 2xx.
#include <Poco/Net/ServerSocket.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "callback_receiver.h"
#include "citysim_fixture.h"
#include "tools/citysim/citysim_options.h"
#include "tools/citysim/request_signature.h"

namespace hall::citysim::test {
namespace {

constexpr const char* kWaybills = "/express/v1/waybills";
constexpr const char* kCaseCode = "31010520261129A1000042K";

wf::Object waybillObject() {
  return wf::Object{
      {"caseCode", wf::Value(kCaseCode)},
      {"item", wf::Value(wf::Object{{"licenceNumber", wf::Value("SH-AMR-FOOD-01-2026-000001")},
                                    {"name", wf::Value("食品经营许可证")}})},
      {"sender", wf::Value(wf::Object{{"name", wf::Value("长宁区行政服务中心")},
                                      {"address", wf::Value("上海市长宁区天山路789号")}})},
      {"recipient", wf::Value(wf::Object{{"name", wf::Value("李四")},
                                         {"phone", wf::Value("13812345678")},
                                         {"address", wf::Value("上海市长宁区长宁路1号")},
                                         {"district", wf::Value("长宁区")}})}};
}

std::string waybill(const wf::Object& changes = {}) {
  wf::Object o = waybillObject();
  const auto change = [](wf::Object& target, const std::string& name, const wf::Value& value) {
    if (value.isNull()) {
      target.erase(name);
    } else {
      target[name] = value;
    }
  };
  for (const auto& [path, value] : changes) {
    // "recipient.phone" changes a member of a member; null removes it.
    const size_t dot = path.find('.');
    if (dot == std::string::npos) {
      change(o, path, value);
      continue;
    }
    wf::Object inner = o[path.substr(0, dot)].asObject();
    change(inner, path.substr(dot + 1), value);
    o[path.substr(0, dot)] = wf::Value(std::move(inner));
  }
  return wf::Value(std::move(o)).toJson();
}

std::string text(const wf::Value& object, const std::string& member) {
  const wf::Value* v = object.find(member);
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

// The callback's signature holds for the shared key and city-express.
bool signedByThePlatform(const ReceivedCallback& c) {
  const auto header = [&](const char* name) {
    const auto found = c.headers.find(name);
    return found == c.headers.end() ? std::string() : found->second;
  };
  return header("X-Ca-Key") == "city-express" &&
         header("X-Ca-Signature") ==
             hmacSm3Hex(kTestKey, stringToSign("POST", c.target, header("X-Ca-Timestamp"),
                                               header("X-Ca-Nonce"), c.body));
}

std::vector<std::string> events(const std::vector<ReceivedCallback>& received) {
  std::vector<std::string> out;
  for (const ReceivedCallback& c : received) {
    const std::optional<wf::Value> body = wf::Value::parseJson(c.body);
    out.push_back(body ? text(*body, "event") : "<not json>");
  }
  return out;
}

class CitysimExpress : public CitysimTest {
 protected:
  std::string create(const std::string& key = "hall-job-1") {
    const Reply reply = client_->post(kWaybills, waybill(), {{"Idempotency-Key", key}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return text(reply.json, "waybillNo");
  }
  int64_t expressStat(const std::string& name) {
    const Reply reply = control("GET", "/_sim/stats");
    const wf::Value* v =
        reply.json.find("express") ? reply.json.find("express")->find(name) : nullptr;
    return v != nullptr && v->isNumber() ? static_cast<int64_t>(v->asNumber()) : -1;
  }
  void pointAt(const std::string& url) {
    const Reply set = control("PUT", "/_sim/express/hall",
                              wf::Value(wf::Object{{"url", wf::Value(url)}}).toJson());
    ASSERT_EQ(set.status, 200) << set.body;
  }
  Reply advance(const std::string& number, const std::string& to = "") {
    return control("POST", "/_sim/express/waybills/" + number + "/advance",
                   to.empty() ? "" : R"({"to": ")" + to + R"("})");
  }
  void faults(const std::string& body) {
    const Reply set = control("PUT", "/_sim/faults/express", body);
    ASSERT_EQ(set.status, 200) << set.body;
  }
};

TEST_F(CitysimExpress, CreatesAWaybillAndReadsItBack) {
  const std::string number = create();
  EXPECT_EQ(number.rfind("SH", 0), 0u) << number;
  const Reply read = client_->get(std::string(kWaybills) + "/" + number);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(text(read.json, "status"), "created");
  EXPECT_EQ(text(read.json, "caseCode"), kCaseCode);
  EXPECT_EQ(text(*read.json.find("recipient"), "phone"), "13812345678");
  EXPECT_TRUE(read.json.find("events")->asArray().empty());
  EXPECT_EQ(client_->get(std::string(kWaybills) + "/SH0000009999").status, 404);
  EXPECT_EQ(expressStat("issued"), 1);
}

TEST_F(CitysimExpress, OneKeyMakesOneWaybillAndAnotherBodyUnderItConflicts) {
  const std::string number = create("hall-job-7");
  const Reply again = client_->post(kWaybills, waybill(), {{"Idempotency-Key", "hall-job-7"}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(text(again.json, "waybillNo"), number);
  EXPECT_TRUE(again.json.find("replayed")->asBool());
  const Reply other = client_->post(kWaybills, waybill({{"recipient.name", wf::Value("王五")}}),
                                    {{"Idempotency-Key", "hall-job-7"}});
  EXPECT_EQ(other.status, 409) << other.body;
  EXPECT_EQ(expressStat("issued"), 1);
  EXPECT_EQ(expressStat("duplicates"), 1);
}

TEST_F(CitysimExpress, RefusesBadApplicationsNamingTheField) {
  const auto field = [&](const std::string& body) {
    const Reply r = client_->post(kWaybills, body, {{"Idempotency-Key", "k"}});
    EXPECT_EQ(r.status, 400) << r.body;
    return r.field();
  };
  EXPECT_EQ(field(waybill({{"caseCode", wf::Value()}})), "caseCode");
  EXPECT_EQ(field(waybill({{"caseCode", wf::Value("short")}})), "caseCode");
  EXPECT_EQ(field(waybill({{"item", wf::Value("证")}})), "item");
  EXPECT_EQ(field(waybill({{"item.name", wf::Value(5)}})), "item.name");
  EXPECT_EQ(field(waybill({{"sender.address", wf::Value()}})), "sender.address");
  EXPECT_EQ(field(waybill({{"recipient", wf::Value()}})), "recipient");
  EXPECT_EQ(field(waybill({{"recipient.phone", wf::Value("02112345678")}})), "recipient.phone");
  EXPECT_EQ(field(waybill({{"recipient.phone", wf::Value("1381234567")}})), "recipient.phone");
  EXPECT_EQ(field(waybill({{"recipient.district", wf::Value("朝阳区")}})), "recipient.district");
  EXPECT_EQ(field(waybill({{"recipient.address", wf::Value("")}})), "recipient.address");
  EXPECT_EQ(field("[1]"), "body");
  EXPECT_EQ(field("{no"), "body");
  EXPECT_EQ(client_->post(kWaybills, waybill()).field(), "Idempotency-Key");
  EXPECT_EQ(client_->send("DELETE", kWaybills).status, 405);
  EXPECT_EQ(expressStat("issued"), 0);
}

TEST_F(CitysimExpress, EachStepIsOneSignedCallbackInOrder) {
  CallbackReceiver hall;
  const std::string number = create();
  // No hall yet: the steps happen, nothing is sent.
  const Reply quiet = advance(number);
  ASSERT_EQ(quiet.status, 200) << quiet.body;
  EXPECT_EQ(text(quiet.json, "status"), "collected");
  EXPECT_TRUE(quiet.json.find("callbacks")->asArray().empty());

  const std::string second = create("hall-job-2");
  pointAt(hall.url());
  const Reply delivered = advance(second, "delivered");
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  EXPECT_EQ(text(delivered.json, "status"), "delivered");
  const std::vector<ReceivedCallback> got = hall.received();
  EXPECT_EQ(events(got), (std::vector<std::string>{"collected", "in-transit", "delivered"}));
  for (const ReceivedCallback& c : got) {
    EXPECT_EQ(c.target, "/api/v1/callbacks/express");
    EXPECT_TRUE(signedByThePlatform(c)) << c.body;
    const wf::Value body = *wf::Value::parseJson(c.body);
    EXPECT_EQ(text(body, "caseCode"), kCaseCode);
    EXPECT_EQ(text(body, "eventId"), second + "-" + text(body, "event"));
    EXPECT_EQ(text(*body.find("data"), "waybillNo"), second);
  }
  EXPECT_EQ(advance(second).status, 409);
  EXPECT_EQ(advance(number, "created").field(), "to");
  EXPECT_EQ(advance(number, "lost").field(), "to");
  EXPECT_EQ(advance("SH0000009999").status, 404);
  const Reply read = client_->get(std::string(kWaybills) + "/" + second);
  EXPECT_EQ(read.json.find("events")->asArray().size(), 3u);
}

TEST_F(CitysimExpress, DuplicateOutOfOrderAndTamperedCallbacksWhenTold) {
  CallbackReceiver hall;
  pointAt(hall.url());
  faults(R"({"duplicateCallbacks": true})");
  const std::string twice = create("k-1");
  ASSERT_EQ(advance(twice, "collected").status, 200);
  std::vector<ReceivedCallback> got = hall.received();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].body, got[1].body) << "the same event";
  EXPECT_NE(got[0].headers.at("X-Ca-Nonce"), got[1].headers.at("X-Ca-Nonce"));
  EXPECT_TRUE(signedByThePlatform(got[1]));

  faults(R"({"outOfOrderCallbacks": true})");
  const std::string late = create("k-2");
  const Reply held = advance(late, "collected");
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_EQ(held.json.find("held")->asArray().size(), 1u);
  EXPECT_EQ(hall.received().size(), 2u) << "held back";
  ASSERT_EQ(advance(late, "delivered").status, 200);
  got = hall.received();
  EXPECT_EQ(events({got.begin() + 2, got.end()}),
            (std::vector<std::string>{"delivered", "in-transit", "collected"}));

  faults(R"({"tamperedCallbacks": true})");
  hall.script({401, 401, 401, 401});
  const std::string forged = create("k-3");
  const Reply refused = advance(forged, "collected");
  ASSERT_EQ(refused.status, 200) << refused.body;
  const wf::Value& callback = refused.json.find("callbacks")->asArray().at(0);
  EXPECT_FALSE(callback.find("delivered")->asBool());
  EXPECT_EQ(callback.find("statuses")->asArray().size(), 4u) << "3 retries, then it gives up";
  got = hall.received();
  EXPECT_FALSE(signedByThePlatform(got.back()));

  EXPECT_EQ(control("PUT", "/_sim/faults/express", R"({"duplicateCallbacks": "yes"})").field(),
            "duplicateCallbacks");
}

TEST_F(CitysimExpress, ACallbackTheHallDidNotTakeIsRetriedABoundedNumberOfTimes) {
  CallbackReceiver hall;
  pointAt(hall.url());
  hall.script({503, 500});
  const std::string number = create();
  const Reply answered = advance(number);
  ASSERT_EQ(answered.status, 200) << answered.body;
  const wf::Value& callback = answered.json.find("callbacks")->asArray().at(0);
  EXPECT_TRUE(callback.find("delivered")->asBool());
  EXPECT_EQ(callback.find("statuses")->toJson(), "[503,500,200]");

  // A hall that is not there at all: four attempts, then the step stands.
  int closed_port = 0;
  {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    closed_port = socket.address().port();
  }
  pointAt("http://127.0.0.1:" + std::to_string(closed_port));
  const Reply away = advance(number);
  ASSERT_EQ(away.status, 200) << away.body;
  EXPECT_EQ(away.json.find("callbacks")->asArray().at(0).find("statuses")->toJson(), "[0,0,0,0]");
  EXPECT_EQ(text(away.json, "status"), "in-transit");
  EXPECT_EQ(control("PUT", "/_sim/express/hall", R"({"url": "ftp://x"})").field(), "url");
}

TEST_F(CitysimExpress, StartedWithAStepTimeWaybillsMoveOnByThemselves) {
  CallbackReceiver hall;
  CitysimProcessOptions options;
  options.args = {"--port", "0", "--quiet", "--hall", hall.url(), "--express-step-ms", "30"};
  options.env = {{"CITYSIM_KEY", kTestKey}};
  auto started = CitysimProcess::start(options);
  ASSERT_TRUE(started.ok()) << started.status().message();
  CitysimClient timed((*started)->host(), (*started)->port(), kTestKey);
  const Reply made = timed.post(kWaybills, waybill(), {{"Idempotency-Key", "timed"}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string number = text(made.json, "waybillNo");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (hall.received().size() < 3 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(events(hall.received()),
            (std::vector<std::string>{"collected", "in-transit", "delivered"}));
  EXPECT_EQ(text(timed.get(std::string(kWaybills) + "/" + number).json, "status"), "delivered");
  EXPECT_EQ(parseCitysimOptions({"--express-step-ms", "soon"})
                .status()
                .message()
                .find("--express-step-ms"),
            0u);
}

}  // namespace
}  // namespace hall::citysim::test
