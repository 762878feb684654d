#include "connectors/common/request_signer.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <array>
#include <memory>
#include <stdexcept>

namespace connectors {

namespace {

std::string hex(const unsigned char* data, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 0x0f];
  }
  return out;
}

}  // namespace

std::string sm3Hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, "SM3", nullptr),
                                                     EVP_MD_free);
  if (!md || EVP_Digest(data.data(), data.size(), digest.data(), &size, md.get(), nullptr) != 1) {
    throw std::runtime_error("SM3 is not available from OpenSSL");
  }
  return hex(digest.data(), size);
}

std::string hmacSm3Hex(std::string_view key, std::string_view data) {
  std::unique_ptr<EVP_MAC, decltype(&EVP_MAC_free)> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr),
                                                        EVP_MAC_free);
  if (!mac) throw std::runtime_error("HMAC is not available from OpenSSL");
  std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> ctx(EVP_MAC_CTX_new(mac.get()),
                                                                EVP_MAC_CTX_free);
  char digest_name[] = "SM3";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
      OSSL_PARAM_construct_end()};
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  size_t size = 0;
  if (!ctx ||
      EVP_MAC_init(ctx.get(), reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                   params) != 1 ||
      EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(data.data()), data.size()) !=
          1 ||
      EVP_MAC_final(ctx.get(), out.data(), &size, out.size()) != 1) {
    throw std::runtime_error("HMAC-SM3 failed");
  }
  return hex(out.data(), size);
}

std::string stringToSign(std::string_view method, std::string_view path_with_query,
                         std::string_view timestamp, std::string_view nonce,
                         std::string_view body) {
  std::string out;
  out.append(method).append("\n");
  out.append(path_with_query).append("\n");
  out.append(timestamp).append("\n");
  out.append(nonce).append("\n");
  out.append(sm3Hex(body));
  return out;
}

std::string randomNonce() {
  std::array<unsigned char, 16> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    throw std::runtime_error("no randomness for a nonce");
  }
  return hex(random.data(), random.size());
}

RequestSignature signRequest(std::string_view app_id, std::string_view key, std::string_view method,
                             std::string_view path_with_query, std::string_view body,
                             int64_t now_ms) {
  RequestSignature s;
  s.app_id = std::string(app_id);
  s.timestamp_ms = now_ms;
  s.nonce = randomNonce();
  s.signature =
      hmacSm3Hex(key, stringToSign(method, path_with_query, std::to_string(now_ms), s.nonce, body));
  return s;
}

}  // namespace connectors
