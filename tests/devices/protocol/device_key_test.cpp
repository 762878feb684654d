#include "devices/protocol/device_key.h"

#include <gtest/gtest.h>

namespace devices::protocol {
namespace {

TEST(DeviceKey, IsHexOfHmacSha256OfTheIdUnderTheSecret) {
  // RFC 4231, test case 2.
  EXPECT_EQ(deviceKey("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(DeviceKey, MatchesWhatTheOpensslCommandLineDerives) {
  // printf %s strip-W01 | openssl dgst -sha256 -hmac 0123…cdef, as README.md shows.
  EXPECT_EQ(
      deviceKey("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "strip-W01"),
      "451fb2e70e1d17566725784097af861124fe1c353af5d1424ed3bf8340c0081e");
}

TEST(DeviceKey, DiffersPerDeviceAndPerSecret) {
  EXPECT_NE(deviceKey("secret", "strip-W01"), deviceKey("secret", "strip-W02"));
  EXPECT_NE(deviceKey("secret", "strip-W01"), deviceKey("secret2", "strip-W01"));
}

TEST(DeviceKey, KeysMatchOnlyWhenEqual) {
  const std::string key = deviceKey("secret", "strip-W01");
  EXPECT_TRUE(keysMatch(key, key));
  EXPECT_FALSE(keysMatch(key, key.substr(0, 63)));
  EXPECT_FALSE(keysMatch(key, key + "0"));
  EXPECT_FALSE(keysMatch(key, ""));
  std::string flipped = key;
  flipped[10] = flipped[10] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(keysMatch(key, flipped));
}

}  // namespace
}  // namespace devices::protocol
