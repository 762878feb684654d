// DeviceSecret: the hall device secret, from which every device's key is
// derived (devices/protocol/device_key.h: key = hex(HMAC-SHA256(secret,
// deviceId))). It is HALL_DEVICE_SECRET when that is set — every node of a
// multi-node hall must share it — and otherwise 32 random bytes (hex) kept
// in `device.secret` beside the database, created with mode 0600 at the
// first start and reused later (SecretFile). No secret is in the repository;
// keys for devices are derived from this one when they are installed.
//
// Immutable after load; safe to share between threads.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "portal/web/secret_file.h"
#include "wf/status.h"

namespace portal::web {

class DeviceSecret {
 public:
  using Source = SecretSource;

  // `from_env`: the value of HALL_DEVICE_SECRET (nullopt or blank: unset);
  // `dir`: where device.secret lives (SecretFile::dirForDatabase).
  static wf::Result<DeviceSecret> load(const std::optional<std::string>& from_env,
                                       const std::filesystem::path& dir);

  // The key device `device_id` must present when it registers.
  std::string keyFor(std::string_view device_id) const;

  const std::string& value() const { return value_; }
  Source source() const { return source_; }
  // The file the secret was read from or written to; empty for Environment.
  const std::filesystem::path& file() const { return file_; }

  static constexpr std::string_view kFileName = "device.secret";
  static constexpr std::string_view kEnvironmentVariable = "HALL_DEVICE_SECRET";

 private:
  DeviceSecret(std::string value, Source source, std::filesystem::path file)
      : value_(std::move(value)), source_(source), file_(std::move(file)) {}

  std::string value_;
  Source source_;
  std::filesystem::path file_;
};

}  // namespace portal::web
