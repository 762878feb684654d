// Device keys: a device proves who it is with
//   key = hex(HMAC-SHA256(hall device secret, deviceId))
// 64 lower-case hex digits. The secret is used byte for byte as the server
// holds it (the text of device.secret, or HALL_DEVICE_SECRET), so a tool can
// derive a key with `printf %s strip-W01 | openssl dgst -sha256 -hmac "$SECRET"`.
// Keys are written into a device once when it is installed; the secret never
// leaves the server.
//
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace devices::protocol {

std::string deviceKey(std::string_view secret, std::string_view device_id);

// Whether `presented` is `expected`, in time that depends neither on where
// they differ nor on their lengths, so a key cannot be guessed byte by byte.
bool keysMatch(std::string_view expected, std::string_view presented);

}  // namespace devices::protocol
