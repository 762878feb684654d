// The licence usage list at intake (IntakeLicences) over the real catalogue
// and a fake library: each e-licence material of the matter (or theme) is
// fetched when the applicant holds a licence of its type that is valid on
// the hall's date — not revoked, not expired, not someone else's; without a
// library nothing is marked and nothing asked; a failing library marks
// nothing and says so, never an error; a wrong request names its field and
// asks the library nothing.
#include "portal/domain/intake_licences.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "portal/domain/catalogue_reader.h"
#include "support/fake_clock.h"
#include "support/fake_licence_lookup.h"

namespace hall::domain {
namespace {

const std::filesystem::path kModels = std::filesystem::path(HALL_SOURCE_DIR) / "models";
constexpr const char* kFood = "00012310600001-310105000000-000-11310105MB2F1952X1-1-00";
constexpr const char* kIdNumber = "11010519491231002X";
constexpr const char* kBusinessLicence = "11100000000013127D001";  // 营业执照
constexpr const char* kPropertyDeed = "11100000000013076A001";     // 不动产权证书

HolderLicence licence(const std::string& id, const std::string& type, const std::string& status,
                      const std::string& valid_until = "") {
  return HolderLicence{id, "N-" + id, type, "证照" + id, status, valid_until};
}

const MaterialLicence* material(const LicenceCheck& check, const std::string& id) {
  for (const MaterialLicence& m : check.materials) {
    if (m.material_id == id) return &m;
  }
  return nullptr;
}

class IntakeLicencesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto read = readCatalogue(kModels / "catalogue");
    ASSERT_TRUE(read.ok()) << read.status().message();
    catalogue_ = std::move(read).value();
    licences_ = std::make_unique<IntakeLicences>(catalogue_, clock_);  // 2026-10-01 in the hall
  }

  LicenceCheckRequest request(const std::string& subject = kFood) const {
    return LicenceCheckRequest{subject, "ID_CARD", kIdNumber};
  }

  Catalogue catalogue_;
  hall::test::FakeClock clock_;
  hall::test::FakeLicenceLookup lookup_;
  std::unique_ptr<IntakeLicences> licences_;
};

TEST_F(IntakeLicencesTest, WithoutTheLibraryNothingIsMarkedAndNothingAsked) {
  ASSERT_FALSE(licences_->connected());
  auto check = licences_->check(request());
  ASSERT_TRUE(check.ok()) << check.status().toString();
  EXPECT_EQ(check->state, LicenceLookupState::NotConnected);
  EXPECT_STREQ(licenceLookupStateName(check->state), "not-connected");
  ASSERT_NE(material(*check, "business-licence"), nullptr) << "the e-licence materials are listed";
  for (const MaterialLicence& m : check->materials) EXPECT_FALSE(m.fetched) << m.material_id;
  EXPECT_EQ(material(*check, "food-application"), nullptr) << "a paper material is not";
  EXPECT_EQ(lookup_.calls, 0);
}

// 开办企业 asks for the applicant's and the agent's identity, both of the
// ID-card type: the applicant's own licence is the applicant's material
// only — the agent's is not looked up in the applicant's list.
TEST_F(IntakeLicencesTest, TheAgentsIdentityIsNotTakenFromTheApplicantsLicences) {
  licences_->useLookup(lookup_);
  lookup_.held[kIdNumber] = {licence("id", "11100000000013338W001", "valid")};
  constexpr const char* kCompanySetup = "00012310400001-310105000000-000-11310105MB2F1952X1-1-00";
  const Matter* setup = catalogue_.matter(kCompanySetup);  // 开办企业
  ASSERT_NE(setup, nullptr);
  ASSERT_NE(setup->material("agent-id"), nullptr);
  EXPECT_EQ(setup->material("agent-id")->holder, "agent");
  auto check = licences_->check(request(kCompanySetup));
  ASSERT_TRUE(check.ok()) << check.status().toString();
  ASSERT_NE(material(*check, "applicant-id"), nullptr);
  EXPECT_TRUE(material(*check, "applicant-id")->fetched);
  EXPECT_EQ(material(*check, "agent-id"), nullptr) << "not in the applicant's check";
}

TEST_F(IntakeLicencesTest, MarksWhatTheApplicantHoldsValidOnTheHallsDate) {
  licences_->useLookup(lookup_);
  lookup_.held[kIdNumber] = {
      licence("old", kBusinessLicence, "valid", "2026-09-30"),  // expired yesterday
      licence("bl", kBusinessLicence, "valid"),                 // no end
      licence("gone", kPropertyDeed, "revoked"),
      licence("deed-last-day", kPropertyDeed, "valid", "2026-10-01"),
      licence("other", "SH-AMR-FOOD-01", "valid"),
  };
  auto check = licences_->check(request());
  ASSERT_TRUE(check.ok()) << check.status().toString();
  EXPECT_EQ(check->state, LicenceLookupState::Looked);
  EXPECT_EQ(lookup_.last_id_type, "ID_CARD");
  const MaterialLicence* business = material(*check, "business-licence");
  ASSERT_NE(business, nullptr);
  EXPECT_TRUE(business->fetched);
  EXPECT_EQ(business->licence.id, "bl") << "the expired one does not count";
  EXPECT_EQ(business->licence.number, "N-bl");
  const MaterialLicence* deed = material(*check, "property-certificate");
  ASSERT_NE(deed, nullptr);
  EXPECT_TRUE(deed->fetched) << "valid through its last day";
  EXPECT_EQ(deed->licence.id, "deed-last-day");
  EXPECT_FALSE(material(*check, "applicant-id")->fetched) << "no licence of that type";
  EXPECT_NE(check->note.find("电子证照已调取 2 项"), std::string::npos) << check->note;

  lookup_.held[kIdNumber] = {licence("gone", kBusinessLicence, "revoked")};
  auto revoked = licences_->check(request());
  ASSERT_TRUE(revoked.ok());
  EXPECT_FALSE(material(*revoked, "business-licence")->fetched) << "a revoked one does not count";
  EXPECT_NE(revoked->note.find("请收取纸质材料"), std::string::npos) << revoked->note;
}

TEST_F(IntakeLicencesTest, AFailingLibraryIsNotAnErrorTheClerkChecksThePaper) {
  licences_->useLookup(lookup_);
  lookup_.failure = wf::Status::unavailable("elicense usage list: 市电子证照库 HTTP 503: {}");
  auto check = licences_->check(request());
  ASSERT_TRUE(check.ok()) << check.status().toString();
  EXPECT_EQ(check->state, LicenceLookupState::Failed);
  EXPECT_EQ(check->note, "查询电子证照失败，请核验纸质材料");
  EXPECT_NE(check->detail.find("HTTP 503"), std::string::npos);
  for (const MaterialLicence& m : check->materials) EXPECT_FALSE(m.fetched) << m.material_id;
}

TEST_F(IntakeLicencesTest, AThemeAsksOnceForTheMaterialsOfAllItsMatters) {
  licences_->useLookup(lookup_);
  lookup_.held[kIdNumber] = {licence("bl", kBusinessLicence, "valid")};
  auto check = licences_->check(request("open-restaurant"));
  ASSERT_TRUE(check.ok()) << check.status().toString();
  EXPECT_EQ(lookup_.calls, 1);
  int business = 0;
  for (const MaterialLicence& m : check->materials) business += m.material_id == "business-licence";
  EXPECT_EQ(business, 1) << "a material several matters ask for is listed once";
  EXPECT_TRUE(material(*check, "business-licence")->fetched);
}

TEST_F(IntakeLicencesTest, AWrongRequestNamesItsFieldAndAsksNothing) {
  licences_->useLookup(lookup_);
  const struct {
    LicenceCheckRequest request;
    wf::StatusCode code;
    const char* field;
  } cases[] = {
      {{"", "ID_CARD", kIdNumber}, wf::StatusCode::InvalidArgument, "matterCode"},
      {{"no-such-matter", "ID_CARD", kIdNumber}, wf::StatusCode::NotFound, "matterCode"},
      {{kFood, "PASSPORT", kIdNumber}, wf::StatusCode::InvalidArgument, "idType"},
      {{kFood, "ID_CARD", "110105194912310021"}, wf::StatusCode::InvalidArgument, "idNumber"},
      {{kFood, "USCC", "91310105MA1FL0000"}, wf::StatusCode::InvalidArgument, "idNumber"},
      {{kFood, "USCC", "91310105MA1FL0000I"}, wf::StatusCode::InvalidArgument, "idNumber"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.request.subject + " " + c.request.id_type + " " + c.request.id_number);
    auto check = licences_->check(c.request);
    ASSERT_FALSE(check.ok());
    EXPECT_EQ(check.status().code(), c.code);
    EXPECT_EQ(check.status().message().rfind(std::string(c.field) + ": ", 0), 0u)
        << check.status().message();
    EXPECT_EQ(check.status().details().find("field")->asString(), c.field);
  }
  EXPECT_EQ(lookup_.calls, 0);

  // A company asks with its credit code; a lower-case x is the same number.
  ASSERT_TRUE(licences_->check({kFood, "USCC", "91310105MA1FL0000X"}).ok());
  EXPECT_EQ(lookup_.last_id_type, "USCC");
  ASSERT_TRUE(licences_->check({kFood, "ID_CARD", "11010519491231002x"}).ok());
  EXPECT_EQ(lookup_.last_id_number, kIdNumber);
}

}  // namespace
}  // namespace hall::domain
