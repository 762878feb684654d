#include "portal/web/fingerprint_gate.h"

#include <Poco/Logger.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <variant>

#include "devices/protocol/message_codec.h"

namespace portal::web {

namespace protocol = devices::protocol;

namespace {

constexpr const char* kReaderKind = "fingerprint-reader";

Poco::Logger& logger() { return Poco::Logger::get("hall.fingerprints"); }

// 128 random bits as hex: a requestId nobody can guess or repeat.
std::string randomRequestId() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("the random generator failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 0x0f];
  }
  return out;
}

wf::Value windowDetails(const std::string& window, const std::string& device) {
  return wf::Value(wf::Object{{"window", wf::Value(window)}, {"device", wf::Value(device)}});
}

std::string durationText(std::chrono::milliseconds d) {
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + " 秒";
  return std::to_string(d.count()) + " 毫秒";
}

}  // namespace

const char* failureText(protocol::FingerprintFailure reason) {
  switch (reason) {
    case protocol::FingerprintFailure::Timeout:
      return "指纹采集失败：未按压手指（采集超时）";
    case protocol::FingerprintFailure::Cancelled:
      return "指纹采集失败：采集已取消";
    case protocol::FingerprintFailure::PoorQuality:
      return "指纹采集失败：指纹图像质量不佳，请擦净手指后重新按压";
  }
  return "指纹采集失败";
}

FingerprintGate::FingerprintGate(DeviceHub& hub, FingerprintGateOptions options)
    : hub_(hub), options_(options) {
  for (const DeviceStatus& device : hub_.devices()) {
    if (device.kind == kReaderKind && !device.window.empty()) {
      readers_.emplace(device.window, device.id);
    }
  }
  hub_.setFingerprintListener(
      [this](const std::string& device_id, const protocol::DeviceMessage& message) {
        answered(device_id, message);
      });
}

FingerprintGate::~FingerprintGate() { hub_.setFingerprintListener(nullptr); }

std::optional<std::string> FingerprintGate::readerAt(const std::string& window) const {
  const auto found = readers_.find(window);
  if (found == readers_.end()) return std::nullopt;
  return found->second;
}

bool FingerprintGate::connected(const std::string& device_id) const {
  const std::optional<DeviceStatus> status = hub_.device(device_id);
  return status && status->state != "offline";
}

wf::Result<std::string> FingerprintGate::capture(const std::string& window,
                                                 hall::domain::FingerprintPurpose purpose,
                                                 const std::string& clerk) {
  const std::optional<std::string> reader = readerAt(window);
  if (!reader) {
    return wf::Status::invalid("window: 窗口 " + window + " 没有指纹仪",
                               wf::Value(wf::Object{{"field", wf::Value("window")}}));
  }
  const wf::Status not_connected(
      wf::StatusCode::Conflict,
      "窗口指纹仪未连接：窗口 " + window + " 的指纹仪 " + *reader + " 不在线",
      windowDetails(window, *reader));
  if (!connected(*reader)) return not_connected;

  const std::string request_id = randomRequestId();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (pending_.size() >= options_.max_pending) {
      return wf::Status::unavailable("指纹确认请求过多，请稍后再试");
    }
    const bool busy = std::any_of(pending_.begin(), pending_.end(),
                                  [&](const auto& p) { return p.second.device_id == *reader; });
    if (busy) {
      return wf::Status(wf::StatusCode::Conflict,
                        "窗口指纹仪正忙：窗口 " + window + " 的指纹仪正在采集，请稍后再试",
                        windowDetails(window, *reader));
    }
    pending_.emplace(request_id, Pending{*reader, std::nullopt});
  }
  const protocol::FingerprintCapture request{request_id,
                                             purpose == hall::domain::FingerprintPurpose::Enroll
                                                 ? protocol::FingerprintPurpose::Enroll
                                                 : protocol::FingerprintPurpose::Verify,
                                             clerk};
  std::optional<protocol::DeviceMessage> answer;
  bool gone = !hub_.send(*reader, request);
  {
    std::unique_lock<std::mutex> lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + options_.deadline;
    while (!gone) {
      const auto now = std::chrono::steady_clock::now();
      if (now >= deadline) break;
      Pending& pending = pending_.at(request_id);
      if (answered_.wait_until(lock, std::min(deadline, now + options_.poll),
                               [&] { return pending.answer.has_value(); })) {
        break;
      }
      // Not under our lock: the hub calls answered() under its own.
      lock.unlock();
      gone = !connected(*reader);
      lock.lock();
    }
    answer = std::move(pending_.at(request_id).answer);
    pending_.erase(request_id);
  }

  if (answer) {
    if (const auto* captured = std::get_if<protocol::Fingerprint>(&*answer)) {
      return captured->template_base64;
    }
    const auto& failed = std::get<protocol::FingerprintFailed>(*answer);
    logger().information("reader %s at %s: capture for %s failed: %s", *reader, window, clerk,
                         std::string(protocol::failureName(failed.reason)));
    wf::Object details = windowDetails(window, *reader).asObject();
    details["reason"] = wf::Value(protocol::failureName(failed.reason));
    return wf::Status(wf::StatusCode::Conflict, failureText(failed.reason),
                      wf::Value(std::move(details)));
  }
  if (gone) return not_connected;
  logger().warning("reader %s at %s: no answer for %s within %s ms", *reader, window, clerk,
                   std::to_string(options_.deadline.count()));
  return wf::Status(wf::StatusCode::Conflict,
                    "指纹确认超时：窗口 " + window + " 的指纹仪 " +
                        durationText(options_.deadline) + "内没有回应",
                    windowDetails(window, *reader));
}

void FingerprintGate::answered(const std::string& device_id,
                               const protocol::DeviceMessage& message) {
  const std::string* request_id = nullptr;
  if (const auto* m = std::get_if<protocol::Fingerprint>(&message)) request_id = &m->request_id;
  if (const auto* m = std::get_if<protocol::FingerprintFailed>(&message)) {
    request_id = &m->request_id;
  }
  if (request_id == nullptr) return;
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = pending_.find(*request_id);
  if (found == pending_.end() || found->second.device_id != device_id ||
      found->second.answer.has_value()) {
    logger().warning("device %s: fingerprint answer to no waiting request (%s); dropped", device_id,
                     *request_id);
    return;
  }
  found->second.answer = message;
  answered_.notify_all();
}

}  // namespace portal::web
