// DeviceHub: the server side of the device protocol (devices/protocol/
// README.md). Hall devices — ticket kiosks, window strips, the LED welcome
// screen, broadcast speakers — connect to GET /ws/devices, register with
// their key, and from then on get what the hall publishes to them; the hub
// keeps each known device's status for GET /api/v1/devices and the admin
// view.
//
// Each device's status is a DeviceLifecycle (portal/domain, a Boost.Statechart
// machine): offline → online when it registers → fault while it reports
// faults → offline when its connection ends or its heartbeats stop. The hub
// only feeds it events its state takes, so a refusal there is a bug in the
// hub and stops loudly (WF_CHECK).
//
// Sockets are served by a WebSocketLoop: one thread polls every device
// connection (see websocket_loop.h for why a poll loop rather than a thread
// per device), so connected devices cost the HTTP server no worker threads.
// publish() never waits for a device: frames go out at once when the socket
// takes them and queue otherwise, and a device whose queue overflows
// (max_queued_messages / max_queued_bytes) is disconnected — it goes offline
// where the manager sees it, and gets fresh state when it registers again —
// rather than silently missing messages (see websocket_connection.h).
//
// Time comes from the injected wf::Clock: heartbeat and register deadlines
// are checked against it by sweep(), which the loop calls every `tick` with
// clock.now() and which tests may call themselves after moving a fake clock.
//
// Wiring (portal/app): build the records with deviceRecordsOf(layout), load
// the secret with DeviceSecret, give WebServer::start the upgrade route
// {std::string(devices::protocol::kDevicePath), hub.upgradeHandler()}, and add
// DeviceRoutes(hub) to the router. Stop the web server before destroying the
// hub: the upgrade handler refers to it.
//
// Fingerprint readers get `fingerprint-capture` through send(); their
// answers (`fingerprint`, `fingerprint-failed`) go to the fingerprint
// listener — FingerprintGate (fingerprint_gate.h) pairs them with the waiting
// request.
//
// Thread-safety: every public member may be called from any thread. The
// fingerprint listener runs with the hub's lock held (so that once
// setFingerprintListener returns, the old listener is never called again):
// it must only hand the answer over and must not call the hub. The
// listener runs without the hub's lock held, one call at a time and in the
// order the changes happened, on whichever thread made the change (mostly the
// loop thread); it must return quickly and may call devices().
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "devices/protocol/device_message.h"
#include "devices/protocol/protocol_constants.h"
#include "devices/protocol/server_message.h"
#include "portal/domain/device_lifecycle.h"
#include "portal/domain/hall_layout.h"
#include "portal/web/web_server.h"
#include "portal/web/websocket_loop.h"
#include "wf/ports/clock.h"

namespace portal::web {

// A device the hall layout knows.
struct DeviceRecord {
  std::string id;
  std::string kind;    // ticket-kiosk, ticket-desktop, welcome-screen, broadcast, window-strip …
  std::string zone;    // for a window's device, the window's zone
  std::string window;  // for strips and fingerprint readers
};

// Which devices a publish reaches. Each empty part matches any device.
struct DeviceFilter {
  std::vector<std::string> ids;    // any of these
  std::vector<std::string> kinds;  // any of these
  std::string zone;
  std::string window;

  bool matches(const DeviceRecord& device) const;
};

struct DeviceStatus {
  std::string id;
  std::string kind;
  std::string zone;
  std::string window;
  std::string state;                // "offline", "online" or "fault"
  std::vector<std::string> faults;  // codes, sorted
  int64_t last_seen_ms = 0;         // epoch ms of the last message; 0: never
  std::string remote;               // "host:port" of the last connection
  std::string software;             // as the device said when it registered
};

struct DeviceHubOptions {
  std::chrono::seconds heartbeat_interval = devices::protocol::kDefaultHeartbeatInterval;
  // A device is offline once this many intervals pass without a message.
  int missed_heartbeats = devices::protocol::kDefaultMissedHeartbeats;
  std::chrono::milliseconds register_timeout = devices::protocol::kRegisterTimeout;
  // Frames waiting to be written to one device; past either bound it is
  // disconnected.
  size_t max_queued_messages = 256;
  size_t max_queued_bytes = size_t{4} << 20;
  // How often the hub sweeps by itself.
  std::chrono::milliseconds tick{100};
};

// The devices of a hall layout, a window's devices in the window's zone.
std::vector<DeviceRecord> deviceRecordsOf(const hall::domain::HallLayout& layout);

class DeviceHub final : private WebSocketHandler {
 public:
  using Listener = std::function<void(const DeviceStatus&)>;
  // A reader's `fingerprint` or `fingerprint-failed`, with the reader's id.
  using FingerprintListener =
      std::function<void(const std::string& device_id, const devices::protocol::DeviceMessage&)>;

  // `secret`: the hall device secret (DeviceSecret::value()); `clock` must
  // outlive the hub. Starts serving (the loop thread) at once.
  DeviceHub(std::vector<DeviceRecord> devices, std::string secret, const wf::Clock& clock,
            DeviceHubOptions options = {});
  // Closes every device connection (1001) and stops the loop thread; the
  // listener hears of none of it.
  ~DeviceHub() override;
  DeviceHub(const DeviceHub&) = delete;
  DeviceHub& operator=(const DeviceHub&) = delete;

  // For WebServer's upgrade routes: answers GET /ws/devices.
  UpgradeHandler upgradeHandler();

  // Sends the message to every registered device the filter matches and
  // returns how many it was queued for. A display's sentAt is stamped with
  // the clock when it is 0.
  size_t publish(const devices::protocol::Display& message, const DeviceFilter& filter = {});
  size_t publish(const devices::protocol::Command& message, const DeviceFilter& filter = {});
  // Sends the capture request to one device; false when it is not
  // registered and connected (or its queue is full).
  bool send(std::string_view device_id, const devices::protocol::FingerprintCapture& message);

  // Every known device, by id.
  std::vector<DeviceStatus> devices() const;
  std::optional<DeviceStatus> device(std::string_view id) const;

  // Marks offline (and disconnects) every device silent for missed_heartbeats
  // intervals before `now`, and closes connections that have not registered
  // within register_timeout.
  void sweep(wf::TimePoint now);

  // Called with a device's new status after each change (see above).
  void setListener(Listener listener);
  // Called with every fingerprint answer a registered device sends (see
  // above); nullptr: none.
  void setFingerprintListener(FingerprintListener listener);

  // Open WebSocket connections, registered or not.
  size_t connectionCount() const;

  const DeviceHubOptions& options() const { return options_; }

 private:
  struct Device {
    DeviceRecord record;
    std::string key;  // the key it must present
    hall::domain::DeviceLifecycle lifecycle;
    std::shared_ptr<WebSocketConnection> connection;  // while registered
    int64_t last_seen_ms = 0;
    std::string remote;
    std::string software;
  };
  struct Session {
    std::shared_ptr<WebSocketConnection> connection;
    std::string device_id;  // "" until registered
    int64_t opened_ms = 0;
  };

  // WebSocketHandler, on the loop thread (onOpen: on an HTTP worker).
  void onOpen(const std::shared_ptr<WebSocketConnection>& connection) override;
  void onText(const std::shared_ptr<WebSocketConnection>& connection, std::string text) override;
  void onClose(const std::shared_ptr<WebSocketConnection>& connection) override;
  void onTick() override;

  // With mutex_ held.
  void registerLocked(Session& session, const devices::protocol::Register& message);
  void refuseLocked(Session& session, devices::protocol::ErrorCode code, const std::string& why);
  void goOfflineLocked(Device& device);
  void changedLocked(const Device& device);
  size_t sendLocked(const std::string& text, const DeviceFilter& filter);
  DeviceStatus statusLocked(const Device& device) const;

  // Hands queued status changes to the listener, in order, without the lock.
  void deliverChanges();
  int64_t nowMs() const;

  const std::string secret_;
  const wf::Clock& clock_;
  const DeviceHubOptions options_;

  mutable std::mutex mutex_;
  std::map<std::string, Device, std::less<>> devices_;
  std::unordered_map<const WebSocketConnection*, Session> sessions_;
  Listener listener_;
  FingerprintListener fingerprint_listener_;
  std::deque<DeviceStatus> changes_;
  bool delivering_ = false;

  // Last: it calls back into the members above until it has stopped.
  std::unique_ptr<WebSocketLoop> loop_;
};

}  // namespace portal::web
