// FingerprintGate over a real DeviceHub and loopback WebSockets: a capture
// reaches the window's reader with a fresh requestId and returns what that
// reader answers to that request — never an answer from another device or to
// another request; a failure comes back with its reason, silence with a
// timeout, a missing or vanishing reader at once, and a reader capturing for
// someone else is busy. Waits are bounded; the deadlines are short only where
// the test waits for them to pass.
#include "portal/web/fingerprint_gate.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "portal/web/api_client.h"
#include "portal/web/test_finger_reader.h"
#include "portal/web/web_server.h"
#include "support/fake_clock.h"

namespace portal::web {
namespace {

namespace protocol = devices::protocol;
using hall::domain::FingerprintPurpose;
using testing::eventually;
using testing::TestFingerReader;
using namespace std::chrono_literals;

constexpr const char* kSecret = testing::kTestDeviceSecret;
constexpr const char* kToken = "test-token-0123456789";

class FingerprintGateTest : public ::testing::Test {
 protected:
  void SetUp() override { start(20s); }
  void TearDown() override { stop(); }

  void start(std::chrono::milliseconds deadline) {
    stop();
    hub_ = std::make_unique<DeviceHub>(
        std::vector<DeviceRecord>{{"finger-S51", "fingerprint-reader", "z5", "S51"},
                                  {"finger-S52", "fingerprint-reader", "z5", "S52"},
                                  {"strip-S51", "window-strip", "z5", "S51"}},
        kSecret, clock_);
    FingerprintGateOptions options;
    options.deadline = deadline;
    options.poll = 20ms;
    gate_ = std::make_unique<FingerprintGate>(*hub_, options);
    WebServerOptions web_options;
    web_options.port = 0;
    wf::Result<AdminToken> token = AdminToken::load(std::string(kToken), dir_.path());
    ASSERT_TRUE(token.ok());
    UpgradeRoutes upgrades{{std::string(protocol::kDevicePath), hub_->upgradeHandler()}};
    wf::Result<std::unique_ptr<WebServer>> server =
        WebServer::start(Router(), std::move(token).value(), web_options, std::move(upgrades));
    ASSERT_TRUE(server.ok()) << server.status().toString();
    server_ = std::move(server).value();
  }

  void stop() {
    server_.reset();
    gate_.reset();
    hub_.reset();
  }

  std::unique_ptr<TestFingerReader> reader(const std::string& id) {
    auto device = std::make_unique<TestFingerReader>(server_->port(), id, kSecret);
    const protocol::ConnectResult connected = device->connect();
    EXPECT_TRUE(connected.ok) << connected.error;
    return device;
  }

  std::future<wf::Result<std::string>> captureLater(const std::string& window) {
    return std::async(std::launch::async, [this, window] {
      return gate_->capture(window, FingerprintPurpose::Verify, "clerk-a");
    });
  }

  hall::test::FakeClock clock_;
  testing::TempDir dir_;
  std::unique_ptr<DeviceHub> hub_;
  std::unique_ptr<FingerprintGate> gate_;
  std::unique_ptr<WebServer> server_;
};

TEST_F(FingerprintGateTest, ReturnsTheTemplateTheWindowsReaderSends) {
  EXPECT_EQ(gate_->readerAt("S51"), "finger-S51");
  EXPECT_EQ(gate_->readerAt("W01"), std::nullopt);
  const auto s51 = reader("finger-S51");
  s51->press("QUJDRA==");
  const wf::Result<std::string> captured =
      gate_->capture("S51", FingerprintPurpose::Enroll, "clerk-a");
  ASSERT_TRUE(captured.ok()) << captured.status().toString();
  EXPECT_EQ(*captured, "QUJDRA==");
  ASSERT_EQ(s51->captures().size(), 1u);
  EXPECT_EQ(s51->captures()[0].purpose, protocol::FingerprintPurpose::Enroll);
  EXPECT_EQ(s51->captures()[0].clerk, "clerk-a");
}

TEST_F(FingerprintGateTest, ARequestIdIsFreshEachTime) {
  const auto s51 = reader("finger-S51");
  s51->press("QUJD");
  ASSERT_TRUE(gate_->capture("S51", FingerprintPurpose::Verify, "clerk-a").ok());
  ASSERT_TRUE(gate_->capture("S51", FingerprintPurpose::Verify, "clerk-a").ok());
  const std::vector<protocol::FingerprintCapture> captures = s51->captures();
  ASSERT_EQ(captures.size(), 2u);
  EXPECT_EQ(captures[0].request_id.size(), 32u);
  EXPECT_NE(captures[0].request_id, captures[1].request_id);
}

TEST_F(FingerprintGateTest, TakesTheAnswerOnlyFromThatReaderToThatRequest) {
  const auto s51 = reader("finger-S51");
  const auto s52 = reader("finger-S52");
  s51->stayQuiet();
  auto pending = captureLater("S51");
  ASSERT_TRUE(eventually([&] { return s51->captures().size() == 1; }));
  const std::string id = s51->captures()[0].request_id;

  // Another reader answering the request, and this one answering another.
  ASSERT_TRUE(s52->send(protocol::Fingerprint{id, "V1JPTkc="}));
  ASSERT_TRUE(s51->send(protocol::Fingerprint{"not-" + id, "V1JPTkc="}));
  EXPECT_EQ(pending.wait_for(100ms), std::future_status::timeout);

  ASSERT_TRUE(s51->send(protocol::Fingerprint{id, "UklHSFQ="}));
  ASSERT_EQ(pending.wait_for(10s), std::future_status::ready);
  const wf::Result<std::string> captured = pending.get();
  ASSERT_TRUE(captured.ok()) << captured.status().toString();
  EXPECT_EQ(*captured, "UklHSFQ=");
}

TEST_F(FingerprintGateTest, AFailedCaptureComesBackWithItsReason) {
  const auto s51 = reader("finger-S51");
  s51->fail(protocol::FingerprintFailure::PoorQuality);
  const wf::Result<std::string> failed =
      gate_->capture("S51", FingerprintPurpose::Verify, "clerk-a");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), wf::StatusCode::Conflict);
  EXPECT_NE(failed.status().message().find("质量不佳"), std::string::npos);
  EXPECT_EQ(failed.status().details().find("reason")->asString(), "poor-quality");
}

TEST_F(FingerprintGateTest, AMissingReaderIsToldAtOnce) {
  const wf::Result<std::string> offline =
      gate_->capture("S52", FingerprintPurpose::Verify, "clerk-a");
  ASSERT_FALSE(offline.ok());
  EXPECT_EQ(offline.status().code(), wf::StatusCode::Conflict);
  EXPECT_NE(offline.status().message().find("窗口指纹仪未连接"), std::string::npos);
  const wf::Result<std::string> none = gate_->capture("W01", FingerprintPurpose::Verify, "clerk-a");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), wf::StatusCode::InvalidArgument);
}

TEST_F(FingerprintGateTest, AReaderThatGoesAwayEndsTheWait) {
  auto s51 = reader("finger-S51");
  s51->stayQuiet();
  auto pending = captureLater("S51");
  ASSERT_TRUE(eventually([&] { return s51->captures().size() == 1; }));
  s51->close();
  ASSERT_EQ(pending.wait_for(10s), std::future_status::ready);  // not the 20 s deadline
  const wf::Result<std::string> gone = pending.get();
  ASSERT_FALSE(gone.ok());
  EXPECT_NE(gone.status().message().find("窗口指纹仪未连接"), std::string::npos);
}

TEST_F(FingerprintGateTest, AReaderCapturesForOneRequestAtATime) {
  const auto s51 = reader("finger-S51");
  s51->stayQuiet();
  auto pending = captureLater("S51");
  ASSERT_TRUE(eventually([&] { return s51->captures().size() == 1; }));
  const wf::Result<std::string> busy = gate_->capture("S51", FingerprintPurpose::Verify, "b");
  ASSERT_FALSE(busy.ok());
  EXPECT_NE(busy.status().message().find("正忙"), std::string::npos);
  ASSERT_TRUE(s51->send(protocol::Fingerprint{s51->captures()[0].request_id, "QUJD"}));
  EXPECT_TRUE(pending.get().ok());
}

TEST_F(FingerprintGateTest, ASilentReaderTimesOut) {
  start(200ms);
  const auto s51 = reader("finger-S51");
  s51->stayQuiet();
  const wf::Result<std::string> silent =
      gate_->capture("S51", FingerprintPurpose::Verify, "clerk-a");
  ASSERT_FALSE(silent.ok());
  EXPECT_EQ(silent.status().code(), wf::StatusCode::Conflict);
  EXPECT_NE(silent.status().message().find("指纹确认超时"), std::string::npos);
  EXPECT_NE(silent.status().message().find("200 毫秒"), std::string::npos);
  // A late answer is dropped, and the reader is free for the next capture.
  ASSERT_TRUE(s51->send(protocol::Fingerprint{s51->captures()[0].request_id, "QUJD"}));
  s51->press("QUJD");
  EXPECT_TRUE(gate_->capture("S51", FingerprintPurpose::Verify, "clerk-a").ok());
}

}  // namespace
}  // namespace portal::web
