// TestDevice: a hall device as the server sees one in tests — a real
// DeviceClient over loopback, keeping everything the server sent it — and
// eventually(), a bounded wait for a condition.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "devices/protocol/device_client.h"
#include "devices/protocol/device_key.h"

namespace portal::web::testing {

namespace protocol = devices::protocol;
using namespace std::chrono_literals;

// The hall device secret of the tests; a device's default key derives from it.
inline constexpr const char* kTestDeviceSecret = "test-device-secret";
inline constexpr auto kDeadline = 20s;

// Polls `condition` until it holds or the deadline passes.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds limit = kDeadline) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(2ms);
  }
  return condition();
}

// A device as the hall will see them: a DeviceClient, and everything the
// server sent it.
class TestDevice {
 public:
  TestDevice(uint16_t port, const std::string& id, std::optional<std::string> key = std::nullopt)
      : client_(
            [&] {
              protocol::DeviceClientOptions options;
              options.port = port;
              options.device_id = id;
              options.key = key ? *key : protocol::deviceKey(kTestDeviceSecret, id);
              options.software = "test-device 1.0";
              options.connect_timeout = 10s;
              return options;
            }(),
            [this](const protocol::ServerMessage& message) {
              std::lock_guard<std::mutex> lock(mutex_);
              messages_.push_back(message);
              changed_.notify_all();
            },
            [this](const protocol::CloseReason& reason) {
              std::lock_guard<std::mutex> lock(mutex_);
              closed_ = reason;
              changed_.notify_all();
            }) {}

  protocol::ConnectResult connect() { return client_.connect(); }
  protocol::DeviceClient& client() { return client_; }

  // The messages of type T received so far, once there are at least `count`
  // of them (or the deadline passed).
  template <typename T>
  std::vector<T> received(size_t count) {
    std::unique_lock<std::mutex> lock(mutex_);
    std::vector<T> out;
    changed_.wait_for(lock, kDeadline, [&] {
      out = ofType<T>();
      return out.size() >= count;
    });
    return out;
  }

  template <typename T>
  std::vector<T> receivedNow() {
    std::lock_guard<std::mutex> lock(mutex_);
    return ofType<T>();
  }

  std::optional<protocol::CloseReason> closed() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, kDeadline, [&] { return closed_.has_value(); });
    return closed_;
  }

 private:
  template <typename T>
  std::vector<T> ofType() const {
    std::vector<T> out;
    for (const protocol::ServerMessage& m : messages_) {
      if (const T* typed = std::get_if<T>(&m)) out.push_back(*typed);
    }
    return out;
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<protocol::ServerMessage> messages_;
  std::optional<protocol::CloseReason> closed_;
  protocol::DeviceClient client_;  // last: its threads call the members above
};

}  // namespace portal::web::testing
