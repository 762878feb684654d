// What the simulated platforms share when they read a request: its path
// split into segments, its JSON object body, the Idempotency-Key header, and
// the 404 and 405 answers of the contract.
//
// Pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/citysim/platform.h"
#include "wf/status.h"
#include "wf/value.h"

namespace hall::citysim {

// "/licences/lic-1/revoke" → {"licences", "lic-1", "revoke"}.
std::vector<std::string> segmentsOf(std::string_view path);

// The JSON object body of a request in *out, or the 400 that refuses it
// (field "body").
std::optional<PlatformResponse> objectBody(const PlatformRequest& request, wf::Value* out);

// 1–128 visible ASCII characters.
bool isIdempotencyKey(const std::string& key);

// The request's Idempotency-Key in *out, or the 400 that refuses it (absent
// or ill-formed).
std::optional<PlatformResponse> idempotencyKey(const PlatformRequest& request, std::string* out);

PlatformResponse notFound(const std::string& what);
PlatformResponse methodNotAllowed(const PlatformRequest& request);

// InvalidArgument "field: why" with details {"field": field}: how the
// platforms' parsers refuse a member.
wf::Status fieldRefusal(const std::string& field, const std::string& why);
// The field such a Status names ("body" when none).
std::string fieldOf(const wf::Status& status);
// 400 INVALID_ARGUMENT naming the field of a refusal.
PlatformResponse refusalResponse(const wf::Status& status);
// "an array", "a number" …: a JSON value's type for a message.
const char* jsonType(const wf::Value& v);
// A member that must be a non-empty string of at most `max_bytes` bytes.
wf::Result<std::string> requiredText(const wf::Value& body, const std::string& field,
                                     size_t max_bytes = 512);

// 23 characters of 0-9 and A-Z: the shape of a 统一办件编码 (its check
// character is not verified by the simulator).
bool isCaseCode(std::string_view code);

}  // namespace hall::citysim
