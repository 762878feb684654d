// The signing of city platform requests (tools/citysim/README.md, "Signing"): the
// string-to-sign, HMAC-SM3 over it with the shared key, and the check a
// platform makes of the X-Ca-* headers — in the contract's order, with a
// window of nonces already seen.
//
// The free functions are pure and safe from any thread. SignatureVerifier
// keeps the nonces it accepted; it is thread-safe (one mutex), and a refused
// request leaves it unchanged.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "connectors/common/request_signer.h"

namespace hall::citysim {

// The contract's primitives are the hall's own (connectors/common): SM3 and
// HMAC-SM3 as hex, the string to sign, a fresh nonce.
using connectors::hmacSm3Hex;
using connectors::randomNonce;
using connectors::sm3Hex;
using connectors::stringToSign;

inline constexpr const char* kHeaderKey = "X-Ca-Key";
inline constexpr const char* kHeaderTimestamp = "X-Ca-Timestamp";
inline constexpr const char* kHeaderNonce = "X-Ca-Nonce";
inline constexpr const char* kHeaderSignature = "X-Ca-Signature";

// How far a request's timestamp may lie from the platform's clock, and how
// long a nonce is remembered.
inline constexpr int64_t kTimestampToleranceMs = 300'000;
inline constexpr int64_t kNonceWindowMs = 600'000;

// The four X-Ca-* header values of a request.
struct SignatureHeaders {
  std::string app_key;
  std::string timestamp;
  std::string nonce;
  std::string signature;
};

// What a caller sends: the headers of `method path_with_query` with `body`,
// signed at `timestamp_ms` with `nonce`.
SignatureHeaders signRequest(std::string_view key, std::string_view app_key,
                             std::string_view method, std::string_view path_with_query,
                             std::string_view body, int64_t timestamp_ms, std::string nonce);

// Why a platform refused a request's signature; the code is the contract's.
struct SignatureRefusal {
  std::string code;  // SIGNATURE_MISSING, APP_UNKNOWN, TIMESTAMP_EXPIRED, NONCE_REPLAYED,
                     // SIGNATURE_INVALID
  std::string message;
};

class SignatureVerifier {
 public:
  // `app_key` is the one known X-Ca-Key; `key` the shared key text.
  SignatureVerifier(std::string app_key, std::string key)
      : app_key_(std::move(app_key)), key_(std::move(key)) {}

  // nullopt when the request is signed right; then its nonce is remembered
  // for kNonceWindowMs. Absent headers are passed as nullopt.
  std::optional<SignatureRefusal> verify(const std::optional<std::string>& app_key,
                                         const std::optional<std::string>& timestamp,
                                         const std::optional<std::string>& nonce,
                                         const std::optional<std::string>& signature,
                                         std::string_view method, std::string_view path_with_query,
                                         std::string_view body, int64_t now_ms);

 private:
  void forgetOldNonces(int64_t now_ms);  // under mutex_

  const std::string app_key_;
  const std::string key_;
  std::mutex mutex_;
  std::deque<std::pair<int64_t, std::string>> nonce_order_;  // (seen at, nonce), oldest first
  std::unordered_set<std::string> nonces_;
};

}  // namespace hall::citysim
