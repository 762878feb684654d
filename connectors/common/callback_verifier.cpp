#include "connectors/common/callback_verifier.h"

#include <openssl/crypto.h>

#include <charconv>

#include "connectors/common/request_signer.h"

namespace connectors {

namespace {

wf::Status refused(const char* reason, const std::string& why) {
  return wf::Status(wf::StatusCode::Unauthenticated, std::string(reason) + ": " + why,
                    wf::Value(wf::Object{{"reason", wf::Value(reason)}}));
}

bool isHex(std::string_view s) {
  return s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

bool HmacSm3Check::wellFormed(std::string_view signature) const {
  return signature.size() == 64 && isHex(signature);
}

bool HmacSm3Check::matches(std::string_view string_to_sign, std::string_view signature) const {
  const std::string expected = hmacSm3Hex(key_, string_to_sign);
  return expected.size() == signature.size() &&
         CRYPTO_memcmp(expected.data(), signature.data(), expected.size()) == 0;
}

// A DER SM2 signature is at most 72 bytes: 96 base64 characters.
bool Sm2SignatureCheck::wellFormed(std::string_view signature) const {
  return !signature.empty() && signature.size() <= 96;
}

bool Sm2SignatureCheck::matches(std::string_view string_to_sign, std::string_view signature) const {
  return key_.verify(string_to_sign, signature);
}

wf::Status verifySignedRequest(const SignedRequest& request, const std::string& platform,
                               std::string_view expected_app, std::string_view key,
                               NonceBook& nonces, int64_t now_ms) {
  return verifySignedRequest(request, platform, expected_app, HmacSm3Check(std::string(key)),
                             nonces, now_ms);
}

wf::Status verifySignedRequest(const SignedRequest& request, const std::string& platform,
                               std::string_view expected_app, const SignatureCheck& check,
                               NonceBook& nonces, int64_t now_ms) {
  int64_t timestamp = 0;
  const std::string& t = request.timestamp;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), timestamp);
  if (request.app_id.empty() || !check.wellFormed(request.signature) || request.nonce.size() < 16 ||
      request.nonce.size() > 64 || !isHex(request.nonce) || ec != std::errc() ||
      end != t.data() + t.size()) {
    return refused("SIGNATURE_MISSING",
                   "X-Ca-Key, X-Ca-Timestamp, X-Ca-Nonce (16-64 hex) and X-Ca-Signature (" +
                       std::string(check.form()) + ") are required");
  }
  if (request.app_id != expected_app) {
    return refused("APP_UNKNOWN", "X-Ca-Key " + request.app_id + " may not call for " + platform);
  }
  if (timestamp < now_ms - kTimestampWindowMs || timestamp > now_ms + kTimestampWindowMs) {
    return refused("TIMESTAMP_EXPIRED", "X-Ca-Timestamp is more than 300 s from the hall's clock");
  }
  if (!check.matches(stringToSign(request.method, request.target, request.timestamp, request.nonce,
                                  request.body),
                     request.signature)) {
    return refused("SIGNATURE_INVALID", "the signature does not match the request");
  }
  ASSIGN_OR_RETURN(const bool first, nonces.remember(platform, request.nonce, now_ms));
  if (!first) return refused("NONCE_REPLAYED", "this X-Ca-Nonce was used already");
  return wf::Status::ok();
}

}  // namespace connectors
