// The fixed points of the device protocol that both ends rely on: where a
// device connects, how long the server waits for `register`, the close codes
// it uses and the size of message it reads. Constants only.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace devices::protocol {

// The hall server's WebSocket endpoint: ws://host:port/ws/devices.
inline constexpr std::string_view kDevicePath = "/ws/devices";

// `register` must arrive this soon after the WebSocket opens.
inline constexpr std::chrono::seconds kRegisterTimeout{5};

// The heartbeat interval the server announces unless configured otherwise,
// and how many beats may go missing before it takes a device for offline.
inline constexpr std::chrono::seconds kDefaultHeartbeatInterval{10};
inline constexpr int kDefaultMissedHeartbeats = 3;

// Close codes (RFC 6455, 7.4.1) the server sends.
inline constexpr uint16_t kCloseNormal = 1000;
inline constexpr uint16_t kCloseGoingAway = 1001;        // the server stops
inline constexpr uint16_t kCloseProtocolError = 1002;    // broken WebSocket framing
inline constexpr uint16_t kCloseUnsupportedData = 1003;  // a binary frame
// A refused register, no register in time, heartbeats missed, or the same
// device registered again on a newer connection.
inline constexpr uint16_t kClosePolicyViolation = 1008;
inline constexpr uint16_t kCloseMessageTooBig = 1009;

// The largest message (text frame payload, or fragments together) the server
// reads from a device.
inline constexpr size_t kMaxDeviceMessageBytes = 64 * 1024;

// The largest fingerprint template a reader may send, decoded (its base64
// text is at most 4/3 of this).
inline constexpr size_t kMaxFingerprintTemplateBytes = 4 * 1024;

}  // namespace devices::protocol
