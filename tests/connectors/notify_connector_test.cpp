// The notification gateway through the hall's connector, against the real
// simulator: a supplement notice goes by SMS to the applicant's phone once
// however often its job runs; without a phone the issue notice is pushed to
// the applicant's 随申办 by ID number; the call notice reaches the phone; a
// gateway that is down fails the job as worth retrying.
#include "connectors/notify/notify_connector.h"

#include <gtest/gtest.h>

#include "city_connector_fixture.h"

namespace connectors {
namespace {

constexpr const char* kPhone = "13812345678";
constexpr const char* kPersonId = "11010519491231002X";

// Cases ending in "P" have a phone; the others only an ID number.
class Recipients final : public NoticeRecipients {
 public:
  wf::Result<NoticeRecipient> recipientOf(const std::string& case_code) override {
    if (case_code.empty()) return wf::Status::notFound("no case");
    return NoticeRecipient{case_code.back() == 'P' ? kPhone : "", kPersonId};
  }
};

wf::Value caseVariables(const std::string& case_code) {
  return wf::Value(wf::Object{{"caseCode", wf::Value(case_code)},
                              {"matterName", wf::Value("食品经营许可（新办）")}});
}

class NotifyConnectorTest : public test::CityConnectorTest {
 protected:
  NotifyConnectorTest() : CityConnectorTest("notify") {}

  wf::Result<wf::Value> notice(NotifyConnector& c, const char* type, const std::string& job,
                               const std::string& code) {
    return runJob([&](const wf::JobContext& j) { return c.notice(j); }, type, job,
                  caseVariables(code), "notify_x");
  }

  wf::Array received(const std::string& query) {
    const auto r = control_->get("/notify/v1/messages?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.isArray() ? r.json.asArray() : wf::Array{};
  }

  Recipients recipients_;
};

TEST_F(NotifyConnectorTest, ASupplementNoticeGoesToThePhoneOnce) {
  auto city = client();
  NotifyConnector connector(*city, recipients_);
  const auto first =
      notice(connector, NotifyConnector::kSupplementJob, "job-1", "3101052026112901000001P");
  ASSERT_TRUE(first.ok()) << first.status().toString();
  const wf::Value* sent = first->find("notify_x");
  ASSERT_NE(sent, nullptr) << first->toJson();
  EXPECT_EQ(sent->find("channel")->asString(), "sms");
  EXPECT_EQ(first->toJson().find(kPhone), std::string::npos) << "no number in the variables";
  ASSERT_TRUE(
      notice(connector, NotifyConnector::kSupplementJob, "job-1", "3101052026112901000001P").ok());
  const wf::Array messages = received(std::string("phone=") + kPhone);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].find("templateCode")->asString(), "HALL_SUPPLEMENT");
  EXPECT_NE(messages[0].find("text")->asString().find("3101052026112901000001P"),
            std::string::npos);
  EXPECT_EQ(stat("duplicates"), 1);
}

TEST_F(NotifyConnectorTest, WithoutAPhoneTheIssueNoticeIsPushedByIdNumber) {
  auto city = client();
  NotifyConnector connector(*city, recipients_);
  const auto sent =
      notice(connector, NotifyConnector::kIssuedJob, "job-2", "31010520261129010000017");
  ASSERT_TRUE(sent.ok()) << sent.status().toString();
  EXPECT_EQ(sent->find("notify_x")->find("channel")->asString(), "push");
  const wf::Array messages = received(std::string("idNumber=") + kPersonId);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].find("templateCode")->asString(), "HALL_ISSUED");
}

TEST_F(NotifyConnectorTest, TheCallNoticeReachesThePhone) {
  auto city = client();
  NotifyConnector connector(*city, recipients_);
  ASSERT_TRUE(connector.sendCall(kPhone, "A001", "12", "hall-call-t1-1").isOk());
  ASSERT_TRUE(connector.sendCall(kPhone, "A001", "12", "hall-call-t1-1").isOk());
  const wf::Array messages = received(std::string("phone=") + kPhone);
  ASSERT_EQ(messages.size(), 1u) << "the same call once";
  EXPECT_EQ(messages[0].find("text")->asString(),
            "【长宁区行政服务中心】请 A001 号到 12 号窗口办理。");
}

TEST_F(NotifyConnectorTest, ADownGatewayFailsTheJobAsWorthRetrying) {
  auto city = client();
  NotifyConnector connector(*city, recipients_);
  downFor(60000);
  const auto down =
      notice(connector, NotifyConnector::kIssuedJob, "job-3", "3101052026112901000001P");
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.status().code(), wf::StatusCode::Unavailable);
  EXPECT_EQ(stat("issued"), 0);
}

}  // namespace
}  // namespace connectors
