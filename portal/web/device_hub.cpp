#include "portal/web/device_hub.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <exception>
#include <type_traits>
#include <utility>
#include <variant>

#include "devices/protocol/device_key.h"
#include "devices/protocol/message_codec.h"

namespace portal::web {

namespace protocol = devices::protocol;

namespace {

constexpr const char* kLoggerName = "hall.devices";

Poco::Logger& logger() { return Poco::Logger::get(kLoggerName); }

}  // namespace

bool DeviceFilter::matches(const DeviceRecord& device) const {
  if (!ids.empty() && std::find(ids.begin(), ids.end(), device.id) == ids.end()) return false;
  if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), device.kind) == kinds.end()) {
    return false;
  }
  if (!zone.empty() && zone != device.zone) return false;
  if (!window.empty() && window != device.window) return false;
  return true;
}

std::vector<DeviceRecord> deviceRecordsOf(const hall::domain::HallLayout& layout) {
  std::vector<DeviceRecord> records;
  records.reserve(layout.devices.size());
  for (const hall::domain::Device& device : layout.devices) {
    DeviceRecord record{device.id, hall::domain::deviceKindName(device.kind), device.zone,
                        device.window};
    if (record.zone.empty() && !record.window.empty()) {
      if (const hall::domain::Window* window = layout.window(record.window)) {
        record.zone = window->zone;
      }
    }
    records.push_back(std::move(record));
  }
  return records;
}

DeviceHub::DeviceHub(std::vector<DeviceRecord> devices, std::string secret, const wf::Clock& clock,
                     DeviceHubOptions options)
    : secret_(std::move(secret)), clock_(clock), options_(options) {
  for (DeviceRecord& record : devices) {
    Device device;
    device.key = protocol::deviceKey(secret_, record.id);
    device.record = std::move(record);
    std::string id = device.record.id;
    devices_.emplace(std::move(id), std::move(device));
  }
  WebSocketLoopOptions loop_options;
  loop_options.limits.max_message_bytes = protocol::kMaxDeviceMessageBytes;
  loop_options.limits.max_queued_frames = options_.max_queued_messages;
  loop_options.limits.max_queued_bytes = options_.max_queued_bytes;
  loop_options.tick = options_.tick;
  WebSocketHandler& handler = *this;  // a private base: converted here, in the class
  loop_ = std::make_unique<WebSocketLoop>(handler, loop_options);
}

DeviceHub::~DeviceHub() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    listener_ = nullptr;  // the owner is going away too: no reports from here on
    fingerprint_listener_ = nullptr;
  }
  loop_->stop(protocol::kCloseGoingAway, "the hall server is stopping");
}

UpgradeHandler DeviceHub::upgradeHandler() {
  return [this](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    loop_->accept(request, response);
  };
}

size_t DeviceHub::publish(const protocol::Display& message, const DeviceFilter& filter) {
  protocol::Display stamped = message;
  if (stamped.sent_at_ms == 0) stamped.sent_at_ms = nowMs();
  const std::string text = protocol::encode(stamped);
  std::lock_guard<std::mutex> lock(mutex_);
  return sendLocked(text, filter);
}

size_t DeviceHub::publish(const protocol::Command& message, const DeviceFilter& filter) {
  const std::string text = protocol::encode(message);
  std::lock_guard<std::mutex> lock(mutex_);
  return sendLocked(text, filter);
}

bool DeviceHub::send(std::string_view device_id, const protocol::FingerprintCapture& message) {
  const std::string text = protocol::encode(message);
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = devices_.find(device_id);
  if (found == devices_.end() || !found->second.connection) return false;
  return found->second.connection->sendText(text);
}

std::vector<DeviceStatus> DeviceHub::devices() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<DeviceStatus> out;
  out.reserve(devices_.size());
  for (const auto& [id, device] : devices_) out.push_back(statusLocked(device));
  return out;
}

std::optional<DeviceStatus> DeviceHub::device(std::string_view id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = devices_.find(id);
  if (found == devices_.end()) return std::nullopt;
  return statusLocked(found->second);
}

void DeviceHub::sweep(wf::TimePoint now) {
  const int64_t now_ms = wf::toEpochMillis(now);
  const int64_t silence_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(options_.heartbeat_interval).count() *
      options_.missed_heartbeats;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [id, device] : devices_) {
      if (!device.connection || now_ms - device.last_seen_ms <= silence_ms) continue;
      const auto session = sessions_.find(device.connection.get());
      if (session != sessions_.end()) session->second.device_id.clear();
      device.connection->close(protocol::kClosePolicyViolation,
                               "no heartbeat for " + std::to_string(silence_ms / 1000) + " s");
      logger().warning("device %s: no heartbeat for %s ms; offline", id,
                       std::to_string(now_ms - device.last_seen_ms));
      goOfflineLocked(device);
    }
    for (auto& [key, session] : sessions_) {
      if (!session.device_id.empty() || !session.connection->isOpen()) continue;
      if (now_ms - session.opened_ms > options_.register_timeout.count()) {
        session.connection->close(
            protocol::kClosePolicyViolation,
            "no register within " + std::to_string(options_.register_timeout.count()) + " ms");
      }
    }
  }
  deliverChanges();
}

void DeviceHub::setListener(Listener listener) {
  std::lock_guard<std::mutex> lock(mutex_);
  listener_ = std::move(listener);
}

void DeviceHub::setFingerprintListener(FingerprintListener listener) {
  std::lock_guard<std::mutex> lock(mutex_);
  fingerprint_listener_ = std::move(listener);
}

size_t DeviceHub::connectionCount() const { return loop_->connectionCount(); }

void DeviceHub::onOpen(const std::shared_ptr<WebSocketConnection>& connection) {
  std::lock_guard<std::mutex> lock(mutex_);
  sessions_[connection.get()] = Session{connection, "", nowMs()};
}

void DeviceHub::onText(const std::shared_ptr<WebSocketConnection>& connection, std::string text) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = sessions_.find(connection.get());
    if (found == sessions_.end()) return;
    Session& session = found->second;
    const protocol::Decoded<protocol::DeviceMessage> decoded = protocol::decodeDeviceMessage(text);

    if (session.device_id.empty()) {
      // Before registering, anything wrong ends the connection.
      if (!decoded.ok()) {
        refuseLocked(session, protocol::ErrorCode::BadMessage, decoded.error().message);
      } else if (const auto* message = std::get_if<protocol::Register>(&*decoded)) {
        registerLocked(session, *message);
      } else {
        refuseLocked(session, protocol::ErrorCode::NotRegistered,
                     std::string("register first: the first message must be register, not ") +
                         protocol::typeName(*decoded));
      }
    } else {
      Device& device = devices_.find(session.device_id)->second;
      // Any message shows the device alive, even one it got wrong.
      device.last_seen_ms = nowMs();
      if (!decoded.ok()) {
        // After registering, a bad message is answered and the connection stays.
        connection->sendText(protocol::encode(
            protocol::ErrorMessage{protocol::ErrorCode::BadMessage, decoded.error().message}));
      } else {
        std::visit(
            [&](const auto& message) {
              using T = std::decay_t<decltype(message)>;
              if constexpr (std::is_same_v<T, protocol::Register>) {
                connection->sendText(protocol::encode(protocol::ErrorMessage{
                    protocol::ErrorCode::BadMessage, "type: already registered as " +
                                                         device.record.id +
                                                         "; register is the first message only"}));
              } else if constexpr (std::is_same_v<T, protocol::Heartbeat>) {
                connection->sendText(protocol::encode(protocol::HeartbeatAck{message.seq}));
              } else if constexpr (std::is_same_v<T, protocol::Fault>) {
                const std::vector<std::string> before = device.lifecycle.faults();
                WF_CHECK(device.lifecycle.faultReported(message.code).isOk());
                if (device.lifecycle.faults() != before) {
                  logger().warning("device %s: fault %s: %s", device.record.id, message.code,
                                   message.message);
                  changedLocked(device);
                }
              } else if constexpr (std::is_same_v<T, protocol::FaultCleared>) {
                const std::vector<std::string> before = device.lifecycle.faults();
                WF_CHECK(device.lifecycle.faultCleared(message.code).isOk());
                if (device.lifecycle.faults() != before) {
                  logger().information("device %s: fault %s cleared", device.record.id,
                                       message.code);
                  changedLocked(device);
                }
              } else if constexpr (std::is_same_v<T, protocol::Fingerprint> ||
                                   std::is_same_v<T, protocol::FingerprintFailed>) {
                if (fingerprint_listener_) {
                  fingerprint_listener_(device.record.id, protocol::DeviceMessage(message));
                }
              }
            },
            *decoded);
      }
    }
  }
  deliverChanges();
}

void DeviceHub::onClose(const std::shared_ptr<WebSocketConnection>& connection) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = sessions_.find(connection.get());
    if (found == sessions_.end()) return;
    if (!found->second.device_id.empty()) {
      Device& device = devices_.find(found->second.device_id)->second;
      if (device.connection == connection) {
        logger().information("device %s: disconnected; offline", device.record.id);
        goOfflineLocked(device);
      }
    }
    sessions_.erase(found);
  }
  deliverChanges();
}

void DeviceHub::onTick() { sweep(clock_.now()); }

void DeviceHub::registerLocked(Session& session, const protocol::Register& message) {
  const auto found = devices_.find(message.device_id);
  if (found == devices_.end()) {
    refuseLocked(session, protocol::ErrorCode::UnknownDevice,
                 "deviceId: no device " + message.device_id + " in the hall layout");
    return;
  }
  Device& device = found->second;
  if (!protocol::keysMatch(device.key, message.key)) {
    refuseLocked(session, protocol::ErrorCode::BadKey,
                 "key: not the key of device " + message.device_id);
    return;
  }
  if (device.connection) {
    // Registered again on a new connection (it restarted, or the old one is
    // half-open): the newer connection wins.
    const auto old = sessions_.find(device.connection.get());
    if (old != sessions_.end()) old->second.device_id.clear();
    device.connection->close(protocol::kClosePolicyViolation,
                             "replaced by a newer connection of " + message.device_id);
    goOfflineLocked(device);
  }
  WF_CHECK(device.lifecycle.registered().isOk());
  device.connection = session.connection;
  device.last_seen_ms = nowMs();
  device.remote = session.connection->remote();
  device.software = message.software;
  session.device_id = message.device_id;
  // Queued before any publish can reach the device: both happen under mutex_.
  session.connection->sendText(protocol::encode(protocol::Registered{
      device.record.id, device.record.kind, device.record.zone, device.record.window,
      static_cast<int>(options_.heartbeat_interval.count())}));
  logger().information("device %s: registered from %s; online", device.record.id, device.remote);
  changedLocked(device);
}

void DeviceHub::refuseLocked(Session& session, protocol::ErrorCode code, const std::string& why) {
  logger().warning("device connection from %s refused: %s: %s", session.connection->remote(),
                   std::string(protocol::errorCodeName(code)), why);
  session.connection->sendText(protocol::encode(protocol::ErrorMessage{code, why}));
  session.connection->close(protocol::kClosePolicyViolation, protocol::errorCodeName(code));
}

void DeviceHub::goOfflineLocked(Device& device) {
  WF_CHECK(device.lifecycle.disconnected().isOk());
  device.connection.reset();
  changedLocked(device);
}

void DeviceHub::changedLocked(const Device& device) { changes_.push_back(statusLocked(device)); }

size_t DeviceHub::sendLocked(const std::string& text, const DeviceFilter& filter) {
  size_t queued = 0;
  for (auto& [id, device] : devices_) {
    if (!device.connection || !filter.matches(device.record)) continue;
    if (device.connection->sendText(text)) ++queued;
  }
  return queued;
}

DeviceStatus DeviceHub::statusLocked(const Device& device) const {
  DeviceStatus status;
  status.id = device.record.id;
  status.kind = device.record.kind;
  status.zone = device.record.zone;
  status.window = device.record.window;
  status.state = hall::domain::deviceStateName(device.lifecycle.state());
  status.faults = device.lifecycle.faults();
  status.last_seen_ms = device.last_seen_ms;
  status.remote = device.remote;
  status.software = device.software;
  return status;
}

void DeviceHub::deliverChanges() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (delivering_) return;  // that thread delivers ours too, in order
  delivering_ = true;
  while (!changes_.empty()) {
    DeviceStatus status = std::move(changes_.front());
    changes_.pop_front();
    Listener listener = listener_;
    lock.unlock();
    if (listener) {
      try {
        listener(status);
      } catch (const std::exception& e) {
        logger().error("device status listener failed: %s", std::string(e.what()));
      } catch (...) {
        logger().error("device status listener failed");
      }
    }
    lock.lock();
  }
  delivering_ = false;
}

int64_t DeviceHub::nowMs() const { return wf::toEpochMillis(clock_.now()); }

}  // namespace portal::web
