// What the simulated platforms share when they check a request: a refusal
// naming its field, the JSON type of a value for the message, a required
// text member, the case code (统一办件编码) and Idempotency-Key shapes, and
// a path cut into its segments.
//
// Pure functions; safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "wf/status.h"
#include "wf/value.h"

namespace hall::citysim {

inline constexpr size_t kMaxTextBytes = 512;

// InvalidArgument "field: why" with details {"field": field}.
wf::Status fieldRefused(const std::string& field, const std::string& why);

// "a string", "an object", … ("null" for null).
const char* jsonTypeName(const wf::Value& value);

// Member `member` of `object`: a non-empty string of at most kMaxTextBytes;
// refused naming `field` (the member's path, "recipient.phone"; `member`
// when empty).
wf::Result<std::string> requiredText(const wf::Value& object, const std::string& member,
                                     const std::string& field = {});

// 23 characters of 0-9 and A-Z (the check character is not verified).
bool isCaseCode(std::string_view code);

// 1–128 visible ASCII characters.
bool isIdempotencyKey(std::string_view key);

// "/a//b/c" → {"a", "b", "c"}.
std::vector<std::string> pathSegments(std::string_view path);

}  // namespace hall::citysim
