// The notification gateway over real HTTP against the built hall-citysim:
// an SMS from a registered template reaches the phone once however often it
// is sent under its key; a 随申办 push goes to a person by ID number; bad
// input is refused naming its field and sends nothing.
#include <gtest/gtest.h>

#include <string>

#include "citysim_fixture.h"

namespace hall::citysim::test {
namespace {

constexpr const char* kPhone = "13812345678";

std::string text(const wf::Value& json, const std::string& member) {
  const wf::Value* v = json.find(member);
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

std::string callSms(const wf::Object& changes = {}) {
  wf::Object o{{"phone", wf::Value(kPhone)},
               {"templateCode", wf::Value("HALL_CALL")},
               {"params",
                wf::Value(wf::Object{{"number", wf::Value("A001")}, {"window", wf::Value("12")}})}};
  return wf::Value(withChanges(std::move(o), changes)).toJson();
}

class CitysimNotify : public CitysimTest {
 protected:
  wf::Array messagesTo(const std::string& query) {
    const Reply reply = client_->get("/notify/v1/messages?" + query);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json.isArray() ? reply.json.asArray() : wf::Array{};
  }
};

TEST_F(CitysimNotify, SendsAnSmsOncePerKeyWithTheTemplateFilledIn) {
  const Reply sent = client_->post("/notify/v1/sms", callSms(), {{"Idempotency-Key", "call-1"}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_FALSE(text(sent.json, "messageId").empty());
  EXPECT_EQ(text(sent.json, "text"), "【长宁区行政服务中心】请 A001 号到 12 号窗口办理。");
  const Reply again = client_->post("/notify/v1/sms", callSms(), {{"Idempotency-Key", "call-1"}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(text(again.json, "messageId"), text(sent.json, "messageId"));
  const Reply other =
      client_->post("/notify/v1/sms", callSms({{"phone", wf::Value("13900000000")}}),
                    {{"Idempotency-Key", "call-1"}});
  EXPECT_EQ(other.status, 409) << other.body;

  const wf::Array received = messagesTo(std::string("phone=") + kPhone);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(text(received[0], "templateCode"), "HALL_CALL");
  EXPECT_TRUE(messagesTo("phone=13900000000").empty());
}

TEST_F(CitysimNotify, PushesToAPersonByIdNumber) {
  const std::string body =
      wf::Value(wf::Object{{"idNumber", wf::Value(kPersonId)},
                           {"templateCode", wf::Value("HALL_ISSUED")},
                           {"params",
                            wf::Value(wf::Object{{"caseCode", wf::Value("31010520261129A1000042K")},
                                                 {"matterName", wf::Value("食品经营许可")}})}})
          .toJson();
  const Reply sent = client_->post("/notify/v1/push", body, {{"Idempotency-Key", "issued-1"}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  const wf::Array received = messagesTo(std::string("idNumber=") + kPersonId);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(text(received[0], "channel"), "push");
}

TEST_F(CitysimNotify, RefusesBadMessagesNamingTheField) {
  const std::vector<std::pair<wf::Object, std::string>> cases = {
      {{{"phone", wf::Value("23812345678")}}, "phone"},
      {{{"phone", wf::Value("1381234567")}}, "phone"},
      {{{"phone", wf::Value(13812345678.0)}}, "phone"},
      {{{"templateCode", wf::Value("NO_SUCH")}}, "templateCode"},
      {{{"templateCode", wf::Value()}}, "templateCode"},
      {{{"params", wf::Value("A001")}}, "params"},
      {{{"params", wf::Value(wf::Object{{"number", wf::Value("A001")}})}}, "params.window"},
  };
  for (const auto& [changes, field] : cases) {
    const Reply reply =
        client_->post("/notify/v1/sms", callSms(changes), {{"Idempotency-Key", "k"}});
    EXPECT_EQ(reply.status, 400) << field << ": " << reply.body;
    EXPECT_EQ(reply.field(), field) << reply.body;
  }
  EXPECT_EQ(client_->post("/notify/v1/sms", callSms()).field(), "Idempotency-Key");
  const Reply bad_id =
      client_->post("/notify/v1/push",
                    wf::Value(wf::Object{{"idNumber", wf::Value("110105194912310021")},
                                         {"templateCode", wf::Value("HALL_CALL")}})
                        .toJson(),
                    {{"Idempotency-Key", "k2"}});
  EXPECT_EQ(bad_id.field(), "idNumber") << bad_id.body;
  EXPECT_TRUE(messagesTo(std::string("phone=") + kPhone).empty());
  EXPECT_EQ(client_->get("/notify/v1/messages").field(), "phone");
}

}  // namespace
}  // namespace hall::citysim::test
