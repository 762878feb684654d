// DeviceFleet against the real `hall serve --demo` (the built binary, as an
// operator runs it): devices over real WebSockets, tickets and calls over the
// REST API, and what the screens received, with its latency.
#include "tools/devicesim/device_fleet.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "devices/protocol/device_key.h"
#include "support/temp_dir.h"
#include "tools/devicesim/fleet_plan.h"
#include "tools/devicesim/hall_api_client.h"
#include "tools/devicesim/hall_server_process.h"

namespace hall::devicesim {
namespace {

using namespace std::chrono_literals;

constexpr const char* kSecret = "devicesim-test-secret";
constexpr const char* kAdminToken = "devicesim-test-token";
// Bounds every wait for something the server sends; never reached when the
// server works (a call reaches the screens in milliseconds).
constexpr auto kDeadline = 5s;

const std::filesystem::path kModels = std::filesystem::path(HALL_SOURCE_DIR) / "models";

class DeviceFleetTest : public ::testing::Test {
 protected:
  // One server for the suite: starting it is most of the suite's time. Each
  // test uses devices and windows of its own.
  static void SetUpTestSuite() {
    dir_ = new hall::test::TempDir();
    HallServerOptions options;
    options.binary = HALL_BINARY;
    options.args = {"serve",    "--demo",        "--port",
                    "0",        "--db",          "sqlite:" + dir_->file("hall.db"),
                    "--models", kModels.string()};
    options.env = {{"HALL_DEVICE_SECRET", kSecret}, {"HALL_ADMIN_TOKEN", kAdminToken}};
    options.cwd = dir_->path();
    options.start_timeout = 20s;
    auto started = HallServerProcess::start(options);
    if (started.ok()) {
      server_ = std::move(started).value().release();
    } else {
      start_error_ = new std::string(started.status().message());
    }
  }
  static void TearDownTestSuite() {
    if (server_) {
      EXPECT_EQ(server_->stop(), 0) << server_->errorOutput();
    }
    delete server_;
    server_ = nullptr;
    delete start_error_;
    start_error_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(server_, nullptr) << (start_error_ ? *start_error_ : "");
    auto layout = loadHallLayout(kModels / "hall" / "changning.xml");
    ASSERT_TRUE(layout.ok()) << layout.status().message();
    layout_ = *layout;
  }

  FleetOptions fleetOptions(const std::string& secret = kSecret) const {
    FleetOptions o;
    o.host = server_->address().host;
    o.port = server_->address().port;
    o.secret = secret;
    o.connect_timeout = kDeadline;
    return o;
  }
  std::vector<FleetMember> plan(std::vector<std::string> ids) const {
    FleetRequest request;
    request.ids = std::move(ids);
    auto planned = planFleet(*layout_, request);
    EXPECT_TRUE(planned.ok()) << planned.status().message();
    return planned.ok() ? *planned : std::vector<FleetMember>{};
  }
  HallApiClient admin() const {
    return HallApiClient(server_->address(), HallApiClient::bearer(kAdminToken));
  }

  static hall::test::TempDir* dir_;
  static HallServerProcess* server_;
  static std::string* start_error_;
  std::shared_ptr<const hall::domain::HallLayout> layout_;
};

hall::test::TempDir* DeviceFleetTest::dir_ = nullptr;
HallServerProcess* DeviceFleetTest::server_ = nullptr;
std::string* DeviceFleetTest::start_error_ = nullptr;

TEST_F(DeviceFleetTest, TheWindowsStripAndTheWelcomeScreensGetTheCallWithItsLatency) {
  DeviceFleet fleet(fleetOptions());
  const std::vector<ConnectFailure> failures =
      fleet.connect(plan({"strip-W01", "led-1f", "led-2f", "kiosk-1f-a"}));
  ASSERT_TRUE(failures.empty()) << failures.front().device_id << ": " << failures.front().error;
  EXPECT_EQ(fleet.connectedCount(), 4u);

  // A visitor takes a ticket at the kiosk, with the kiosk's own key.
  const HallApiClient kiosk(
      server_->address(),
      HallApiClient::device("kiosk-1f-a", devices::protocol::deviceKey(kSecret, "kiosk-1f-a")));
  const ApiReply ticket = kiosk.post("/api/v1/tickets", R"({"queue":"commerce"})");
  ASSERT_EQ(ticket.status, 201) << ticket.body << ticket.error;
  const std::optional<std::string> number = ticket.stringMember("number");
  ASSERT_TRUE(number.has_value()) << ticket.body;

  const ApiReply signed_in = admin().post("/api/v1/windows/W01/sign-in", R"({"clerk":"test"})");
  ASSERT_EQ(signed_in.status, 200) << signed_in.body << signed_in.error;
  const ApiReply called = admin().post("/api/v1/windows/W01/call-next", "");
  ASSERT_EQ(called.status, 200) << called.body << called.error;
  ASSERT_EQ(called.stringMember("number"), number) << called.body;

  for (const char* device : {"strip-W01", "led-1f", "led-2f"}) {
    const std::optional<CallReceipt> receipt = fleet.awaitCall(device, *number, kDeadline);
    ASSERT_TRUE(receipt.has_value()) << device << " got no call of " << *number;
    EXPECT_EQ(receipt->window, "W01") << device;
    EXPECT_FALSE(receipt->recall);
    EXPECT_GE(receipt->fromCallMs(), 0) << device;
    EXPECT_GE(receipt->fromSentMs(), 0) << device;
    EXPECT_GE(receipt->sent_at_ms, receipt->at_ms) << device;
    EXPECT_LT(receipt->fromCallMs(), std::chrono::milliseconds(kDeadline).count()) << device;
  }

  const std::vector<KindReport> report = fleet.report();
  const auto of = [&](const std::string& kind) {
    return *std::find_if(report.begin(), report.end(),
                         [&](const KindReport& k) { return k.kind == kind; });
  };
  EXPECT_EQ(of("window-strip").call_from_at.count, 1u);
  EXPECT_EQ(of("welcome-screen").call_from_at.count, 2u);
  EXPECT_EQ(of("welcome-screen").devices, 2u);
  // A kiosk shows queues, not calls; every device had its snapshot first.
  EXPECT_EQ(of("ticket-kiosk").call_from_at.count, 0u);
  for (const KindReport& k : report) EXPECT_EQ(k.by_type.at("display/snapshot"), k.devices);
  EXPECT_EQ(fleet.malformedCalls(), 0u);
  fleet.close();
  EXPECT_TRUE(fleet.drops().empty());
}

TEST_F(DeviceFleetTest, AWrongSecretIsRefusedOnTheSocketAndOnTheApi) {
  DeviceFleet fleet(fleetOptions("not-the-hall-secret"));
  const std::vector<ConnectFailure> failures = fleet.connect(plan({"strip-W02", "kiosk-1f-b"}));
  ASSERT_EQ(failures.size(), 2u);
  for (const ConnectFailure& f : failures) {
    ASSERT_TRUE(f.refusal.has_value()) << f.device_id << ": " << f.error;
    EXPECT_EQ(f.refusal->code, devices::protocol::ErrorCode::BadKey) << f.device_id;
  }
  EXPECT_EQ(fleet.connectedCount(), 0u);

  const HallApiClient kiosk(
      server_->address(),
      HallApiClient::device("kiosk-1f-b",
                            devices::protocol::deviceKey("not-the-hall-secret", "kiosk-1f-b")));
  EXPECT_EQ(kiosk.post("/api/v1/tickets", R"({"queue":"commerce"})").status, 401);
}

}  // namespace
}  // namespace hall::devicesim
