#include "portal/web/front_desk_publisher.h"

#include <gtest/gtest.h>

#include "devices/protocol/message_codec.h"
#include "portal/web/api_client.h"
#include "portal/web/front_desk_routes.h"
#include "portal/web/test_device.h"
#include "portal/web/web_server.h"
#include "support/front_desk_harness.h"
#include "support/temp_dir.h"

namespace portal::web {
namespace {

namespace protocol = devices::protocol;
using testing::kTestDeviceSecret;
using testing::TestDevice;

constexpr const char* kToken = "front-desk-publisher-test-token";

std::string text(const Poco::JSON::Object::Ptr& data, const char* name) {
  return data && data->has(name) ? data->getValue<std::string>(name) : "<missing>";
}

// The front desk with its device hub and publisher on a real server: the
// hall's devices are DeviceClients over loopback WebSockets; kiosks call the
// API with their device key.
class FrontDeskPublisherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    hub_ = std::make_unique<DeviceHub>(deviceRecordsOf(hall_.layout()), kTestDeviceSecret,
                                       hall_.clock());
    publisher_ = std::make_unique<FrontDeskPublisher>(*hub_);
    hall_.useListener(publisher_.get());
    publisher_->setDesk(&hall_.desk());
    hub_->setListener([this](const DeviceStatus& s) { publisher_->deviceChanged(s); });

    Router router;
    routes_ = std::make_unique<FrontDeskRoutes>(hall_.desk());
    routes_->addTo(router);
    WebServerOptions options{.port = 0};
    options.device_keys = [](std::string_view id, std::string_view key) {
      return protocol::keysMatch(protocol::deviceKey(kTestDeviceSecret, id), key);
    };
    UpgradeRoutes upgrades{{std::string(protocol::kDevicePath), hub_->upgradeHandler()}};
    wf::Result<std::unique_ptr<WebServer>> server = testing::startServer(
        std::move(router), kToken, dir_.path(), std::move(options), std::move(upgrades));
    ASSERT_TRUE(server.ok()) << server.status().toString();
    server_ = std::move(server).value();
  }
  void TearDown() override {
    if (server_) server_->stop();
  }

  std::unique_ptr<TestDevice> device(const std::string& id) {
    auto d = std::make_unique<TestDevice>(server_->port(), id);
    const protocol::ConnectResult connected = d->connect();
    EXPECT_TRUE(connected.ok) << id << ": " << connected.error;
    return d;
  }

  // The displays of `topic` a device has been sent, once there are `count`.
  static std::vector<protocol::Display> shown(TestDevice& d, protocol::DisplayTopic topic,
                                              size_t count) {
    std::vector<protocol::Display> out;
    testing::eventually([&] {
      out.clear();
      for (const protocol::Display& m : d.receivedNow<protocol::Display>()) {
        if (m.topic == topic) out.push_back(m);
      }
      return out.size() >= count;
    });
    return out;
  }

  hall::test::FrontDeskHarness hall_;
  hall::test::TempDir dir_;
  std::unique_ptr<DeviceHub> hub_;
  std::unique_ptr<FrontDeskPublisher> publisher_;
  std::unique_ptr<FrontDeskRoutes> routes_;
  std::unique_ptr<WebServer> server_;
};

TEST_F(FrontDeskPublisherTest, ACallReachesItsWindowsStripTheWelcomeScreensAndTheZonesVoice) {
  auto strip = device("strip-W01");
  auto other_strip = device("strip-W02");
  auto led = device("led-1f");
  auto speaker = device("speaker-1f");
  auto speaker_2f = device("speaker-2f");
  hall_.issue("commerce");
  hall_.signIn({"W01"});
  ASSERT_TRUE(hall_.desk().callNext("W01")->has_value());

  for (TestDevice* d : {strip.get(), led.get()}) {
    const std::vector<protocol::Display> calls = shown(*d, protocol::DisplayTopic::Call, 1);
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(text(calls[0].data, "number"), "A001");
    EXPECT_EQ(calls[0].data->getValue<int>("windowNumber"), 1);
    EXPECT_EQ(text(calls[0].data, "queueName"), "商事登记");
    EXPECT_GT(calls[0].sent_at_ms, 0);
  }
  const std::vector<protocol::Command> said = speaker->received<protocol::Command>(1);
  ASSERT_EQ(said.size(), 1u);  // zone z1 speaks calls
  EXPECT_EQ(said[0].command, protocol::CommandKind::Announce);
  EXPECT_EQ(text(said[0].data, "number"), "A001");

  // The strip shows its window calling; another window's strip hears no call.
  const std::vector<protocol::Display> windows = shown(*strip, protocol::DisplayTopic::Window, 2);
  ASSERT_FALSE(windows.empty());
  EXPECT_EQ(text(windows.back().data, "state"), "calling");
  EXPECT_EQ(text(windows.back().data, "ticketNumber"), "A001");
  ASSERT_TRUE(hall_.desk().recall("W01").ok());
  ASSERT_EQ(shown(*led, protocol::DisplayTopic::Call, 2).size(), 2u);
  EXPECT_TRUE(shown(*other_strip, protocol::DisplayTopic::Call, 0).empty());
  EXPECT_TRUE(speaker_2f->receivedNow<protocol::Command>().empty());  // z2 is silent
}

TEST_F(FrontDeskPublisherTest, ATicketTakenAtAKioskShowsInTheQueuesOfTheScreens) {
  auto led = device("led-1f");
  auto other_kiosk = device("kiosk-1f-b");
  const testing::ApiClient api(server_->port());
  const std::string kiosk =
      "Device kiosk-1f-a:" + protocol::deviceKey(kTestDeviceSecret, "kiosk-1f-a");
  const testing::Reply issued =
      api.send("POST", "/api/v1/tickets", R"({"queue":"tax"})", "application/json", kiosk);
  ASSERT_EQ(issued.status, 201) << issued.body;

  for (TestDevice* d : {led.get(), other_kiosk.get()}) {
    const auto boards = shown(*d, protocol::DisplayTopic::Queues, 1);
    ASSERT_FALSE(boards.empty());
    Poco::JSON::Array::Ptr queues = boards.back().data->getArray("queues");
    int tax_waiting = -1;
    for (size_t i = 0; i < queues->size(); ++i) {
      Poco::JSON::Object::Ptr q = queues->getObject(static_cast<unsigned>(i));
      if (q->getValue<std::string>("id") == "tax") tax_waiting = q->getValue<int>("waiting");
    }
    EXPECT_EQ(tax_waiting, 1);
  }
  // A machine takes tickets and reads queues — nothing else, and no VIP.
  EXPECT_EQ(api.send("GET", "/api/v1/queues", "", "application/json", kiosk).status, 200);
  const testing::Reply vip =
      api.send("POST", "/api/v1/tickets", R"({"channel":"vip"})", "application/json", kiosk);
  EXPECT_EQ(vip.status, 403);
  EXPECT_EQ(vip.errorField(), "channel");
  EXPECT_EQ(api.send("POST", "/api/v1/windows/W11/call-next", "", "application/json", kiosk).status,
            403);
  const std::string forged = "Device kiosk-1f-a:" + protocol::deviceKey("guess", "kiosk-1f-a");
  EXPECT_EQ(api.send("GET", "/api/v1/queues", "", "application/json", forged).status, 401);
}

TEST_F(FrontDeskPublisherTest, ADeviceThatComesOnlineGetsTheHallAsItStands) {
  hall_.issue("commerce");
  hall_.signIn({"W01", "W02"});
  ASSERT_TRUE(hall_.desk().callNext("W01")->has_value());
  ASSERT_TRUE(hall_.desk().pause("W02").ok());

  auto strip = device("strip-W01");
  const auto snapshots = shown(*strip, protocol::DisplayTopic::Snapshot, 1);
  ASSERT_EQ(snapshots.size(), 1u);
  Poco::JSON::Array::Ptr windows = snapshots[0].data->getArray("windows");
  ASSERT_EQ(windows->size(), 1u);  // a strip gets its own window only
  EXPECT_EQ(windows->getObject(0)->getValue<std::string>("state"), "calling");
  EXPECT_EQ(windows->getObject(0)->getValue<std::string>("ticketNumber"), "A001");

  auto led = device("led-2f");
  const auto board = shown(*led, protocol::DisplayTopic::Snapshot, 1);
  ASSERT_EQ(board.size(), 1u);
  EXPECT_EQ(board[0].data->getArray("windows")->size(), hall_.layout().windows.size());
  Poco::JSON::Array::Ptr recent = board[0].data->getArray("recentCalls");
  ASSERT_EQ(recent->size(), 1u);
  EXPECT_EQ(recent->getObject(0)->getValue<std::string>("number"), "A001");
  EXPECT_EQ(board[0].data->getArray("queues")->size(), hall_.layout().queues.size());
}

}  // namespace
}  // namespace portal::web
