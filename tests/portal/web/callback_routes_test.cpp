// A city platform's signed callbacks against the real `hall serve`: a
// signed 市电子证照库 event reaches the case waiting for it; the same event
// again (a fresh signature) has no second effect; an event before the case
// waits is kept and taken when it gets there; a tampered body, a wrong key,
// a stale timestamp, another platform's app id and a replayed nonce are
// refused with 401 and change nothing; bad JSON names its field.
#include <gtest/gtest.h>

#include "connectors/common/request_signer.h"
#include "portal/web/api_client.h"
#include "support/hall_process.h"
#include "wf/ports/clock.h"

namespace portal::web {
namespace {

constexpr const char* kToken = "callback-routes-token-0123456789";
constexpr const char* kCityKey = "callback test city key";
constexpr const char* kPath = "/api/v1/callbacks/elicense";

// Waits at a message catch for elicense.revoked of its case, then at a task.
constexpr const char* kModel = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:hall="urn:hall:bpmn:1" id="d" targetNamespace="urn:test">
  <bpmn:message id="revoked" name="elicense.revoked"/>
  <bpmn:process id="licence_watch" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:userTask id="before" hall:candidateGroups="clerk"/>
    <bpmn:intermediateCatchEvent id="wait_revoked" hall:correlationKey="=caseCode">
      <bpmn:messageEventDefinition messageRef="revoked"/>
    </bpmn:intermediateCatchEvent>
    <bpmn:userTask id="after" hall:candidateGroups="clerk"/>
    <bpmn:endEvent id="end"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="before"/>
    <bpmn:sequenceFlow id="f2" sourceRef="before" targetRef="wait_revoked"/>
    <bpmn:sequenceFlow id="f3" sourceRef="wait_revoked" targetRef="after"/>
    <bpmn:sequenceFlow id="f4" sourceRef="after" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>)";

int64_t nowMillis() { return wf::toEpochMillis(wf::SystemClock().now()); }

class CallbackRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    hall_ = std::make_unique<hall::test::HallProcess>(
        HALL_BINARY, dir_.path(), std::vector<std::string>{},
        Poco::Process::Env{{"HALL_ADMIN_TOKEN", kToken}, {"HALL_CITY_KEY", kCityKey}});
    ASSERT_NE(hall_->port(), 0) << hall_->output();
    const testing::Reply deployed =
        system().post("/api/v1/deployments?name=watch.bpmn", kModel, "application/xml");
    ASSERT_EQ(deployed.status, 201) << deployed.body;
  }

  testing::ApiClient system() const { return testing::ApiClient(hall_->port(), kToken); }

  std::string start(const std::string& case_code) {
    const testing::Reply r = system().post(
        "/api/v1/process-definitions/licence_watch/instances",
        wf::Value(
            wf::Object{{"businessKey", wf::Value(case_code)},
                       {"variables", wf::Value(wf::Object{{"caseCode", wf::Value(case_code)}})}})
            .toJson());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json.find("id") ? r.json.find("id")->asString() : "";
  }

  // The instance's waiting elements.
  std::string waitingAt(const std::string& instance) {
    const testing::Reply r = system().get("/api/v1/process-instances/" + instance);
    std::string out;
    for (const wf::Value& a : r.json.find("activeActivityIds")->asArray()) out += a.asString();
    return out;
  }

  void completeTaskOf(const std::string& instance) {
    const testing::Reply tasks = system().get("/api/v1/tasks?processInstanceId=" + instance);
    ASSERT_EQ(tasks.status, 200) << tasks.body;
    ASSERT_FALSE(tasks.json.asArray().empty());
    const std::string id = tasks.json.asArray()[0].find("id")->asString();
    ASSERT_EQ(system().post("/api/v1/tasks/" + id + "/complete", "{}").status, 204);
  }

  static std::string event(const std::string& event_id, const std::string& case_code) {
    return wf::Value(wf::Object{{"eventId", wf::Value(event_id)},
                                {"event", wf::Value("revoked")},
                                {"caseCode", wf::Value(case_code)},
                                {"data", wf::Value(wf::Object{{"reason", wf::Value("吊销")}})}})
        .toJson();
  }

  // POSTs `body` signed by the platform (or as told otherwise).
  testing::Reply callback(const std::string& body, const std::string& key = kCityKey,
                          const std::string& app = "city-elicense", int64_t at = nowMillis(),
                          const std::string& signed_body = "") {
    const connectors::RequestSignature s = connectors::signRequest(
        app, key, "POST", kPath, signed_body.empty() ? body : signed_body, at);
    last_ = {{"X-Ca-Key", s.app_id},
             {"X-Ca-Timestamp", std::to_string(s.timestamp_ms)},
             {"X-Ca-Nonce", s.nonce},
             {"X-Ca-Signature", s.signature}};
    return testing::ApiClient(hall_->port()).withHeaders(last_).post(kPath, body);
  }

  testing::TempDir dir_;
  std::unique_ptr<hall::test::HallProcess> hall_;
  std::map<std::string, std::string> last_;  // the last callback's signature headers
};

TEST_F(CallbackRoutesTest, ASignedEventReachesItsCaseOnceAndEarlyEventsWait) {
  const std::string waiting = start("CASE-WAITING");
  completeTaskOf(waiting);
  EXPECT_EQ(waitingAt(waiting), "wait_revoked");
  const testing::Reply first = callback(event("ev-1", "CASE-WAITING"));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json.find("outcome")->asString(), "correlated");
  EXPECT_EQ(waitingAt(waiting), "after");
  // Delivered again by the platform (a new signature): no second effect.
  const testing::Reply again = callback(event("ev-1", "CASE-WAITING"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json.find("outcome")->asString(), "duplicate");

  // Out of order: the event comes before the case waits for it.
  const std::string early = start("CASE-EARLY");
  const testing::Reply buffered = callback(event("ev-2", "CASE-EARLY"));
  ASSERT_EQ(buffered.status, 200) << buffered.body;
  EXPECT_EQ(buffered.json.find("outcome")->asString(), "buffered");
  EXPECT_EQ(waitingAt(early), "before");
  completeTaskOf(early);
  EXPECT_EQ(waitingAt(early), "after") << "the kept event was taken on arrival";
}

TEST_F(CallbackRoutesTest, ForgedStaleOrReplayedCallbacksAreRefusedAndChangeNothing) {
  const std::string instance = start("CASE-GUARDED");
  completeTaskOf(instance);
  const std::string body = event("ev-9", "CASE-GUARDED");
  const auto reason = [](const testing::Reply& r) {
    const wf::Value* why = r.errorDetail("reason");
    return why != nullptr && why->isString() ? why->asString() : "<none>";
  };

  EXPECT_EQ(reason(testing::ApiClient(hall_->port()).post(kPath, body)), "SIGNATURE_MISSING");
  EXPECT_EQ(reason(callback(body, "another key")), "SIGNATURE_INVALID");
  EXPECT_EQ(reason(callback(body, kCityKey, "city-express")), "APP_UNKNOWN");
  EXPECT_EQ(reason(callback(body, kCityKey, "city-elicense", nowMillis() - 301'000)),
            "TIMESTAMP_EXPIRED");
  // The signature covers the body: a changed body does not pass.
  const testing::Reply tampered =
      callback(body, kCityKey, "city-elicense", nowMillis(), event("ev-9", "CASE-OTHER"));
  EXPECT_EQ(tampered.status, 401);
  EXPECT_EQ(reason(tampered), "SIGNATURE_INVALID");
  EXPECT_EQ(waitingAt(instance), "wait_revoked") << "nothing refused had an effect";

  const testing::Reply good = callback(body);
  ASSERT_EQ(good.status, 200) << good.body;
  // The same request captured and sent again: its nonce is spent.
  const testing::Reply replayed =
      testing::ApiClient(hall_->port()).withHeaders(last_).post(kPath, body);
  EXPECT_EQ(replayed.status, 401);
  EXPECT_EQ(reason(replayed), "NONCE_REPLAYED");

  EXPECT_EQ(callback("{not json").status, 400);
  EXPECT_EQ(callback(R"({"eventId": "e", "event": "Revoked!", "caseCode": "C"})").errorField(),
            "event");
  EXPECT_EQ(callback(R"({"eventId": "", "event": "revoked", "caseCode": "C"})").errorField(),
            "eventId");
  EXPECT_EQ(callback(R"({"eventId": "e", "event": "revoked", "caseCode": 7})").errorField(),
            "caseCode");
  EXPECT_EQ(callback(body).status, 200);  // and the service goes on
  EXPECT_EQ(testing::ApiClient(hall_->port())
                .withHeaders(last_)
                .post("/api/v1/callbacks/nowhere", body)
                .status,
            404);
}

}  // namespace
}  // namespace portal::web
