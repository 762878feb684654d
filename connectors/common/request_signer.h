// Request signing for the city platforms (tools/citysim/README.md has the
// contract): each request carries X-Ca-Key (the hall's app id),
// X-Ca-Timestamp (epoch ms), X-Ca-Nonce (128 random bits, hex) and
// X-Ca-Signature = hex HMAC-SM3(key, METHOD \n PATH?QUERY \n TIMESTAMP \n
// NONCE \n hex SM3(body)). The same scheme signs the platforms' callbacks
// to the hall.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace connectors {

// Lower-case hex SM3 digest.
std::string sm3Hex(std::string_view data);
// Lower-case hex HMAC-SM3 (OpenSSL EVP_MAC "HMAC", digest "SM3").
std::string hmacSm3Hex(std::string_view key, std::string_view data);

// `timestamp` as it is sent (decimal epoch ms).
std::string stringToSign(std::string_view method, std::string_view path_with_query,
                         std::string_view timestamp, std::string_view nonce, std::string_view body);
// 32 lower-case hex characters (128 bits) from OpenSSL's random source.
std::string randomNonce();

struct RequestSignature {
  std::string app_id;
  int64_t timestamp_ms = 0;
  std::string nonce;
  std::string signature;
};

// Signs one request with a fresh random nonce.
RequestSignature signRequest(std::string_view app_id, std::string_view key, std::string_view method,
                             std::string_view path_with_query, std::string_view body,
                             int64_t now_ms);

}  // namespace connectors
