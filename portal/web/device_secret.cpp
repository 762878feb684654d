#include "portal/web/device_secret.h"

#include <utility>

#include "devices/protocol/device_key.h"

namespace portal::web {

wf::Result<DeviceSecret> DeviceSecret::load(const std::optional<std::string>& from_env,
                                            const std::filesystem::path& dir) {
  ASSIGN_OR_RETURN(SecretFile secret, SecretFile::load(from_env, dir, kFileName, "device secret"));
  return DeviceSecret(std::move(secret.value), secret.source, std::move(secret.file));
}

std::string DeviceSecret::keyFor(std::string_view device_id) const {
  return devices::protocol::deviceKey(value_, device_id);
}

}  // namespace portal::web
