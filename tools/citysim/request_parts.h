// What the simulated platforms share when they read a request: its path in
// segments, its JSON object body, the Idempotency-Key header, the checks of
// a body's members (each refusal names the field, as the contract's error
// bodies do) and the common 400 / 404 / 405 answers.
//
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/citysim/platform.h"
#include "wf/status.h"
#include "wf/value.h"

namespace hall::citysim {

// "a string", "an object", … — for "must be a string, not a number".
const char* jsonTypeName(const wf::Value& v);

// "/a/b/c" → {"a", "b", "c"}; empty segments are skipped.
std::vector<std::string> segmentsOf(std::string_view path);

// 1–128 visible ASCII characters.
bool isIdempotencyKey(const std::string& key);

// The request's Idempotency-Key, or the 400 (field Idempotency-Key) that
// refuses it.
std::optional<PlatformResponse> idempotencyKeyOf(const PlatformRequest& request, std::string* key);

// The request's JSON object body, or the 400 (field body) that refuses it.
std::optional<PlatformResponse> objectBody(const PlatformRequest& request, wf::Value* out);

PlatformResponse notFound(const std::string& what);
PlatformResponse methodNotAllowed(const PlatformRequest& request);

// InvalidArgument "field: why" with details {field}.
wf::Status fieldRefused(const std::string& field, const std::string& why);
// The field a refusal made by fieldRefused names ("body" when none).
std::string fieldOf(const wf::Status& status);
// The 400 for a refusal made by fieldRefused.
PlatformResponse refusalResponse(const wf::Status& status);

// A member that must be a non-empty string of at most `max_bytes`.
wf::Result<std::string> requiredString(const wf::Value& object, const std::string& field,
                                       size_t max_bytes = 512);
// The same for member `member` of a nested object, refused naming `path`
// ("recipient.phone").
wf::Result<std::string> requiredStringAt(const wf::Value& object, const std::string& member,
                                         const std::string& path, size_t max_bytes = 512);
// The same, "" when absent or null.
wf::Result<std::string> optionalString(const wf::Value& object, const std::string& field,
                                       size_t max_bytes = 512);

// `id` of `id_type` "ID_CARD" (GB 11643, the birth date not after
// `today_yyyymmdd`) or "USCC" (GB 32100, the check character right);
// refused naming `field`.
wf::Status checkPartyId(const std::string& field, const std::string& id_type, const std::string& id,
                        int today_yyyymmdd);

// The same two as the 400 that refuses the member, the value in `out`.
std::optional<PlatformResponse> requiredText(const wf::Value& object, const std::string& field,
                                             size_t max_bytes, std::string* out);
// A whole-number member in [low, high] in `out`, or the 400 naming it.
std::optional<PlatformResponse> wholeNumber(const wf::Value& object, const std::string& field,
                                            int64_t low, int64_t high, int64_t* out);

// "2026-11-29": the Beijing (UTC+8) date at `epoch_ms`.
std::string beijingDay(int64_t epoch_ms);
// yyyymmdd of the Beijing date at `now_ms`.
int beijingDate(int64_t now_ms);

// 23 characters of 0-9 and A-Z: the shape of a 统一办件编码 (its check
// character is not verified by the simulator).
bool isCaseCode(std::string_view code);

}  // namespace hall::citysim
