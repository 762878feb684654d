// The device hub over real loopback WebSockets: devices are DeviceClients
// (or, to break the protocol on purpose, bare Poco WebSockets) talking to a
// WebServer on port 0, and time is a FakeClock the tests move, with sweep()
// run right after — no sleeping for time to pass. Waits are for conditions,
// each bounded by a deadline.
#include "portal/web/device_hub.h"

#include <Poco/Buffer.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "devices/protocol/device_client.h"
#include "devices/protocol/device_key.h"
#include "devices/protocol/message_codec.h"
#include "portal/domain/hall_layout_reader.h"
#include "portal/web/api_client.h"
#include "portal/web/device_routes.h"
#include "portal/web/test_device.h"
#include "portal/web/web_server.h"
#include "support/fake_clock.h"
#include "support/fixtures.h"

namespace portal::web {
namespace {

namespace protocol = devices::protocol;
using testing::eventually;
using testing::kDeadline;
using testing::TestDevice;
using namespace std::chrono_literals;

constexpr const char* kSecret = testing::kTestDeviceSecret;
constexpr const char* kToken = "test-token-0123456789";

Poco::JSON::Object::Ptr json(const std::string& text) {
  const protocol::Decoded<Poco::JSON::Object::Ptr> parsed = protocol::parseObject(text);
  return parsed.ok() ? *parsed : nullptr;
}

std::vector<DeviceRecord> smallHall() {
  return {
      {"strip-W01", "window-strip", "z1", "W01"}, {"strip-W02", "window-strip", "z1", "W02"},
      {"led-1f", "welcome-screen", "z1", ""},     {"led-2f", "welcome-screen", "z2", ""},
      {"speaker-1f", "broadcast", "z1", ""},      {"kiosk-1f-a", "ticket-kiosk", "z1", ""},
  };
}

// A bare WebSocket, for what DeviceClient never does: breaking the protocol,
// or not reading at all.
class RawDevice {
 public:
  explicit RawDevice(uint16_t port) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET,
                                   std::string(protocol::kDevicePath),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    Poco::Net::HTTPResponse response;
    socket_ = std::make_unique<Poco::Net::WebSocket>(session, request, response);
    socket_->setReceiveTimeout(Poco::Timespan(20, 0));
  }

  void send(const std::string& text) {
    socket_->sendFrame(text.data(), static_cast<int>(text.size()),
                       Poco::Net::WebSocket::FRAME_TEXT);
  }

  void registerAs(const std::string& id) {
    send(protocol::encode(protocol::Register{id, protocol::deviceKey(kSecret, id), "raw"}));
  }

  // The next text message from the server.
  protocol::ServerMessage receive() {
    for (;;) {
      Poco::Buffer<char> buffer(0);
      int flags = 0;
      const int n = socket_->receiveFrame(buffer, flags);
      const int opcode = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
      if (opcode == Poco::Net::WebSocket::FRAME_OP_TEXT) {
        const protocol::Decoded<protocol::ServerMessage> decoded =
            protocol::decodeServerMessage(std::string(buffer.begin(), static_cast<size_t>(n)));
        if (decoded.ok()) return *decoded;
        ADD_FAILURE() << "undecodable: " << decoded.error().message;
        return protocol::ErrorMessage{};
      }
      if (n == 0 && flags == 0) {
        ADD_FAILURE() << "the connection ended";
        return protocol::ErrorMessage{};
      }
    }
  }

  // Reads up to the server's close frame and returns its code (0 when the
  // connection ended without one).
  int closeCode() {
    for (;;) {
      Poco::Buffer<char> buffer(0);
      int flags = 0;
      int n = 0;
      try {
        n = socket_->receiveFrame(buffer, flags);
      } catch (const Poco::Exception&) {
        return 0;
      }
      if (n == 0 && flags == 0) return 0;
      if ((flags & Poco::Net::WebSocket::FRAME_OP_BITMASK) ==
          Poco::Net::WebSocket::FRAME_OP_CLOSE) {
        return n >= 2 ? (static_cast<unsigned char>(buffer[0]) << 8) |
                            static_cast<unsigned char>(buffer[1])
                      : 1005;
      }
    }
  }

 private:
  std::unique_ptr<Poco::Net::WebSocket> socket_;
};

class DeviceHubTest : public ::testing::Test {
 protected:
  void SetUp() override { start(smallHall()); }
  void TearDown() override { stop(); }

  void start(std::vector<DeviceRecord> devices, DeviceHubOptions options = {}) {
    stop();
    hub_ = std::make_unique<DeviceHub>(std::move(devices), kSecret, clock_, options);
    hub_->setListener([this](const DeviceStatus& status) {
      std::lock_guard<std::mutex> lock(mutex_);
      changes_.push_back(status.id + " " + status.state);
    });
    routes_ = std::make_unique<DeviceRoutes>(*hub_);
    Router router;
    routes_->addTo(router);
    WebServerOptions web_options;
    web_options.port = 0;
    wf::Result<AdminToken> token = AdminToken::load(std::string(kToken), dir_.path());
    ASSERT_TRUE(token.ok());
    UpgradeRoutes upgrades{{std::string(protocol::kDevicePath), hub_->upgradeHandler()}};
    wf::Result<std::unique_ptr<WebServer>> server = WebServer::start(
        std::move(router), std::move(token).value(), web_options, std::move(upgrades));
    ASSERT_TRUE(server.ok()) << server.status().toString();
    server_ = std::move(server).value();
  }

  void stop() {
    server_.reset();  // first: its upgrade route refers to the hub
    routes_.reset();
    hub_.reset();
  }

  uint16_t port() const { return server_->port(); }
  std::string state(const std::string& id) const { return hub_->device(id)->state; }
  void advance(std::chrono::milliseconds by) {
    clock_.advance(by);
    hub_->sweep(clock_.now());
  }
  std::vector<std::string> changes() {
    std::lock_guard<std::mutex> lock(mutex_);
    return changes_;
  }

  hall::test::FakeClock clock_;
  testing::TempDir dir_;
  std::unique_ptr<DeviceHub> hub_;
  std::unique_ptr<DeviceRoutes> routes_;
  std::unique_ptr<WebServer> server_;
  std::mutex mutex_;
  std::vector<std::string> changes_;
};

TEST_F(DeviceHubTest, AKnownDeviceRegistersAndReceivesAPublish) {
  TestDevice strip(port(), "strip-W01");
  const protocol::ConnectResult connected = strip.connect();
  ASSERT_TRUE(connected.ok) << connected.error;
  const protocol::Registered registered = *strip.client().registration();
  EXPECT_EQ(registered, (protocol::Registered{"strip-W01", "window-strip", "z1", "W01", 10}));

  const DeviceStatus status = *hub_->device("strip-W01");
  EXPECT_EQ(status.state, "online");
  EXPECT_EQ(status.last_seen_ms, wf::toEpochMillis(clock_.now()));
  EXPECT_EQ(status.remote.rfind("127.0.0.1:", 0), 0u) << status.remote;
  EXPECT_EQ(status.software, "test-device 1.0");

  EXPECT_EQ(hub_->publish(protocol::Display{protocol::DisplayTopic::Call,
                                            json(R"({"ticket":"A001","window":"W01"})"), 0}),
            1u);
  const std::vector<protocol::Display> displays = strip.received<protocol::Display>(1);
  ASSERT_EQ(displays.size(), 1u);
  EXPECT_EQ(displays[0].topic, protocol::DisplayTopic::Call);
  EXPECT_EQ(displays[0].data->getValue<std::string>("ticket"), "A001");
  EXPECT_EQ(displays[0].sent_at_ms, wf::toEpochMillis(clock_.now()));  // stamped by the hub

  EXPECT_EQ(hub_->publish(protocol::Command{protocol::CommandKind::Reload, nullptr}), 1u);
  EXPECT_EQ(strip.received<protocol::Command>(1).size(), 1u);
}

TEST_F(DeviceHubTest, HeartbeatsAreAcknowledgedAtTheIntervalTheServerGives) {
  DeviceHubOptions options;
  options.heartbeat_interval = 1s;
  start(smallHall(), options);
  TestDevice kiosk(port(), "kiosk-1f-a");
  ASSERT_TRUE(kiosk.connect().ok);
  EXPECT_EQ(kiosk.client().registration()->heartbeat_seconds, 1);
  // The client's own thread beats once a second; the acks carry its numbers.
  const std::vector<protocol::HeartbeatAck> acks = kiosk.received<protocol::HeartbeatAck>(2);
  ASSERT_GE(acks.size(), 2u);
  EXPECT_EQ(acks[0].seq, 1);
  EXPECT_EQ(acks[1].seq, 2);
  // The client counts a beat once written, which may be after its ack came.
  EXPECT_TRUE(eventually([&] { return kiosk.client().heartbeatsSent() >= 2; }));
}

TEST_F(DeviceHubTest, ADeviceWhoseHeartbeatsStopGoesOfflineAndIsDisconnected) {
  TestDevice strip(port(), "strip-W02");
  ASSERT_TRUE(strip.connect().ok);
  // Three beats of 10 s may go missing; a fourth may not.
  advance(29s);
  EXPECT_EQ(state("strip-W02"), "online");
  advance(2s);
  EXPECT_EQ(state("strip-W02"), "offline");
  const std::optional<protocol::CloseReason> closed = strip.closed();
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(closed->code, protocol::kClosePolicyViolation);
  EXPECT_EQ(closed->reason, "no heartbeat for 30 s");
  EXPECT_EQ(changes(), (std::vector<std::string>{"strip-W02 online", "strip-W02 offline"}));
  EXPECT_EQ(hub_->publish(protocol::Display{protocol::DisplayTopic::Notice, nullptr, 0}), 0u);
}

TEST_F(DeviceHubTest, AHeartbeatKeepsTheDeviceOnline) {
  RawDevice strip(port());
  strip.registerAs("strip-W01");
  ASSERT_TRUE(std::holds_alternative<protocol::Registered>(strip.receive()));
  advance(25s);
  strip.send(protocol::encode(protocol::Heartbeat{7}));
  EXPECT_EQ(std::get<protocol::HeartbeatAck>(strip.receive()).seq, 7);
  advance(25s);  // 50 s since it registered, 25 s since its heartbeat
  EXPECT_EQ(state("strip-W01"), "online");
  EXPECT_EQ(hub_->device("strip-W01")->last_seen_ms, wf::toEpochMillis(clock_.now() - 25s));
}

TEST_F(DeviceHubTest, AnUnknownDeviceIsRefusedAndClosed) {
  TestDevice stranger(port(), "strip-W99");
  const protocol::ConnectResult connected = stranger.connect();
  ASSERT_FALSE(connected.ok);
  ASSERT_TRUE(connected.refusal.has_value()) << connected.error;
  EXPECT_EQ(connected.refusal->code, protocol::ErrorCode::UnknownDevice);
  EXPECT_EQ(connected.refusal->message, "deviceId: no device strip-W99 in the hall layout");
  EXPECT_EQ(stranger.closed()->code, protocol::kClosePolicyViolation);
  EXPECT_TRUE(eventually([&] { return hub_->connectionCount() == 0; }));
}

TEST_F(DeviceHubTest, AWrongKeyIsRefusedAndClosed) {
  TestDevice impostor(port(), "strip-W01", protocol::deviceKey(kSecret, "strip-W02"));
  const protocol::ConnectResult connected = impostor.connect();
  ASSERT_FALSE(connected.ok);
  ASSERT_TRUE(connected.refusal.has_value()) << connected.error;
  EXPECT_EQ(connected.refusal->code, protocol::ErrorCode::BadKey);
  EXPECT_EQ(impostor.closed()->code, protocol::kClosePolicyViolation);
  EXPECT_EQ(state("strip-W01"), "offline");

  TestDevice other_secret(port(), "strip-W01", protocol::deviceKey("another hall", "strip-W01"));
  ASSERT_FALSE(other_secret.connect().ok);
  EXPECT_TRUE(changes().empty());
}

TEST_F(DeviceHubTest, RegisterMustBeTheFirstMessage) {
  RawDevice device(port());
  device.send(protocol::encode(protocol::Heartbeat{1}));
  const auto error = std::get<protocol::ErrorMessage>(device.receive());
  EXPECT_EQ(error.code, protocol::ErrorCode::NotRegistered);
  EXPECT_EQ(error.message, "register first: the first message must be register, not heartbeat");
  EXPECT_EQ(device.closeCode(), protocol::kClosePolicyViolation);
}

TEST_F(DeviceHubTest, AMalformedFirstMessageIsRefusedAndClosed) {
  RawDevice device(port());
  device.send(R"({"type":"register","deviceId":"strip W01","key":"k"})");
  const auto error = std::get<protocol::ErrorMessage>(device.receive());
  EXPECT_EQ(error.code, protocol::ErrorCode::BadMessage);
  EXPECT_EQ(error.message, "deviceId: expected 1 to 64 letters, digits, '.', '_' or '-'");
  EXPECT_EQ(device.closeCode(), protocol::kClosePolicyViolation);
}

TEST_F(DeviceHubTest, AMalformedMessageAfterRegisteringIsAnsweredAndTheConnectionStays) {
  RawDevice device(port());
  device.registerAs("led-1f");
  ASSERT_TRUE(std::holds_alternative<protocol::Registered>(device.receive()));

  device.send(R"({"type":"heartbeat","seq":"x"})");
  auto error = std::get<protocol::ErrorMessage>(device.receive());
  EXPECT_EQ(error.code, protocol::ErrorCode::BadMessage);
  EXPECT_EQ(error.message, "seq: expected an integer, got a string");

  device.send("not json");
  error = std::get<protocol::ErrorMessage>(device.receive());
  EXPECT_EQ(error.code, protocol::ErrorCode::BadMessage);

  device.registerAs("led-1f");
  error = std::get<protocol::ErrorMessage>(device.receive());
  EXPECT_EQ(error.message,
            "type: already registered as led-1f; register is the first message only");

  device.send(protocol::encode(protocol::Heartbeat{3}));
  EXPECT_EQ(std::get<protocol::HeartbeatAck>(device.receive()).seq, 3);
  EXPECT_EQ(state("led-1f"), "online");
}

TEST_F(DeviceHubTest, AConnectionThatDoesNotRegisterInTimeIsClosed) {
  RawDevice early(port());
  advance(4s);
  RawDevice late(port());
  early.registerAs("strip-W01");  // within 5 s of opening: accepted
  ASSERT_TRUE(std::holds_alternative<protocol::Registered>(early.receive()));
  advance(6s);  // `late` has been silent for 6 s
  EXPECT_EQ(late.closeCode(), protocol::kClosePolicyViolation);
  EXPECT_EQ(state("strip-W01"), "online");
}

TEST_F(DeviceHubTest, AFaultPutsTheDeviceInFaultUntilItClears) {
  TestDevice kiosk(port(), "kiosk-1f-a");
  ASSERT_TRUE(kiosk.connect().ok);
  ASSERT_TRUE(kiosk.client().reportFault("paper-out", "缺纸"));
  ASSERT_TRUE(eventually([&] { return state("kiosk-1f-a") == "fault"; }));
  EXPECT_EQ(hub_->device("kiosk-1f-a")->faults, std::vector<std::string>{"paper-out"});

  ASSERT_TRUE(kiosk.client().reportFault("printer-cover-open", "打印机盖未关"));
  ASSERT_TRUE(eventually([&] { return hub_->device("kiosk-1f-a")->faults.size() == 2; }));
  ASSERT_TRUE(kiosk.client().clearFault("paper-out"));
  ASSERT_TRUE(eventually([&] { return hub_->device("kiosk-1f-a")->faults.size() == 1; }));
  EXPECT_EQ(state("kiosk-1f-a"), "fault");
  ASSERT_TRUE(kiosk.client().clearFault("printer-cover-open"));
  ASSERT_TRUE(eventually([&] { return state("kiosk-1f-a") == "online"; }));
  EXPECT_TRUE(hub_->device("kiosk-1f-a")->faults.empty());

  EXPECT_EQ(changes(),
            (std::vector<std::string>{"kiosk-1f-a online", "kiosk-1f-a fault", "kiosk-1f-a fault",
                                      "kiosk-1f-a fault", "kiosk-1f-a online"}));
}

TEST_F(DeviceHubTest, APublishReachesOnlyTheDevicesItsFilterMatches) {
  std::vector<std::unique_ptr<TestDevice>> devices;
  for (const DeviceRecord& record : smallHall()) {
    devices.push_back(std::make_unique<TestDevice>(port(), record.id));
    ASSERT_TRUE(devices.back()->connect().ok) << record.id;
  }
  auto notice = [](const std::string& text) {
    return protocol::Display{protocol::DisplayTopic::Notice, json(R"({"text":")" + text + R"("})"),
                             0};
  };
  DeviceFilter screens;
  screens.kinds = {"welcome-screen"};
  EXPECT_EQ(hub_->publish(notice("screens"), screens), 2u);
  DeviceFilter second_floor;
  second_floor.zone = "z2";
  EXPECT_EQ(hub_->publish(notice("z2"), second_floor), 1u);
  DeviceFilter window_two;
  window_two.window = "W02";
  EXPECT_EQ(hub_->publish(notice("W02"), window_two), 1u);
  DeviceFilter strips_and_speakers_of_z1;
  strips_and_speakers_of_z1.kinds = {"window-strip", "broadcast"};
  strips_and_speakers_of_z1.zone = "z1";
  EXPECT_EQ(hub_->publish(notice("z1 strips and speakers"), strips_and_speakers_of_z1), 3u);
  // Last, to everyone: each device's messages arrive in order, so whatever a
  // device got before this one is all the filtered publishes reached it.
  EXPECT_EQ(hub_->publish(notice("all")), 6u);

  const std::map<std::string, std::vector<std::string>> expected = {
      {"strip-W01", {"z1 strips and speakers", "all"}},
      {"strip-W02", {"W02", "z1 strips and speakers", "all"}},
      {"led-1f", {"screens", "all"}},
      {"led-2f", {"screens", "z2", "all"}},
      {"speaker-1f", {"z1 strips and speakers", "all"}},
      {"kiosk-1f-a", {"all"}},
  };
  for (size_t i = 0; i < devices.size(); ++i) {
    const std::string id = smallHall()[i].id;
    std::vector<std::string> texts;
    for (const protocol::Display& d :
         devices[i]->received<protocol::Display>(expected.at(id).size())) {
      texts.push_back(d.data->getValue<std::string>("text"));
    }
    EXPECT_EQ(texts, expected.at(id)) << id;
  }
}

TEST_F(DeviceHubTest, TwoHundredDevicesAllReceiveOnePublishAndRestIsStillServed) {
  constexpr size_t kDevices = 200;
  std::vector<DeviceRecord> hall;
  for (size_t i = 1; i <= kDevices; ++i) {
    const std::string n = std::to_string(1000 + i).substr(1);
    hall.push_back({"strip-" + n, "window-strip", i % 2 == 0 ? "z1" : "z2", "W" + n});
  }
  start(hall);

  // Connected from four threads at once, as a hall switching on would.
  std::vector<std::unique_ptr<TestDevice>> devices(kDevices);
  std::vector<std::thread> connectors;
  std::atomic<size_t> failures{0};
  for (size_t t = 0; t < 4; ++t) {
    connectors.emplace_back([&, t] {
      for (size_t i = t; i < kDevices; i += 4) {
        devices[i] = std::make_unique<TestDevice>(port(), hall[i].id);
        if (!devices[i]->connect().ok) ++failures;
      }
    });
  }
  for (std::thread& t : connectors) t.join();
  ASSERT_EQ(failures.load(), 0u);
  EXPECT_EQ(hub_->connectionCount(), kDevices);

  // The web server has 16 worker threads; 200 open WebSockets hold none.
  std::vector<std::future<int>> health;
  for (int i = 0; i < 20; ++i) {
    health.push_back(std::async(std::launch::async,
                                [&] { return testing::ApiClient(port()).get("/health").status; }));
  }
  for (std::future<int>& reply : health) {
    ASSERT_EQ(reply.wait_for(kDeadline), std::future_status::ready);
    EXPECT_EQ(reply.get(), 200);
  }

  EXPECT_EQ(hub_->publish(
                protocol::Display{protocol::DisplayTopic::Queues, json(R"({"commerce":12})"), 0}),
            kDevices);
  for (size_t i = 0; i < kDevices; ++i) {
    ASSERT_EQ(devices[i]->received<protocol::Display>(1).size(), 1u) << hall[i].id;
  }
  const std::vector<DeviceStatus> statuses = hub_->devices();
  EXPECT_EQ(std::count_if(statuses.begin(), statuses.end(),
                          [](const DeviceStatus& s) { return s.state == "online"; }),
            static_cast<long>(kDevices));
}

TEST_F(DeviceHubTest, ADeviceThatDoesNotReadNeitherBlocksPublishNorHoldsMemory) {
  DeviceHubOptions options;
  options.max_queued_bytes = 512 * 1024;
  start(smallHall(), options);
  RawDevice stalled(port());
  stalled.registerAs("strip-W01");
  ASSERT_TRUE(std::holds_alternative<protocol::Registered>(stalled.receive()));
  // From here on `stalled` reads nothing.
  TestDevice reader(port(), "strip-W02");
  ASSERT_TRUE(reader.connect().ok);

  const std::string big = std::string(64 * 1024, 'x');
  constexpr size_t kPublishes = 400;  // 25 MiB: past what the kernel's buffers hold
  for (size_t i = 1; i <= kPublishes; ++i) {
    hub_->publish(
        protocol::Display{protocol::DisplayTopic::Notice,
                          json(R"({"n":)" + std::to_string(i) + R"(,"text":")" + big + "\"}"), 0});
    ASSERT_EQ(reader.received<protocol::Display>(i).size(), i);
  }
  // Its queue overflowed: disconnected, and offline.
  EXPECT_TRUE(eventually([&] { return state("strip-W01") == "offline"; }));
  EXPECT_EQ(state("strip-W02"), "online");
  EXPECT_EQ(reader.receivedNow<protocol::Display>().back().data->getValue<int>("n"),
            static_cast<int>(kPublishes));
}

TEST_F(DeviceHubTest, ANewConnectionOfTheSameDeviceReplacesTheOldOne) {
  TestDevice first(port(), "led-2f");
  ASSERT_TRUE(first.connect().ok);
  TestDevice second(port(), "led-2f");
  ASSERT_TRUE(second.connect().ok);
  EXPECT_EQ(first.closed()->code, protocol::kClosePolicyViolation);
  EXPECT_EQ(state("led-2f"), "online");
  EXPECT_EQ(hub_->publish(protocol::Command{protocol::CommandKind::Reload, nullptr}), 1u);
  EXPECT_EQ(second.received<protocol::Command>(1).size(), 1u);
  EXPECT_EQ(changes(),
            (std::vector<std::string>{"led-2f online", "led-2f offline", "led-2f online"}));
}

TEST_F(DeviceHubTest, ADisconnectedDeviceGoesOffline) {
  auto led = std::make_unique<TestDevice>(port(), "led-1f");
  ASSERT_TRUE(led->connect().ok);
  led->client().close();
  EXPECT_EQ(led->client().closeReason()->code, protocol::kCloseNormal);
  EXPECT_TRUE(eventually([&] { return state("led-1f") == "offline"; }));
  EXPECT_TRUE(eventually([&] { return hub_->connectionCount() == 0; }));
}

TEST_F(DeviceHubTest, DevicesAreListedOverRest) {
  TestDevice strip(port(), "strip-W01");
  ASSERT_TRUE(strip.connect().ok);
  const testing::ApiClient api(port(), kToken);

  const testing::Reply all = api.get("/api/v1/devices");
  ASSERT_EQ(all.status, 200) << all.body;
  ASSERT_TRUE(all.json.isArray());
  ASSERT_EQ(all.json.asArray().size(), smallHall().size());

  const testing::Reply one = api.get("/api/v1/devices/strip-W01");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json.find("state")->asString(), "online");
  EXPECT_EQ(one.json.find("kind")->asString(), "window-strip");
  EXPECT_EQ(one.json.find("window")->asString(), "W01");
  EXPECT_EQ(one.json.find("lastSeen")->asString(), "2026-10-01T00:00:00.000Z");
  EXPECT_TRUE(one.json.find("faults")->isArray());

  EXPECT_EQ(api.get("/api/v1/devices/strip-W99").status, 404);
  EXPECT_EQ(api.withToken(std::nullopt).get("/api/v1/devices").status, 401);
}

TEST_F(DeviceHubTest, TheUpgradePathNeedsAWebSocketHandshakeButNoToken) {
  const testing::ApiClient anonymous(port());
  const testing::Reply plain = anonymous.get("/ws/devices");
  EXPECT_EQ(plain.status, 400);
  EXPECT_EQ(plain.errorCode(), "BAD_HANDSHAKE");
  EXPECT_EQ(anonymous.post("/ws/devices", "{}").status, 405);
  EXPECT_EQ(anonymous.get("/ws/elsewhere").status, 404);
}

TEST(DeviceRecords, ComeFromTheHallLayoutWithAWindowsZone) {
  const std::string path = std::string(HALL_SOURCE_DIR) + "/models/hall/changning.xml";
  const hall::domain::ReadHallLayoutResult read =
      hall::domain::readHallLayout(path, hall::test::readFile(path));
  ASSERT_NE(read.layout, nullptr);
  const std::vector<DeviceRecord> records = deviceRecordsOf(*read.layout);
  EXPECT_EQ(records.size(), read.layout->devices.size());
  const auto strip = std::find_if(records.begin(), records.end(),
                                  [](const DeviceRecord& r) { return r.id == "strip-W01"; });
  ASSERT_NE(strip, records.end());
  EXPECT_EQ(strip->kind, "window-strip");
  EXPECT_EQ(strip->window, "W01");
  EXPECT_EQ(strip->zone, "z1");
  const auto led = std::find_if(records.begin(), records.end(),
                                [](const DeviceRecord& r) { return r.id == "led-2f"; });
  ASSERT_NE(led, records.end());
  EXPECT_EQ(led->kind, "welcome-screen");
  EXPECT_EQ(led->zone, "z2");
}

}  // namespace
}  // namespace portal::web
