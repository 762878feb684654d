// DeviceFleet: many hall devices at once, each a real DeviceClient on its own
// WebSocket to a running `hall serve`, and what they received — every server
// message counted by device kind, and for each `call` display the latency
// from the call to its receipt here. Fingerprint readers answer each
// fingerprint-capture at once with the finger FleetOptions::fingers gives.
//
// Latency is measured against this machine's system clock: `data.at` is the
// server's clock (epoch ms) at the call and `sentAt` its clock when the hub
// queued the frame, so the figures are true latencies only when the server
// runs on the same machine (or on one whose clock is in step). `at` is whole
// milliseconds, truncated, so a latency reads up to 1 ms high and is never
// below 0 on one machine. The receipt is taken when DeviceClient hands the
// decoded message over, so it includes the client's JSON decoding.
//
// Thread-safety: every public member may be called from any thread; the
// observer runs on the clients' reader threads, one message at a time per
// device but devices in parallel.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "devices/protocol/device_client.h"
#include "devices/protocol/server_message.h"
#include "tools/devicesim/fleet_plan.h"
#include "tools/devicesim/latency_stats.h"
#include "tools/devicesim/simulated_finger.h"

namespace hall::devicesim {

struct FleetOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  // The hall device secret; each device's key is deviceKey(secret, id).
  std::string secret;
  std::string software = "hall-devicesim";
  std::chrono::milliseconds connect_timeout{10000};
  // What the fleet's fingerprint readers answer to fingerprint-capture.
  SimulatedFingers fingers;
};

// A `call` display as one device received it.
struct CallReceipt {
  std::string device_id;
  std::string kind;
  std::string number;  // "A001"
  std::string window;  // "W01"
  bool recall = false;
  int64_t at_ms = 0;        // data.at: the server's clock at the call
  int64_t sent_at_ms = 0;   // sentAt: the server's clock when the hub sent it
  int64_t received_us = 0;  // this machine's clock at receipt, epoch µs

  double fromCallMs() const { return static_cast<double>(received_us) / 1000.0 - at_ms; }
  double fromSentMs() const { return static_cast<double>(received_us) / 1000.0 - sent_at_ms; }
};

// What the devices of one kind received.
struct KindReport {
  std::string kind;
  size_t devices = 0;
  size_t messages = 0;  // every server message, `registered` included
  // By "registered", "heartbeat-ack", "display/<topic>", "command/<command>", "error".
  std::map<std::string, size_t> by_type;
  LatencySummary call_from_at;    // receipt − data.at
  LatencySummary call_from_sent;  // receipt − sentAt
};

// A device that did not connect.
struct ConnectFailure {
  std::string device_id;
  std::string error;
  std::optional<devices::protocol::ErrorMessage> refusal;  // the server's answer, if it refused
};

// A registered connection that ended while the fleet was open, not by
// close(): the server closed it or it broke.
struct Drop {
  std::string device_id;
  devices::protocol::CloseReason reason;
};

class DeviceFleet {
 public:
  // Sees every message as it arrives, with its receipt time (epoch µs).
  using Observer =
      std::function<void(const FleetMember& device, const devices::protocol::ServerMessage& message,
                         int64_t received_us)>;

  explicit DeviceFleet(FleetOptions options, Observer observer = nullptr);
  // close()s.
  ~DeviceFleet();
  DeviceFleet(const DeviceFleet&) = delete;
  DeviceFleet& operator=(const DeviceFleet&) = delete;

  // Connects and registers each device in turn; the ones that failed (an
  // empty list when all are connected). A device may join only once. Call
  // connect() and close() from one thread (the fleet's owner).
  std::vector<ConnectFailure> connect(const std::vector<FleetMember>& members);

  // Devices registered and still connected.
  size_t connectedCount() const;

  // The first call of ticket `number` the device received, waiting at most
  // `limit` for it.
  std::optional<CallReceipt> awaitCall(const std::string& device_id, const std::string& number,
                                       std::chrono::milliseconds limit) const;
  // Waits at most `limit` until the devices have received `count` call
  // displays in all; whether they did.
  bool awaitCallReceipts(size_t count, std::chrono::milliseconds limit) const;
  std::vector<CallReceipt> callReceipts() const;
  // Call displays that lacked `at`, `sentAt` or `number` (a server bug).
  size_t malformedCalls() const;

  // Per device kind, in kind order.
  std::vector<KindReport> report() const;
  std::vector<Drop> drops() const;

  // Closes every connection (1000) and waits for the clients' threads.
  // Idempotent.
  void close();

 private:
  struct Member {
    FleetMember device;
    std::unique_ptr<devices::protocol::DeviceClient> client;
    bool registered = false;
    size_t messages = 0;
    std::map<std::string, size_t> by_type;
  };

  void received(size_t index, const devices::protocol::ServerMessage& message);
  void ended(size_t index, const devices::protocol::CloseReason& reason);

  const FleetOptions options_;
  const Observer observer_;

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  // Stable addresses: handlers refer to members by index, and the clients'
  // threads run while members are added.
  std::vector<std::unique_ptr<Member>> members_;
  std::map<std::string, size_t, std::less<>> index_;
  std::vector<CallReceipt> calls_;
  size_t malformed_calls_ = 0;
  std::vector<Drop> drops_;
  bool closing_ = false;
};

}  // namespace hall::devicesim
