// Intake, acceptance and the receipt over HTTP against the real `hall
// serve` (its catalogue, matter processes, stores and signing key): a clerk
// searches the catalogue, gets the checklist of a situation, accepts a
// case, downloads its receipt PDF, and anyone verifies it — by case code or
// by uploading the file; a changed file does not verify; bad input names
// its field. Without a city address the licence usage list is "not
// connected" and intake goes on as before.
#include <gtest/gtest.h>

#include "portal/web/api_client.h"
#include "portal/web/food_case.h"
#include "support/hall_process.h"

namespace portal::web {
namespace {

constexpr const char* kToken = "case-routes-token-0123456789";
constexpr const char* kPassword = "Case routes 2026";

class CaseRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    hall_ = std::make_unique<hall::test::HallProcess>(
        HALL_BINARY, dir_.path(), std::vector<std::string>{},
        Poco::Process::Env{{"HALL_ADMIN_TOKEN", kToken}, {"HALL_ADMIN_PASSWORD", kPassword}});
    ASSERT_NE(hall_->port(), 0) << hall_->output();
    clerk_ = testing::clerkAtWindow(system(), hall_->port(), "clerk-t", kPassword, "W01");
    ASSERT_TRUE(clerk_.has_value());
  }

  testing::ApiClient system() const { return testing::ApiClient(hall_->port(), kToken); }
  testing::ApiClient anonymous() const { return testing::ApiClient(hall_->port()); }

  std::string foodCase(const std::string& code) {
    return testing::foodCaseRequest(*clerk_, code, "W01");
  }
  std::string foodCode() { return testing::foodMatterCode(*clerk_); }

  testing::TempDir dir_;
  std::unique_ptr<hall::test::HallProcess> hall_;
  std::optional<testing::ApiClient> clerk_;
};

TEST_F(CaseRoutesTest, AcceptedCaseHasAReceiptThatVerifiesAndATamperedOneDoesNot) {
  const testing::Reply accepted = clerk_->post("/api/v1/cases", foodCase(foodCode()));
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  const std::string code = accepted.json.find("caseCode")->asString();
  EXPECT_EQ(code.size(), 23u);
  EXPECT_EQ(accepted.json.find("applicantId")->asString(), "110105********002X");
  EXPECT_EQ(accepted.body.find("11010519491231002X"), std::string::npos);

  const testing::Reply pdf = clerk_->get("/api/v1/receipts/" + code + "/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.headers.at("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);

  const testing::Reply by_code = anonymous().get("/api/v1/receipts/" + code + "/verify");
  ASSERT_EQ(by_code.status, 200) << by_code.body;
  EXPECT_TRUE(by_code.json.find("valid")->asBool());
  EXPECT_EQ(by_code.json.find("caseCode")->asString(), code);

  const testing::Reply uploaded =
      anonymous().post("/api/v1/receipts/verify", pdf.body, "application/pdf");
  ASSERT_EQ(uploaded.status, 200) << uploaded.body;
  EXPECT_EQ(uploaded.json.find("caseCode")->asString(), code);

  // One signed fact changed (a hex digit of the payload in the PDF's
  // Subject, written as UTF-16BE hex): refused.
  std::string tampered = pdf.body;
  const size_t subject = tampered.find("/Subject <FEFF");
  ASSERT_NE(subject, std::string::npos);
  char& digit = tampered[subject + 14 + 4 * 20 + 3];  // the 21st character's last hex digit
  digit = digit == '1' ? '2' : '1';
  const testing::Reply refused =
      anonymous().post("/api/v1/receipts/verify", tampered, "application/pdf");
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(anonymous().post("/api/v1/receipts/verify", "not a pdf", "application/pdf").status,
            400);
  EXPECT_EQ(anonymous().get("/api/v1/receipts/3101052026112901999999X/verify").status, 404);

  const testing::Reply mine = clerk_->get("/api/v1/cases?mine=true");
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.json.asArray().size(), 1u);
  const testing::Reply one = clerk_->get("/api/v1/cases/" + code);
  ASSERT_EQ(one.status, 200);
  EXPECT_FALSE(one.json.find("waitingAt")->asArray().empty());
}

TEST_F(CaseRoutesTest, BadInputNamesTheFieldAndAcceptsNothing) {
  const std::string code = foodCode();
  EXPECT_EQ(clerk_->post("/api/v1/catalogue/" + code + "/checklist", R"({"answers": {"x": 1}})")
                .errorField(),
            "answers.x");
  EXPECT_EQ(clerk_->get("/api/v1/catalogue/no-such-code").status, 404);
  const testing::Reply unanswered =
      clerk_->post("/api/v1/catalogue/" + code + "/checklist", R"({"answers": {}})");
  EXPECT_EQ(unanswered.status, 400);
  EXPECT_EQ(unanswered.errorField().rfind("situation.", 0), 0u) << unanswered.body;
  const std::string good = foodCase(code);
  auto spoiled = [&](const std::string& from, const std::string& to) {
    std::string body = good;
    body.replace(body.find(from), from.size(), to);
    return clerk_->post("/api/v1/cases", body);
  };
  EXPECT_EQ(spoiled("\"11010519491231002X\"", "\"110105194912310021\"").errorField(),
            "applicantId");
  EXPECT_EQ(spoiled("\"李四\"", "7").errorField(), "applicantName");
  EXPECT_EQ(spoiled("\"received\"", "\"lost\"").status, 400);
  EXPECT_EQ(clerk_->post("/api/v1/cases", "{broken").status, 400);
  // Only at the window the clerk signed in to (W01).
  const testing::Reply elsewhere = spoiled("\"W01\"", "\"W02\"");
  EXPECT_EQ(elsewhere.status, 403);
  EXPECT_EQ(elsewhere.errorField(), "window");
  EXPECT_TRUE(clerk_->get("/api/v1/cases").json.asArray().empty());
}

// A hall without a city address: the licence check says "not connected",
// marks nothing, and the clerk takes in as before; bad input names its field.
TEST_F(CaseRoutesTest, WithoutTheCityTheLicenceCheckSaysNotConnectedAndMarksNothing) {
  const std::string code = foodCode();
  const testing::Reply check =
      clerk_->post("/api/v1/intake/licence-check",
                   R"({"matterCode": ")" + code +
                       R"(", "idType": "ID_CARD", "idNumber": "11010519491231002X"})");
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(check.json.find("lookup")->asString(), "not-connected");
  ASSERT_FALSE(check.json.find("materials")->asArray().empty());
  for (const wf::Value& m : check.json.find("materials")->asArray()) {
    EXPECT_FALSE(m.find("fetched")->asBool()) << m.toJson();
  }
  const testing::Reply bad = clerk_->post("/api/v1/intake/licence-check",
                                          R"({"matterCode": ")" + code + R"(", "idNumber": "1"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("idNumber"), std::string::npos) << bad.body;
  EXPECT_EQ(
      clerk_->post("/api/v1/intake/licence-check", R"({"matterCode": "x", "idNumber": 7})").status,
      400);
  EXPECT_EQ(clerk_->post("/api/v1/cases", foodCase(code)).status, 201) << "intake as before";
}

}  // namespace
}  // namespace portal::web
