// DeviceClient against a scripted server: a Poco HTTPServer on port 0 whose
// one handler plays the hall's part as each test needs (the hall's own
// server is tested with the client in tests/portal/web/device_hub_test.cpp).
#include "devices/protocol/device_client.h"

#include <Poco/Buffer.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/WebSocket.h>
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "devices/protocol/message_codec.h"

namespace devices::protocol {
namespace {

using namespace std::chrono_literals;
using Poco::Net::WebSocket;

constexpr int kFinalPing =
    static_cast<int>(WebSocket::FRAME_FLAG_FIN) | static_cast<int>(WebSocket::FRAME_OP_PING);

// What the scripted server does with one accepted WebSocket.
using Script = std::function<void(WebSocket&)>;

// Runs the script for each connection; the destructor aborts the
// connections and waits until every script has returned, so a script may
// refer to the test's locals.
class ScriptedServer {
 public:
  explicit ScriptedServer(Script script)
      : script_(std::move(script)), socket_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    auto params = Poco::AutoPtr<Poco::Net::HTTPServerParams>(new Poco::Net::HTTPServerParams);
    params->setMaxThreads(4);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), socket_, params);
    server_->start();
  }
  ~ScriptedServer() {
    server_->stopAll(true);
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return running_ == 0; });
  }

  uint16_t port() const { return socket_.address().port(); }

 private:
  void run(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++running_;
    }
    try {
      WebSocket socket(request, response);
      script_(socket);
    } catch (const Poco::Exception&) {
      // The client went away mid-script: nothing to do.
    }
    std::lock_guard<std::mutex> lock(mutex_);
    --running_;
    done_.notify_all();
  }

  class Handler final : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Handler(ScriptedServer& server) : server_(server) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
      server_.run(request, response);
    }

   private:
    ScriptedServer& server_;
  };
  class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
   public:
    explicit Factory(ScriptedServer& server) : server_(server) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
      return new Handler(server_);
    }

   private:
    ScriptedServer& server_;
  };

  const Script script_;
  Poco::Net::ServerSocket socket_;
  std::mutex mutex_;
  std::condition_variable done_;
  int running_ = 0;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

std::string receiveText(WebSocket& socket, int* opcode = nullptr) {
  Poco::Buffer<char> buffer(0);
  int flags = 0;
  const int n = socket.receiveFrame(buffer, flags);
  if (opcode != nullptr) *opcode = flags & WebSocket::FRAME_OP_BITMASK;
  return std::string(buffer.begin(), static_cast<size_t>(n));
}

void sendText(WebSocket& socket, const std::string& text) {
  socket.sendFrame(text.data(), static_cast<int>(text.size()), WebSocket::FRAME_TEXT);
}

// Reads until the client closes, so the script holds its connection open;
// answers the client's close frame unless the script sent its own first.
void drain(WebSocket& socket, bool answer_close = true) {
  for (;;) {
    int opcode = 0;
    receiveText(socket, &opcode);
    if (opcode == 0) return;
    if (opcode == WebSocket::FRAME_OP_CLOSE) {
      if (answer_close) socket.shutdown(1000, "");
      return;
    }
  }
}

DeviceClientOptions optionsFor(uint16_t port) {
  DeviceClientOptions options;
  options.port = port;
  options.device_id = "speaker-1f";
  options.key = "k";
  options.connect_timeout = 5s;
  return options;
}

// Collects what the client hands over, for the test thread to wait on.
class Recorder {
 public:
  void message(const ServerMessage& m) {
    std::lock_guard<std::mutex> lock(mutex_);
    messages_.push_back(encode(m));
    changed_.notify_all();
  }
  void closed(const CloseReason& reason) {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = reason;
    changed_.notify_all();
  }
  std::optional<CloseReason> waitClosed(std::chrono::seconds limit) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, limit, [&] { return closed_.has_value(); });
    return closed_;
  }
  std::vector<std::string> messages() {
    std::lock_guard<std::mutex> lock(mutex_);
    return messages_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> messages_;
  std::optional<CloseReason> closed_;
};

TEST(DeviceClient, RegistersFirstAndHandsOnEveryServerMessage) {
  std::promise<std::string> first;
  ScriptedServer server([&](WebSocket& socket) {
    first.set_value(receiveText(socket));
    sendText(socket, encode(Registered{"speaker-1f", "broadcast", "z1", "", 30}));
    sendText(socket, encode(Command{CommandKind::Announce, nullptr}));
    sendText(socket, R"({"type":"weather","sky":"clear"})");  // from a newer server: skipped
    sendText(socket, encode(Command{CommandKind::Reload, nullptr}));
    drain(socket);
  });
  Recorder recorder;
  DeviceClientOptions options = optionsFor(server.port());
  options.software = "speaker-fw 1.2";
  DeviceClient client(
      options, [&](const ServerMessage& m) { recorder.message(m); },
      [&](const CloseReason& r) { recorder.closed(r); });
  const ConnectResult result = client.connect();
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(first.get_future().get(), encode(Register{"speaker-1f", "k", "speaker-fw 1.2"}));
  EXPECT_EQ(client.registration()->heartbeat_seconds, 30);
  client.close();  // waits for the reader: every message is in
  EXPECT_EQ(recorder.messages(),
            (std::vector<std::string>{encode(Registered{"speaker-1f", "broadcast", "z1", "", 30}),
                                      encode(Command{CommandKind::Announce, nullptr}),
                                      encode(Command{CommandKind::Reload, nullptr})}));
  EXPECT_EQ(recorder.waitClosed(5s)->code, 1000);
  EXPECT_FALSE(client.connected());
  EXPECT_FALSE(client.send(Heartbeat{1}));
}

TEST(DeviceClient, ReportsTheServersRefusal) {
  ScriptedServer server([](WebSocket& socket) {
    receiveText(socket);
    sendText(socket,
             encode(ErrorMessage{ErrorCode::BadKey, "key: not the key of device speaker-1f"}));
    socket.shutdown(1008, "bad-key");
    drain(socket, /*answer_close=*/false);
  });
  Recorder recorder;
  DeviceClient client(
      optionsFor(server.port()), [&](const ServerMessage& m) { recorder.message(m); },
      [&](const CloseReason& r) { recorder.closed(r); });
  const ConnectResult result = client.connect();
  EXPECT_FALSE(result.ok);
  ASSERT_TRUE(result.refusal.has_value());
  EXPECT_EQ(result.refusal->code, ErrorCode::BadKey);
  EXPECT_NE(result.error.find("bad-key: key: not the key of device speaker-1f"), std::string::npos)
      << result.error;
  const std::optional<CloseReason> closed = recorder.waitClosed(5s);
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(closed->code, 1008);
  EXPECT_EQ(closed->reason, "bad-key");
}

TEST(DeviceClient, GivesUpOnAServerThatFallsSilent) {
  ScriptedServer server([](WebSocket& socket) {
    receiveText(socket);
    sendText(socket, encode(Registered{"speaker-1f", "broadcast", "z1", "", 1}));
    drain(socket);  // reads the heartbeats, acknowledges none
  });
  Recorder recorder;
  DeviceClient client(
      optionsFor(server.port()), [&](const ServerMessage& m) { recorder.message(m); },
      [&](const CloseReason& r) { recorder.closed(r); });
  ASSERT_TRUE(client.connect().ok);
  // Three 1-second intervals without a word, then the client ends it.
  const std::optional<CloseReason> closed = recorder.waitClosed(20s);
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(closed->reason, "the server sent nothing for 3 s");
  EXPECT_GE(client.heartbeatsSent(), 2);
  EXPECT_FALSE(client.connected());
}

TEST(DeviceClient, AnswersAPing) {
  std::promise<std::string> pong;
  ScriptedServer server([&](WebSocket& socket) {
    receiveText(socket);
    sendText(socket, encode(Registered{"speaker-1f", "broadcast", "z1", "", 30}));
    socket.sendFrame("are you there", 13, kFinalPing);
    int opcode = 0;
    const std::string payload = receiveText(socket, &opcode);
    pong.set_value(opcode == WebSocket::FRAME_OP_PONG ? payload : "not a pong");
    drain(socket);
  });
  DeviceClient client(optionsFor(server.port()), [](const ServerMessage&) {});
  ASSERT_TRUE(client.connect().ok);
  std::future<std::string> answered = pong.get_future();
  ASSERT_EQ(answered.wait_for(20s), std::future_status::ready);
  EXPECT_EQ(answered.get(), "are you there");
}

TEST(DeviceClient, WritesWhatIsQueuedBeforeItCloses) {
  std::promise<std::vector<std::string>> received;
  ScriptedServer server([&](WebSocket& socket) {
    receiveText(socket);
    sendText(socket, encode(Registered{"speaker-1f", "broadcast", "z1", "", 30}));
    std::vector<std::string> texts;
    for (;;) {
      int opcode = 0;
      const std::string text = receiveText(socket, &opcode);
      if (opcode != WebSocket::FRAME_OP_TEXT) break;
      texts.push_back(text);
    }
    received.set_value(texts);
    socket.shutdown(1000, "");
  });
  DeviceClient client(optionsFor(server.port()), [](const ServerMessage&) {});
  ASSERT_TRUE(client.connect().ok);
  ASSERT_TRUE(client.reportFault("audio-error", "功放故障"));
  ASSERT_TRUE(client.clearFault("audio-error"));
  client.close();
  EXPECT_EQ(received.get_future().get(),
            (std::vector<std::string>{encode(Fault{"audio-error", "功放故障"}),
                                      encode(FaultCleared{"audio-error"})}));
  EXPECT_EQ(client.closeReason()->code, 1000);
}

TEST(DeviceClient, FailsToConnectWhereNobodyListens) {
  uint16_t port = 0;
  {
    Poco::Net::ServerSocket closed(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = closed.address().port();
  }
  DeviceClient client(optionsFor(port), [](const ServerMessage&) {});
  const ConnectResult result = client.connect();
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("ws://127.0.0.1:" + std::to_string(port) + "/ws/devices"),
            std::string::npos)
      << result.error;
  EXPECT_FALSE(client.connect().ok);  // once per client
  EXPECT_FALSE(client.reportFault("paper-out", "缺纸"));
}

}  // namespace
}  // namespace devices::protocol
