// 随申码 over real HTTP against the built hall-citysim: a code issued for a
// holder verifies to that holder; an expired code is CODE_EXPIRED, a changed
// or made-up one CODE_INVALID, both naming the field code; bad requests name
// their field.
#include <gtest/gtest.h>

#include <string>

#include "city_requests.h"
#include "citysim_fixture.h"

namespace hall::citysim::test {
namespace {

using CitysimSuishen = CitysimTest;

std::string verifyBody(const std::string& code) {
  return wf::Value(wf::Object{{"code", wf::Value(code)}}).toJson();
}

std::string text(const Reply& reply, const std::string& member) {
  const wf::Value* v = reply.json.find(member);
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

TEST_F(CitysimSuishen, AFreshCodeVerifiesToItsHolder) {
  const std::string code = suishenCode(*client_, "王小明", kHolderId);
  ASSERT_FALSE(code.empty());
  const Reply reply = client_->post(kSuishenVerify, verifyBody(code));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(text(reply, "name"), "王小明");
  EXPECT_EQ(text(reply, "idNumber"), kHolderId);
  ASSERT_NE(reply.json.find("phone"), nullptr);
  EXPECT_TRUE(reply.json.find("phone")->isNull());
  // A code may be shown more than once while it lives.
  EXPECT_EQ(client_->post(kSuishenVerify, verifyBody(code)).status, 200);
  EXPECT_EQ(simStat(*client_, "suishen", "issued"), 1);
}

TEST_F(CitysimSuishen, AnExpiredCodeIsCodeExpired) {
  const std::string code = suishenCode(*client_, "王小明", kHolderId, 1);
  ASSERT_FALSE(code.empty());
  // Bounded: the code lives 1 ms; the simulator's clock moves on.
  Reply reply;
  for (int i = 0; i < 50; ++i) {
    reply = client_->post(kSuishenVerify, verifyBody(code));
    if (reply.status != 200) break;
  }
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.code(), "CODE_EXPIRED");
  EXPECT_EQ(reply.field(), "code");
}

TEST_F(CitysimSuishen, AChangedOrUnknownCodeIsCodeInvalid) {
  const std::string code = suishenCode(*client_, "王小明", kHolderId, 600000);
  ASSERT_GT(code.size(), 20u);
  // Another holder's serial, a later expiry, a changed signature: each breaks the signature.
  std::string serial = code;
  serial[5] = serial[5] == '9' ? '8' : '9';
  std::string later = code;
  const size_t expiry = code.find('.', 5) + 1;
  later[expiry + 3] = later[expiry + 3] == '9' ? '8' : '9';
  std::string signature = code;
  signature.back() = signature.back() == 'a' ? 'b' : 'a';
  for (const std::string& bad :
       {serial, later, signature, std::string("SSM1.1.2.3"), std::string("hello")}) {
    const Reply reply = client_->post(kSuishenVerify, verifyBody(bad));
    EXPECT_EQ(reply.status, 400) << bad << " " << reply.body;
    EXPECT_EQ(reply.code(), "CODE_INVALID") << bad;
    EXPECT_EQ(reply.field(), "code") << bad;
  }
}

TEST_F(CitysimSuishen, BadRequestsNameTheirField) {
  EXPECT_EQ(client_->post(kSuishenVerify, "{}").field(), "code");
  EXPECT_EQ(client_->post(kSuishenVerify, R"({"code": 7})").field(), "code");
  EXPECT_EQ(client_->post(kSuishenVerify, "[").field(), "body");
  const Reply bad_id =
      client_->post(kSuishenCodes, R"({"name": "王小明", "idNumber": "110105194912310021"})");
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_EQ(bad_id.field(), "idNumber");
  EXPECT_EQ(client_->post(kSuishenCodes, R"({"idNumber": "11010519491231002X"})").field(), "name");
  const Reply bad_ttl = client_->post(
      kSuishenCodes, R"({"name": "王小明", "idNumber": "11010519491231002X", "ttlMs": 0.5})");
  EXPECT_EQ(bad_ttl.field(), "ttlMs");
  EXPECT_EQ(client_->get("/suishen/v1/codes/verify").status, 405);
  EXPECT_EQ(simStat(*client_, "suishen", "issued"), 0);
}

TEST_F(CitysimSuishen, AnUnsignedVerificationIsRefused) {
  const std::string code = suishenCode(*client_, "王小明", kHolderId);
  const Reply reply = client_->sendRaw("POST", kSuishenVerify, verifyBody(code), {});
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.code(), "SIGNATURE_MISSING");
}

}  // namespace
}  // namespace hall::citysim::test
