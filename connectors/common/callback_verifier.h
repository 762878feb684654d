// Checking a signed request that a city platform sends the hall (a
// callback), by the same contract the hall signs its own requests with
// (request_signer.h): X-Ca-Key must be the platform's app id, X-Ca-Timestamp
// within 300 s of our clock, the signature HMAC-SM3 over the request as it
// came, and X-Ca-Nonce never seen before within 600 s (NonceBook, durable,
// so a restart does not reopen the window). Checked in that order; the nonce
// is recorded only once everything else holds, so a forged request burns no
// nonce and changes nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "wf/status.h"

namespace connectors {

inline constexpr int64_t kTimestampWindowMs = 300'000;
inline constexpr int64_t kNonceWindowMs = 600'000;

struct SignedRequest {
  std::string method;
  std::string target;  // path and query, as sent
  std::string body;
  std::string app_id;     // X-Ca-Key
  std::string timestamp;  // X-Ca-Timestamp
  std::string nonce;      // X-Ca-Nonce
  std::string signature;  // X-Ca-Signature
};

// Where nonces are remembered (portal/store/soci_nonce_book).
class NonceBook {
 public:
  virtual ~NonceBook() = default;
  // Records the nonce; false when `platform` used it within kNonceWindowMs.
  virtual wf::Result<bool> remember(const std::string& platform, const std::string& nonce,
                                    int64_t now_ms) = 0;
};

// Unauthenticated with details {reason: SIGNATURE_MISSING | APP_UNKNOWN |
// TIMESTAMP_EXPIRED | SIGNATURE_INVALID | NONCE_REPLAYED} when refused.
wf::Status verifySignedRequest(const SignedRequest& request, const std::string& platform,
                               std::string_view expected_app, std::string_view key,
                               NonceBook& nonces, int64_t now_ms);

}  // namespace connectors
