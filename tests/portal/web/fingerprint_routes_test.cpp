// The clerk's fingerprint at the window, against the real `hall serve` (its
// layout, where S51…S62 have readers finger-S51…finger-S62, its stores and
// its device hub) with the reader a real device connection: an
// administrator enrols a clerk's finger at S51; accepting at a window with a
// reader asks it, and only the enrolled finger lets the case through; a
// wrong finger, a missing enrolment, a reader that fails, stays silent or is
// not there refuse — and none of them makes a case or starts a process. A
// window without a reader accepts as before.
//
// One server for the suite (starting it is most of the time); each test has
// a clerk and a window of its own. The reader's deadline is short
// (--fingerprint-timeout), and waits are bounded loops, never sleeps.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "portal/web/api_client.h"
#include "portal/web/food_case.h"
#include "portal/web/test_finger_reader.h"
#include "support/hall_process.h"

namespace portal::web {
namespace {

namespace protocol = devices::protocol;
using testing::eventually;
using testing::TestFingerReader;

constexpr const char* kToken = "fingerprint-token-0123456789";
constexpr const char* kPassword = "Fingerprint 2026";
constexpr const char* kSecret = "fingerprint-device-secret";
constexpr const char* kDeadlineMs = "1500";
constexpr const char* kRightFinger = "cmlnaHQtZmluZ2VyLXRlbXBsYXRl";  // "right-finger-template"
constexpr const char* kWrongFinger = "d3JvbmctZmluZ2VyLXRlbXBsYXRl";  // "wrong-finger-template"

class FingerprintAtTheWindowTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    hall_ = new hall::test::HallProcess(
        HALL_BINARY, dir_->path(), std::vector<std::string>{"--fingerprint-timeout", kDeadlineMs},
        Poco::Process::Env{{"HALL_ADMIN_TOKEN", kToken},
                           {"HALL_ADMIN_PASSWORD", kPassword},
                           {"HALL_DEVICE_SECRET", kSecret}});
  }

  static void TearDownTestSuite() {
    delete hall_;
    hall_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(hall_->port(), 0) << hall_->output();
    auto admin = testing::ApiClient(port()).signIn("admin", kPassword);
    ASSERT_TRUE(admin.ok()) << admin.status().toString();
    admin_.emplace(*admin);
  }

  static uint16_t port() { return hall_->port(); }
  testing::ApiClient system() const { return testing::ApiClient(port(), kToken); }

  // A clerk of the test's own, signed in.
  testing::ApiClient clerk(const std::string& login) {
    const testing::Reply made = system().post(
        "/api/v1/users", wf::Value(wf::Object{{"login", wf::Value(login)},
                                              {"displayName", wf::Value("综窗")},
                                              {"roles", wf::Value(wf::Array{wf::Value("clerk")})},
                                              {"password", wf::Value(kPassword)}})
                             .toJson());
    EXPECT_EQ(made.status, 201) << made.body;
    auto signed_in = testing::ApiClient(port()).signIn(login, kPassword);
    EXPECT_TRUE(signed_in.ok()) << signed_in.status().toString();
    return signed_in.ok() ? *signed_in : testing::ApiClient(port());
  }

  // The window's reader, connected.
  std::unique_ptr<TestFingerReader> reader(const std::string& window) {
    auto device = std::make_unique<TestFingerReader>(port(), "finger-" + window, kSecret);
    const protocol::ConnectResult connected = device->connect();
    EXPECT_TRUE(connected.ok) << connected.error;
    return device;
  }

  testing::Reply enrol(const std::string& login, const std::string& window) {
    return admin_->post("/api/v1/users/" + login + "/fingerprint",
                        wf::Value(wf::Object{{"window", wf::Value(window)}}).toJson());
  }

  // The food business licence, first options everywhere, every material
  // received, at `window` (the clerk signs in there first, once): the accept
  // request's JSON.
  std::string foodCase(const testing::ApiClient& clerk, const std::string& window) {
    const int signed_in = clerk.post("/api/v1/windows/" + window + "/sign-in", "{}").status;
    EXPECT_TRUE(signed_in == 200 || signed_in == 409) << window << ": " << signed_in;
    return testing::foodCaseRequest(clerk, testing::foodMatterCode(clerk), window);
  }

  // Every case and every process instance: what a refused acceptance must
  // leave as it was.
  std::string casesAndInstances() const {
    const testing::Reply cases = system().get("/api/v1/cases?limit=500");
    EXPECT_EQ(cases.status, 200) << cases.body;
    const testing::Reply instances = system().get("/api/v1/instances?limit=1000");
    EXPECT_EQ(instances.status, 200) << instances.body;
    return cases.body + "\n" + instances.body;
  }

  // Accepting refused with `status` and `says` in the message, nothing made.
  void expectRefused(const testing::ApiClient& clerk, const std::string& request, int status,
                     const std::string& says) {
    const std::string before = casesAndInstances();
    const testing::Reply refused = clerk.post("/api/v1/cases", request);
    EXPECT_EQ(refused.status, status) << refused.body;
    EXPECT_NE(refused.errorMessage().find(says), std::string::npos) << refused.body;
    EXPECT_EQ(casesAndInstances(), before);
  }

  static testing::TempDir* dir_;
  static hall::test::HallProcess* hall_;
  std::optional<testing::ApiClient> admin_;
};

testing::TempDir* FingerprintAtTheWindowTest::dir_ = nullptr;
hall::test::HallProcess* FingerprintAtTheWindowTest::hall_ = nullptr;

TEST_F(FingerprintAtTheWindowTest, TheEnrolledFingerConfirmsTheAcceptance) {
  const testing::ApiClient wang = clerk("fp-wang");
  const auto s51 = reader("S51");
  s51->press(kRightFinger);

  const testing::Reply enrolled = enrol("fp-wang", "S51");
  ASSERT_EQ(enrolled.status, 201) << enrolled.body;
  EXPECT_TRUE(enrolled.json.find("enrolled")->asBool());
  ASSERT_EQ(s51->captures().size(), 1u);
  EXPECT_EQ(s51->captures()[0].purpose, protocol::FingerprintPurpose::Enroll);
  EXPECT_EQ(s51->captures()[0].clerk, "fp-wang");
  EXPECT_EQ(s51->captures()[0].request_id.size(), 32u);

  const testing::Reply accepted = wang.post("/api/v1/cases", foodCase(wang, "S51"));
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  EXPECT_TRUE(accepted.json.find("fingerprintConfirmed")->asBool());
  EXPECT_EQ(accepted.json.find("window")->asString(), "S51");
  const std::vector<protocol::FingerprintCapture> captures = s51->captures();
  ASSERT_EQ(captures.size(), 2u);
  EXPECT_EQ(captures[1].purpose, protocol::FingerprintPurpose::Verify);
  EXPECT_EQ(captures[1].clerk, "fp-wang");
  EXPECT_NE(captures[1].request_id, captures[0].request_id);

  const testing::Reply stored =
      wang.get("/api/v1/cases/" + accepted.json.find("caseCode")->asString());
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_TRUE(stored.json.find("fingerprintConfirmed")->asBool());
  EXPECT_EQ(stored.json.find("window")->asString(), "S51");
}

TEST_F(FingerprintAtTheWindowTest, AWrongFingerIsRefusedAndMakesNoCase) {
  const testing::ApiClient li = clerk("fp-li");
  const auto s52 = reader("S52");
  s52->press(kRightFinger);
  ASSERT_EQ(enrol("fp-li", "S52").status, 201);

  s52->press(kWrongFinger);
  expectRefused(li, foodCase(li, "S52"), 403, "指纹不符");
  EXPECT_EQ(s52->captures().size(), 2u);

  // The right finger after all: accepted.
  s52->press(kRightFinger);
  EXPECT_EQ(li.post("/api/v1/cases", foodCase(li, "S52")).status, 201);
}

TEST_F(FingerprintAtTheWindowTest, AReaderThatIsNotConnectedRefuses) {
  const testing::ApiClient zhao = clerk("fp-zhao");
  auto s53 = reader("S53");
  s53->press(kRightFinger);
  ASSERT_EQ(enrol("fp-zhao", "S53").status, 201);
  const std::string request = foodCase(zhao, "S53");

  s53->close();
  ASSERT_TRUE(eventually([&] {
    return system().get("/api/v1/devices/finger-S53").json.find("state")->asString() == "offline";
  }));
  expectRefused(zhao, request, 409, "窗口指纹仪未连接");

  // A window whose reader never connected: the same.
  EXPECT_EQ(enrol("fp-zhao", "S60").status, 409);
}

TEST_F(FingerprintAtTheWindowTest, ReaderFailuresAndSilenceRefuseWithTheirReason) {
  const testing::ApiClient sun = clerk("fp-sun");
  const auto s54 = reader("S54");
  s54->press(kRightFinger);
  ASSERT_EQ(enrol("fp-sun", "S54").status, 201);
  const std::string request = foodCase(sun, "S54");

  s54->fail(protocol::FingerprintFailure::PoorQuality);
  expectRefused(sun, request, 409, "质量不佳");
  s54->fail(protocol::FingerprintFailure::Cancelled);
  expectRefused(sun, request, 409, "已取消");

  s54->stayQuiet();
  expectRefused(sun, request, 409, "指纹确认超时");
  // The reader is free again after the deadline.
  s54->press(kRightFinger);
  EXPECT_EQ(sun.post("/api/v1/cases", request).status, 201);
}

TEST_F(FingerprintAtTheWindowTest, AClerkWithNoEnrolledFingerIsRefusedWithoutAsking) {
  const testing::ApiClient zhou = clerk("fp-zhou");
  const auto s55 = reader("S55");
  s55->press(kRightFinger);
  expectRefused(zhou, foodCase(zhou, "S55"), 409, "未登记指纹");
  EXPECT_TRUE(s55->captures().empty());

  // Enrolled, then forgotten: refused again.
  ASSERT_EQ(enrol("fp-zhou", "S55").status, 201);
  EXPECT_EQ(admin_->send("DELETE", "/api/v1/users/fp-zhou/fingerprint").status, 204);
  expectRefused(zhou, foodCase(zhou, "S55"), 409, "未登记指纹");
  EXPECT_EQ(admin_->send("DELETE", "/api/v1/users/fp-zhou/fingerprint").status, 404);
}

TEST_F(FingerprintAtTheWindowTest, AWindowWithoutAReaderAcceptsWithoutConfirmation) {
  const testing::ApiClient wu = clerk("fp-wu");
  const testing::Reply accepted = wu.post("/api/v1/cases", foodCase(wu, "W01"));
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  EXPECT_FALSE(accepted.json.find("fingerprintConfirmed")->asBool());
  EXPECT_EQ(accepted.json.find("window")->asString(), "W01");
}

TEST_F(FingerprintAtTheWindowTest, EnrolmentNamesWhatIsWrong) {
  clerk("fp-zheng");
  EXPECT_EQ(enrol("nobody-here", "S56").status, 404);
  const testing::Reply no_reader = enrol("fp-zheng", "W01");
  EXPECT_EQ(no_reader.status, 400) << no_reader.body;
  EXPECT_EQ(no_reader.errorField(), "window");
  const testing::Reply no_window = admin_->post("/api/v1/users/fp-zheng/fingerprint", "{}");
  EXPECT_EQ(no_window.status, 400);
  EXPECT_EQ(no_window.errorField(), "window");
  // A clerk may not enrol anyone, themselves included.
  const testing::ApiClient zheng = testing::ApiClient(port()).signIn("fp-zheng", kPassword).value();
  EXPECT_EQ(zheng.post("/api/v1/users/fp-zheng/fingerprint", R"({"window":"S56"})").status, 403);
}

}  // namespace
}  // namespace portal::web
