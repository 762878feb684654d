// The licence usage list (用证清单) at intake through the hall's API, the
// real `hall serve --city` against the real simulator: a licence the city
// issued to the applicant marks its material 电子证照已调取 with its number;
// once revoked it does not; with the library down the check still answers
// (查询电子证照失败，请核验纸质材料) and the clerk accepts the case all the
// same. The applicant's number is in no URL and nothing the hall prints.
#include <gtest/gtest.h>

#include "portal/city/city_hall.h"

namespace portal::web::testing {
namespace {

constexpr const char* kApplicantId = "11010519491231002X";  // foodCaseRequest's applicant
constexpr const char* kBusinessLicence = "11100000000013127D001";

class LicenceCheckTest : public CityHallTest {
 protected:
  // Issues, at the city, a 营业执照 to the applicant; its id.
  std::string cityIssuesBusinessLicence() {
    const wf::Value application(wf::Object{
        {"typeCode", wf::Value(kBusinessLicence)},
        {"licenceName", wf::Value("营业执照")},
        {"holder", wf::Value("李四")},
        {"holderIdType", wf::Value("ID_CARD")},
        {"holderId", wf::Value(kApplicantId)},
        {"issuer", wf::Value("上海市长宁区市场监督管理局")},
        {"issuedOn", wf::Value("2026-01-05")},
        {"caseCode", wf::Value("31010520260105010000001")},
    });
    const auto issued = city_->post("/elicense/v1/licences", application.toJson(),
                                    {{"Idempotency-Key", "test-business-licence"}});
    EXPECT_EQ(issued.status, 201) << issued.body;
    return issued.json.isObject() ? issued.json.find("licenceId")->asString() : std::string();
  }

  Reply check() {
    return clerk_->post("/api/v1/intake/licence-check",
                        wf::Value(wf::Object{{"matterCode", wf::Value(foodMatterCode(*clerk_))},
                                             {"idType", wf::Value("ID_CARD")},
                                             {"idNumber", wf::Value(kApplicantId)}})
                            .toJson());
  }

  static const wf::Value* material(const Reply& reply, const std::string& id) {
    for (const wf::Value& m : reply.json.find("materials")->asArray()) {
      if (m.find("id")->asString() == id) return &m;
    }
    return nullptr;
  }
};

TEST_F(LicenceCheckTest, ALicenceTheApplicantHoldsIsFetchedUntilItIsRevoked) {
  const Reply none = check();
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.json.find("lookup")->asString(), "looked");
  ASSERT_NE(material(none, "business-licence"), nullptr) << none.body;
  EXPECT_FALSE(material(none, "business-licence")->find("fetched")->asBool());

  const std::string id = cityIssuesBusinessLicence();
  const Reply held = check();
  ASSERT_EQ(held.status, 200) << held.body;
  const wf::Value* business = material(held, "business-licence");
  ASSERT_TRUE(business->find("fetched")->asBool()) << held.body;
  const std::string number = business->find("licence")->find("number")->asString();
  EXPECT_EQ(number.rfind(std::string(kBusinessLicence) + "-2026-", 0), 0u) << number;
  EXPECT_EQ(business->find("licence")->find("id")->asString(), id);
  EXPECT_EQ(business->find("label")->asString(), "电子证照已调取：营业执照（" + number + "）");
  EXPECT_FALSE(material(held, "applicant-id")->find("fetched")->asBool())
      << "no licence of that type";

  const auto revoked =
      city_->post("/elicense/v1/licences/" + id + "/revoke", R"({"reason": "吊销"})");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  const Reply after = check();
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_FALSE(material(after, "business-licence")->find("fetched")->asBool())
      << "a revoked licence does not count";

  EXPECT_EQ(hall_->output().find(kApplicantId), std::string::npos) << "never printed in clear";
}

// The 营业执照 the hall itself had the city issue (开办企业, approved by its
// departments) is the one a later intake finds: the connector issues it
// under the catalogue's type code.
TEST_F(LicenceCheckTest, ABusinessLicenceTheHallIssuedIsFetchedAtTheNextIntake) {
  const Reply accepted = clerk_->post(
      "/api/v1/cases",
      foodCaseRequest(*clerk_, "00012310400001-310105000000-000-11310105MB2F1952X1-1-00", "W01"));
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  const std::string instance = accepted.json.find("instanceId")->asString();
  const auto tasks = [&] {
    const Reply r = system().get("/api/v1/tasks?processInstanceId=" + instance);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.isArray() ? r.json.asArray() : wf::Array{};
  };
  for (const wf::Value& t : tasks()) {
    const Reply done = system().post("/api/v1/tasks/" + t.find("id")->asString() + "/complete",
                                     R"({"decision": "approve", "reason": "同意"})");
    ASSERT_EQ(done.status, 204) << done.body;
  }
  ASSERT_TRUE(eventually([&] {
    for (const wf::Value& t : tasks()) {
      if (t.find("elementId")->asString() == "hand_over") return true;
    }
    return false;
  })) << "the 营业执照 was not issued";

  const Reply held = check();
  ASSERT_EQ(held.status, 200) << held.body;
  const wf::Value* business = material(held, "business-licence");
  ASSERT_NE(business, nullptr) << held.body;
  EXPECT_TRUE(business->find("fetched")->asBool()) << held.body;
}

TEST_F(LicenceCheckTest, WithTheLibraryDownTheCheckSaysSoAndIntakeGoesOn) {
  cityIssuesBusinessLicence();
  const auto down = city_->send("PUT", "/_sim/faults/elicense", R"({"downForMs": 60000})");
  ASSERT_EQ(down.status, 200) << down.body;
  const Reply failed = check();
  ASSERT_EQ(failed.status, 200) << failed.body;
  EXPECT_EQ(failed.json.find("lookup")->asString(), "failed");
  EXPECT_EQ(failed.json.find("note")->asString(), "查询电子证照失败，请核验纸质材料");
  EXPECT_FALSE(material(failed, "business-licence")->find("fetched")->asBool());
  EXPECT_EQ(failed.body.find(kApplicantId), std::string::npos);

  const Reply accepted =
      clerk_->post("/api/v1/cases", foodCaseRequest(*clerk_, foodMatterCode(*clerk_), "W01"));
  EXPECT_EQ(accepted.status, 201) << accepted.body;
}

}  // namespace
}  // namespace portal::web::testing
