// Checking a signed request that a city platform sends the hall (a
// callback), by the same contract the hall signs its own requests with
// (request_signer.h): X-Ca-Key must be the platform's app id, X-Ca-Timestamp
// within 300 s of our clock, the signature HMAC-SM3 over the request as it
// came (or, for a platform that signs with a certificate, SM2 over the same
// string to sign: Sm2SignatureCheck), and X-Ca-Nonce never seen before
// within 600 s (NonceBook, durable,
// so a restart does not reopen the window). Checked in that order; the nonce
// is recorded only once everything else holds, so a forged request burns no
// nonce and changes nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "connectors/common/sm2_signature.h"
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

// How a callback's X-Ca-Signature is checked against the string to sign.
class SignatureCheck {
 public:
  virtual ~SignatureCheck() = default;
  // Whether `signature` has the scheme's form at all (else SIGNATURE_MISSING).
  virtual bool wellFormed(std::string_view signature) const = 0;
  // Whether `signature` signs `string_to_sign`.
  virtual bool matches(std::string_view string_to_sign, std::string_view signature) const = 0;
  // The form, for the refusal's message ("64 hex").
  virtual std::string_view form() const = 0;
};

// HMAC-SM3 with the shared key, as lower-case hex.
class HmacSm3Check final : public SignatureCheck {
 public:
  explicit HmacSm3Check(std::string key) : key_(std::move(key)) {}
  bool wellFormed(std::string_view signature) const override;
  bool matches(std::string_view string_to_sign, std::string_view signature) const override;
  std::string_view form() const override { return "64 hex"; }

 private:
  const std::string key_;
};

// SM2 (Sm2Key) with the platform's public key, as base64 DER.
class Sm2SignatureCheck final : public SignatureCheck {
 public:
  explicit Sm2SignatureCheck(Sm2Key key) : key_(std::move(key)) {}
  bool wellFormed(std::string_view signature) const override;
  bool matches(std::string_view string_to_sign, std::string_view signature) const override;
  std::string_view form() const override { return "base64 of a DER SM2 signature"; }

 private:
  const Sm2Key key_;
};

// Unauthenticated with details {reason: SIGNATURE_MISSING | APP_UNKNOWN |
// TIMESTAMP_EXPIRED | SIGNATURE_INVALID | NONCE_REPLAYED} when refused.
wf::Status verifySignedRequest(const SignedRequest& request, const std::string& platform,
                               std::string_view expected_app, std::string_view key,
                               NonceBook& nonces, int64_t now_ms);
// The same, the signature checked by `check`.
wf::Status verifySignedRequest(const SignedRequest& request, const std::string& platform,
                               std::string_view expected_app, const SignatureCheck& check,
                               NonceBook& nonces, int64_t now_ms);

}  // namespace connectors
