// DeviceClient: one hall device's connection to the hall server, over
// Poco::Net::WebSocket — for the device programs, the device simulator and
// the tests.
//
// connect() opens ws://host:port/ws/devices, sends `register` and waits (at
// most connect_timeout) for the server's answer. From then on two threads of
// the client's own serve the connection: a reader that hands every server
// message to the message handler, and a sender that writes queued messages
// and a heartbeat every heartbeatSeconds (the interval the server gave in
// `registered`). Nothing a caller does after connect() waits on the network:
// send(), reportFault() and clearFault() only queue. When the server stays
// silent for three heartbeat intervals (no ack, nothing), the client takes
// the connection for dead and ends it.
//
// Handlers run on the reader thread, one call at a time, in the order the
// messages arrived; the close handler runs once, last. They should return
// quickly, and must not destroy the client.
//
// Thread-safety: every member may be called from any thread. One connection
// per object: once it has ended, make a new DeviceClient to connect again.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "devices/protocol/device_message.h"
#include "devices/protocol/protocol_constants.h"
#include "devices/protocol/server_message.h"

namespace Poco::Net {
class WebSocket;
}  // namespace Poco::Net

namespace devices::protocol {

struct DeviceClientOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::string path = std::string(kDevicePath);
  std::string device_id;
  std::string key;  // deviceKey(secret, device_id), installed with the device
  std::string software = "hall-device-client";
  // Bounds the TCP connect, the WebSocket handshake and the wait for the
  // answer to register, each.
  std::chrono::milliseconds connect_timeout{5000};
  // A frame that cannot be written within this long ends the connection.
  std::chrono::milliseconds send_timeout{5000};
  size_t max_message_bytes = size_t{1} << 20;
};

// How a connection ended. `code` is the close code of the server's close
// frame (1008 when it refused the device, …), or 0 when the connection
// dropped without one; `reason` says why, for people.
struct CloseReason {
  int code = 0;
  std::string reason;
};

// What connect() achieved.
struct [[nodiscard]] ConnectResult {
  bool ok = false;
  std::string error;                    // for people; empty when ok
  std::optional<ErrorMessage> refusal;  // the server's error, when it refused the register
};

class DeviceClient {
 public:
  using MessageHandler = std::function<void(const ServerMessage&)>;
  using CloseHandler = std::function<void(const CloseReason&)>;

  DeviceClient(DeviceClientOptions options, MessageHandler on_message,
               CloseHandler on_close = nullptr);
  // Closes (see close()) and waits for both threads.
  ~DeviceClient();
  DeviceClient(const DeviceClient&) = delete;
  DeviceClient& operator=(const DeviceClient&) = delete;

  // Connects and registers. Once only; a second call fails.
  ConnectResult connect();

  // Queue a message for the sender thread. False when the connection is not
  // open (not yet registered, or ended).
  bool send(DeviceMessage message);
  bool reportFault(std::string code, std::string message);
  bool clearFault(std::string code);

  // Writes what is still queued, then a close frame (1000); waits a moment
  // for the server's, and stops both threads. Idempotent. Called from a
  // handler it only starts the close; the destructor finishes it.
  void close();

  // Registered and not yet ended.
  bool connected() const;
  // The server's `registered` answer; nullopt before.
  std::optional<Registered> registration() const;
  // How the connection ended; nullopt while it lasts.
  std::optional<CloseReason> closeReason() const;
  // Heartbeats written so far.
  int64_t heartbeatsSent() const;

 private:
  enum class Phase { Idle, Registering, Open, Ended };

  void readLoop();
  void sendLoop(std::chrono::milliseconds interval);
  void deliver(const std::string& text);
  // Writes one text frame; false (and the connection is ended) on failure.
  bool writeText(const std::string& text);
  void writeClose(uint16_t code, const std::string& reason);
  // Makes the reader return from its receive, so the connection ends.
  void abort(const std::string& reason);
  void ended(CloseReason reason);
  void joinThreads();

  const DeviceClientOptions options_;
  const MessageHandler on_message_;
  const CloseHandler on_close_;

  std::unique_ptr<Poco::Net::WebSocket> socket_;
  std::mutex write_mutex_;   // one frame at a time on the socket
  bool close_sent_ = false;  // guarded by write_mutex_

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  Phase phase_ = Phase::Idle;
  bool closing_ = false;
  std::deque<std::string> outbox_;
  std::optional<Registered> registration_;
  std::optional<ErrorMessage> refusal_;
  std::optional<CloseReason> close_reason_;
  std::optional<std::string> abort_reason_;
  std::chrono::steady_clock::time_point last_heard_;
  int64_t heartbeats_sent_ = 0;

  std::mutex join_mutex_;  // guards starting and joining the threads
  std::thread reader_;
  std::thread sender_;
};

}  // namespace devices::protocol
