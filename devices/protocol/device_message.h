// The messages a device sends to the hall server ("device → server" in
// README.md), as plain values; message_codec.h turns them into JSON text and
// back. Value types: copy and share them freely.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace devices::protocol {

// The first message on every connection: which device this is, and its key,
// hex(HMAC-SHA256(hall device secret, deviceId)) (device_key.h).
struct Register {
  std::string device_id;
  std::string key;
  std::string software;  // free text, e.g. "strip-fw 2.3.1"; shown to the hall manager
  bool operator==(const Register&) const = default;
};

// "Still here", every heartbeatSeconds. `seq` counts up from 1 and comes back
// in heartbeat-ack.
struct Heartbeat {
  int64_t seq = 0;
  bool operator==(const Heartbeat&) const = default;
};

// A fault the device has from now on (缺纸 paper-out, 卡纸 paper-jam …), until
// it sends fault-cleared with the same code.
struct Fault {
  std::string code;
  std::string message;  // for people, e.g. "缺纸"
  bool operator==(const Fault&) const = default;
};

// The fault `code` is gone.
struct FaultCleared {
  std::string code;
  bool operator==(const FaultCleared&) const = default;
};

// A fingerprint reader's answer to fingerprint-capture: the captured
// template, base64 (at most kMaxFingerprintTemplateBytes once decoded).
struct Fingerprint {
  std::string request_id;  // the capture's requestId
  std::string template_base64;
  bool operator==(const Fingerprint&) const = default;
};

// Why a reader could not capture: nobody pressed in time, the clerk or the
// reader cancelled, or the image was too poor to use.
enum class FingerprintFailure { Timeout, Cancelled, PoorQuality };

struct FingerprintFailed {
  std::string request_id;  // the capture's requestId
  FingerprintFailure reason = FingerprintFailure::Timeout;
  bool operator==(const FingerprintFailed&) const = default;
};

using DeviceMessage =
    std::variant<Register, Heartbeat, Fault, FaultCleared, Fingerprint, FingerprintFailed>;

}  // namespace devices::protocol
