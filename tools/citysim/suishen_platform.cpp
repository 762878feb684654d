#include "tools/citysim/suishen_platform.h"

#include <openssl/crypto.h>

#include <charconv>
#include <cstdio>
#include <vector>

#include "portal/domain/id_number.h"
#include "tools/citysim/request_parts.h"
#include "tools/citysim/request_signature.h"

namespace hall::citysim {

namespace {

constexpr const char* kScheme = "SSM1";
constexpr int64_t kMaxTtlMs = 86'400'000;

std::vector<std::string> partsOf(const std::string& code) {
  std::vector<std::string> parts;
  size_t at = 0;
  while (true) {
    const size_t dot = code.find('.', at);
    parts.push_back(code.substr(at, dot == std::string::npos ? std::string::npos : dot - at));
    if (dot == std::string::npos) return parts;
    at = dot + 1;
  }
}

PlatformResponse codeInvalid(const std::string& why) {
  return errorResponse(400, "CODE_INVALID", "code: " + why, "code");
}

}  // namespace

std::string SuishenPlatform::signatureOf(const std::string& signed_part) const {
  return hmacSm3Hex(key_, signed_part).substr(0, 32);
}

PlatformResponse SuishenPlatform::handle(const PlatformRequest& request, PlatformStats& stats) {
  const std::vector<std::string> s =
      segmentsOf(std::string_view(request.path).substr(prefix().size()));
  if (s.size() == 1 && s[0] == "codes") {
    if (request.method == "POST") return issue(request, stats);
    return methodNotAllowed(request);
  }
  if (s.size() == 2 && s[0] == "codes" && s[1] == "verify") {
    if (request.method == "POST") return verify(request);
    return methodNotAllowed(request);
  }
  return notFound("no endpoint of 随申码 at " + request.path);
}

PlatformResponse SuishenPlatform::issue(const PlatformRequest& request, PlatformStats& stats) {
  wf::Value body;
  if (auto refusal = objectBody(request, &body)) return *refusal;
  Holder holder;
  if (auto refusal = requiredText(body, "name", 128, &holder.name)) return *refusal;
  if (auto refusal = requiredText(body, "idNumber", 128, &holder.id_number)) return *refusal;
  if (const wf::Status valid =
          hall::domain::validateIdNumber(holder.id_number, beijingDate(request.now_ms));
      !valid.isOk()) {
    return invalidArgument("idNumber", valid.message());
  }
  if (const wf::Value* phone = body.find("phone"); phone != nullptr && !phone->isNull()) {
    if (!phone->isString() || !hall::domain::validPhone(phone->asString())) {
      return invalidArgument("phone", "expected an 11-digit mobile number starting with 1");
    }
    holder.phone = phone->asString();
  }
  int64_t ttl = kDefaultTtlMs;
  if (const wf::Value* t = body.find("ttlMs"); t != nullptr && !t->isNull()) {
    if (auto refusal = wholeNumber(body, "ttlMs", 1, kMaxTtlMs, &ttl)) return *refusal;
  }
  const int64_t expires_at = request.now_ms + ttl;
  std::string serial;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    char text[24];
    std::snprintf(text, sizeof(text), "%010lld", static_cast<long long>(++sequence_));
    serial = text;
    holders_.emplace(serial, holder);
  }
  ++stats.issued;
  const std::string signed_part =
      std::string(kScheme) + "." + serial + "." + std::to_string(expires_at);
  return jsonResponse(
      201, wf::Value(wf::Object{{"code", wf::Value(signed_part + "." + signatureOf(signed_part))},
                                {"expiresAt", wf::Value(expires_at)}}));
}

PlatformResponse SuishenPlatform::verify(const PlatformRequest& request) {
  wf::Value body;
  if (auto refusal = objectBody(request, &body)) return *refusal;
  std::string code;
  const wf::Value* v = body.find("code");
  if (v == nullptr || v->isNull()) return invalidArgument("code", "is required");
  if (!v->isString()) return invalidArgument("code", "must be a string");
  code = v->asString();
  if (code.empty() || code.size() > 256) return codeInvalid("not a 随申码");
  const std::vector<std::string> parts = partsOf(code);
  if (parts.size() != 4 || parts[0] != kScheme) return codeInvalid("not a 随申码");
  const std::string signed_part = parts[0] + "." + parts[1] + "." + parts[2];
  const std::string expected = signatureOf(signed_part);
  if (parts[3].size() != expected.size() ||
      CRYPTO_memcmp(expected.data(), parts[3].data(), expected.size()) != 0) {
    return codeInvalid("the signature does not match (tampered or not issued here)");
  }
  int64_t expires_at = 0;
  const auto [end, ec] =
      std::from_chars(parts[2].data(), parts[2].data() + parts[2].size(), expires_at);
  if (ec != std::errc() || end != parts[2].data() + parts[2].size()) {
    return codeInvalid("not a 随申码");
  }
  if (request.now_ms > expires_at) {
    return errorResponse(400, "CODE_EXPIRED",
                         "code: expired " + std::to_string(request.now_ms - expires_at) +
                             " ms ago; show a fresh one",
                         "code");
  }
  Holder holder;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = holders_.find(parts[1]);
    if (found == holders_.end()) return codeInvalid("unknown code");
    holder = found->second;
  }
  wf::Object answer{{"name", wf::Value(holder.name)},
                    {"idNumber", wf::Value(holder.id_number)},
                    {"expiresAt", wf::Value(expires_at)}};
  answer.emplace("phone", holder.phone.empty() ? wf::Value() : wf::Value(holder.phone));
  return jsonResponse(200, wf::Value(std::move(answer)));
}

}  // namespace hall::citysim
