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

wf::Status verifySignedRequest(const SignedRequest& request, const std::string& platform,
                               std::string_view expected_app, std::string_view key,
                               NonceBook& nonces, int64_t now_ms) {
  int64_t timestamp = 0;
  const std::string& t = request.timestamp;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), timestamp);
  if (request.app_id.empty() || request.signature.size() != 64 || !isHex(request.signature) ||
      request.nonce.size() < 16 || request.nonce.size() > 64 || !isHex(request.nonce) ||
      ec != std::errc() || end != t.data() + t.size()) {
    return refused("SIGNATURE_MISSING",
                   "X-Ca-Key, X-Ca-Timestamp, X-Ca-Nonce (16-64 hex) and X-Ca-Signature (64 hex) "
                   "are required");
  }
  if (request.app_id != expected_app) {
    return refused("APP_UNKNOWN", "X-Ca-Key " + request.app_id + " may not call for " + platform);
  }
  if (timestamp < now_ms - kTimestampWindowMs || timestamp > now_ms + kTimestampWindowMs) {
    return refused("TIMESTAMP_EXPIRED", "X-Ca-Timestamp is more than 300 s from the hall's clock");
  }
  const std::string expected = hmacSm3Hex(
      key,
      stringToSign(request.method, request.target, request.timestamp, request.nonce, request.body));
  if (CRYPTO_memcmp(expected.data(), request.signature.data(), expected.size()) != 0) {
    return refused("SIGNATURE_INVALID", "the signature does not match the request");
  }
  ASSIGN_OR_RETURN(const bool first, nonces.remember(platform, request.nonce, now_ms));
  if (!first) return refused("NONCE_REPLAYED", "this X-Ca-Nonce was used already");
  return wf::Status::ok();
}

}  // namespace connectors
