#include "devices/protocol/device_key.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

namespace devices::protocol {

namespace {

using Digest = std::array<unsigned char, 32>;

Digest sha256(std::string_view text) {
  Digest out{};
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), out.data(), &size, EVP_sha256(), nullptr);
  return out;
}

}  // namespace

std::string deviceKey(std::string_view secret, std::string_view device_id) {
  Digest mac{};
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(device_id.data()), device_id.size(), mac.data(),
       &size);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kHex[mac[i] >> 4]);
    hex.push_back(kHex[mac[i] & 0xF]);
  }
  return hex;
}

bool keysMatch(std::string_view expected, std::string_view presented) {
  // Digests have one length whatever was presented, so the comparison takes
  // the same time for a short guess as for a long one.
  const Digest a = sha256(expected);
  const Digest b = sha256(presented);
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace devices::protocol
