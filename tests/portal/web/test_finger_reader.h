// TestFingerReader: a window's fingerprint reader in tests — a real
// DeviceClient over loopback that answers each fingerprint-capture at once as
// the test says (a finger's template, fingerprint-failed, or nothing), and
// keeps the capture requests it got.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "devices/protocol/device_client.h"
#include "devices/protocol/device_key.h"
#include "portal/web/test_device.h"

namespace portal::web::testing {

class TestFingerReader {
 public:
  // The finger on the reader: its template (base64), or a failure, or none
  // (the reader stays silent).
  struct Press {
    std::optional<std::string> template_base64;
    std::optional<protocol::FingerprintFailure> failure;
  };

  TestFingerReader(uint16_t port, const std::string& id, const std::string& secret)
      : client_(
            [&] {
              protocol::DeviceClientOptions options;
              options.port = port;
              options.device_id = id;
              options.key = protocol::deviceKey(secret, id);
              options.software = "test-finger-reader 1.0";
              options.connect_timeout = 10s;
              return options;
            }(),
            [this](const protocol::ServerMessage& message) { received(message); },
            [](const protocol::CloseReason&) {}) {}

  protocol::ConnectResult connect() { return client_.connect(); }
  void close() { client_.close(); }

  void press(std::string template_base64) {
    std::lock_guard<std::mutex> lock(mutex_);
    press_ = Press{std::move(template_base64), std::nullopt};
  }
  void fail(protocol::FingerprintFailure failure) {
    std::lock_guard<std::mutex> lock(mutex_);
    press_ = Press{std::nullopt, failure};
  }
  void stayQuiet() {
    std::lock_guard<std::mutex> lock(mutex_);
    press_ = Press{};
  }

  // Sends a message of the test's own making (an answer to a request it
  // did not get, say).
  bool send(protocol::DeviceMessage message) { return client_.send(std::move(message)); }

  // The capture requests so far.
  std::vector<protocol::FingerprintCapture> captures() {
    std::lock_guard<std::mutex> lock(mutex_);
    return captures_;
  }

 private:
  void received(const protocol::ServerMessage& message) {
    const auto* capture = std::get_if<protocol::FingerprintCapture>(&message);
    if (capture == nullptr) return;
    std::lock_guard<std::mutex> lock(mutex_);
    captures_.push_back(*capture);
    if (press_.template_base64) {
      (void)client_.send(protocol::Fingerprint{capture->request_id, *press_.template_base64});
    } else if (press_.failure) {
      (void)client_.send(protocol::FingerprintFailed{capture->request_id, *press_.failure});
    }
  }

  std::mutex mutex_;
  Press press_;
  std::vector<protocol::FingerprintCapture> captures_;
  protocol::DeviceClient client_;  // last: its threads call the members above
};

}  // namespace portal::web::testing
