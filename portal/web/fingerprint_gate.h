// FingerprintGate: the windows' fingerprint readers as the hall reaches them
// — devices of kind fingerprint-reader on the DeviceHub, one per window. A
// capture sends `fingerprint-capture` with a random requestId to the
// window's reader and waits, at most `deadline`, for the `fingerprint` or
// `fingerprint-failed` with that requestId from that reader; an answer from
// another device, or after the wait, is dropped.
//
// Bounded: one capture at a time per reader (a second is told the reader is
// busy) and at most max_pending in all. A waiting capture gives up at once
// when its reader disconnects (checked every `poll`).
//
// Destroy it before the hub, and after the web server has stopped (no
// capture may be waiting).
//
// Thread-safety: every member may be called from any thread; a capture
// blocks its caller (an HTTP worker) until the answer or the deadline.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "devices/protocol/device_message.h"
#include "portal/domain/fingerprint_check.h"
#include "portal/web/device_hub.h"

namespace portal::web {

struct FingerprintGateOptions {
  // How long a reader has to answer: the clerk's time to press.
  std::chrono::milliseconds deadline{30000};
  size_t max_pending = 16;
  std::chrono::milliseconds poll{100};
};

class FingerprintGate final : public hall::domain::FingerprintReaders {
 public:
  // The readers are the hub's devices of kind fingerprint-reader with a window.
  explicit FingerprintGate(DeviceHub& hub, FingerprintGateOptions options = {});
  ~FingerprintGate() override;
  FingerprintGate(const FingerprintGate&) = delete;
  FingerprintGate& operator=(const FingerprintGate&) = delete;

  std::optional<std::string> readerAt(const std::string& window) const override;
  // Conflict 窗口指纹仪未连接 when the reader is not connected (or goes away
  // while waiting), 窗口指纹仪正忙 when it is capturing for another request,
  // 指纹确认超时 when it does not answer in time, and the reader's reason in
  // Chinese when it answers fingerprint-failed (details.reason has the wire
  // name). Unavailable when max_pending captures wait already.
  wf::Result<std::string> capture(const std::string& window,
                                  hall::domain::FingerprintPurpose purpose,
                                  const std::string& clerk) override;

 private:
  struct Pending {
    std::string device_id;
    std::optional<devices::protocol::DeviceMessage> answer;
  };

  // The hub's fingerprint listener (with the hub's lock held).
  void answered(const std::string& device_id, const devices::protocol::DeviceMessage& message);
  bool connected(const std::string& device_id) const;

  DeviceHub& hub_;
  const FingerprintGateOptions options_;
  std::map<std::string, std::string, std::less<>> readers_;  // window → reader id

  std::mutex mutex_;
  std::condition_variable answered_;
  std::map<std::string, Pending, std::less<>> pending_;  // by requestId
};

// The Chinese the clerk reads for a reader's fingerprint-failed reason.
const char* failureText(devices::protocol::FingerprintFailure reason);

}  // namespace portal::web
