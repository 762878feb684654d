#include "tools/citysim/request_signature.h"

#include <openssl/crypto.h>

#include <algorithm>

#include "wf/status.h"

namespace hall::citysim {

namespace {

bool isLowerHex(std::string_view text, size_t size) {
  return text.size() == size && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

bool isDecimal(std::string_view text) {
  return !text.empty() && text.size() <= 15 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

SignatureRefusal refusal(const char* code, std::string message) {
  return SignatureRefusal{code, std::move(message)};
}

}  // namespace

SignatureHeaders signRequest(std::string_view key, std::string_view app_key,
                             std::string_view method, std::string_view path_with_query,
                             std::string_view body, int64_t timestamp_ms, std::string nonce) {
  SignatureHeaders headers;
  headers.app_key = std::string(app_key);
  headers.timestamp = std::to_string(timestamp_ms);
  headers.nonce = std::move(nonce);
  headers.signature = hmacSm3Hex(
      key, stringToSign(method, path_with_query, headers.timestamp, headers.nonce, body));
  return headers;
}

std::optional<SignatureRefusal> SignatureVerifier::verify(
    const std::optional<std::string>& app_key, const std::optional<std::string>& timestamp,
    const std::optional<std::string>& nonce, const std::optional<std::string>& signature,
    std::string_view method, std::string_view path_with_query, std::string_view body,
    int64_t now_ms) {
  if (!app_key || app_key->empty() || app_key->size() > 128) {
    return refusal("SIGNATURE_MISSING", "X-Ca-Key is missing");
  }
  if (!timestamp || !isDecimal(*timestamp)) {
    return refusal("SIGNATURE_MISSING", "X-Ca-Timestamp must be epoch milliseconds in decimal");
  }
  if (!nonce || !isLowerHex(*nonce, 32)) {
    return refusal("SIGNATURE_MISSING", "X-Ca-Nonce must be 32 lower-case hex characters");
  }
  if (!signature || !isLowerHex(*signature, 64)) {
    return refusal("SIGNATURE_MISSING",
                   "X-Ca-Signature must be 64 lower-case hex characters (HMAC-SM3)");
  }
  if (*app_key != app_key_) {
    return refusal("APP_UNKNOWN", "X-Ca-Key " + *app_key + " is not a known application");
  }
  const int64_t sent_ms = std::stoll(*timestamp);
  if (sent_ms < now_ms - kTimestampToleranceMs || sent_ms > now_ms + kTimestampToleranceMs) {
    return refusal("TIMESTAMP_EXPIRED", "X-Ca-Timestamp " + *timestamp +
                                            " is more than 300 s from " + std::to_string(now_ms));
  }
  const std::string expected =
      hmacSm3Hex(key_, stringToSign(method, path_with_query, *timestamp, *nonce, body));

  std::lock_guard<std::mutex> lock(mutex_);
  forgetOldNonces(now_ms);
  if (nonces_.count(*nonce) != 0) {
    return refusal("NONCE_REPLAYED", "X-Ca-Nonce " + *nonce + " was used within the last 600 s");
  }
  if (CRYPTO_memcmp(expected.data(), signature->data(), expected.size()) != 0) {
    return refusal("SIGNATURE_INVALID", "X-Ca-Signature does not match the request");
  }
  nonces_.insert(*nonce);
  nonce_order_.emplace_back(now_ms, *nonce);
  return std::nullopt;
}

void SignatureVerifier::forgetOldNonces(int64_t now_ms) {
  while (!nonce_order_.empty() && nonce_order_.front().first <= now_ms - kNonceWindowMs) {
    nonces_.erase(nonce_order_.front().second);
    nonce_order_.pop_front();
  }
}

}  // namespace hall::citysim
