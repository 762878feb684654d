#include "tools/citysim/platform.h"

#include <algorithm>
#include <utility>

namespace hall::citysim {

PlatformResponse errorResponse(int status, std::string_view code, std::string message,
                               std::string_view field) {
  wf::Object body{{"code", wf::Value(code)}, {"message", wf::Value(std::move(message))}};
  if (!field.empty()) body.emplace("field", wf::Value(field));
  return PlatformResponse{status, wf::Value(std::move(body)).toJson()};
}

PlatformResponse invalidArgument(std::string_view field, std::string_view why) {
  return errorResponse(400, "INVALID_ARGUMENT", std::string(field) + ": " + std::string(why),
                       field);
}

PlatformResponse jsonResponse(int status, const wf::Value& body) {
  return PlatformResponse{status, body.toJson()};
}

PlatformResponse notFound(const std::string& what) { return errorResponse(404, "NOT_FOUND", what); }

PlatformResponse methodNotAllowed(const PlatformRequest& request) {
  return errorResponse(405, "METHOD_NOT_ALLOWED",
                       request.method + " is not served at " + request.path);
}

std::optional<PlatformResponse> objectBody(const PlatformRequest& request, wf::Value* out) {
  std::string error;
  std::optional<wf::Value> json = wf::Value::parseJson(request.body, &error);
  if (!json) return invalidArgument("body", "is not JSON (" + error + ")");
  if (!json->isObject()) return invalidArgument("body", "must be a JSON object");
  *out = std::move(*json);
  return std::nullopt;
}

std::optional<PlatformResponse> requiredText(const wf::Value& body, const char* field,
                                             size_t max_bytes, std::string* out) {
  const wf::Value* v = body.find(field);
  if (v == nullptr || v->isNull()) return invalidArgument(field, "is required");
  if (!v->isString()) return invalidArgument(field, "must be a string");
  if (v->asString().empty() || v->asString().size() > max_bytes) {
    return invalidArgument(field, "must be 1 to " + std::to_string(max_bytes) + " bytes");
  }
  *out = v->asString();
  return std::nullopt;
}

std::optional<PlatformResponse> wholeNumber(const wf::Value& body, const char* field, int64_t low,
                                            int64_t high, int64_t* out) {
  const wf::Value* v = body.find(field);
  if (v == nullptr || v->isNull()) return invalidArgument(field, "is required");
  const std::string range =
      "expected a whole number from " + std::to_string(low) + " to " + std::to_string(high);
  if (!v->isNumber()) return invalidArgument(field, range);
  const double d = v->asNumber();
  if (!(d >= static_cast<double>(low) && d <= static_cast<double>(high)) ||
      d != static_cast<double>(static_cast<int64_t>(d))) {
    return invalidArgument(field, range);
  }
  *out = static_cast<int64_t>(d);
  return std::nullopt;
}

std::vector<std::string> segmentsOf(std::string_view path) {
  std::vector<std::string> segments;
  size_t at = 0;
  while (at < path.size()) {
    if (path[at] == '/') {
      ++at;
      continue;
    }
    const size_t end = std::min(path.find('/', at), path.size());
    segments.emplace_back(path.substr(at, end - at));
    at = end;
  }
  return segments;
}

bool isIdempotencyKey(const std::string& key) {
  return !key.empty() && key.size() <= 128 &&
         std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
}

std::string beijingDay(int64_t epoch_ms) {
  constexpr int64_t kDayMs = 86'400'000;
  constexpr int64_t kBeijingOffsetMs = 8 * 3'600'000;
  const int64_t local = epoch_ms + kBeijingOffsetMs;
  return wf::formatDate(wf::Date{local / kDayMs - (local % kDayMs < 0 ? 1 : 0)});
}

wf::Value PlatformStats::toValue() const {
  return wf::Value(wf::Object{{"requests", wf::Value(requests.load())},
                              {"issued", wf::Value(issued.load())},
                              {"duplicates", wf::Value(duplicates.load())},
                              {"refused", wf::Value(refused.load())},
                              {"faulted", wf::Value(faulted.load())}});
}

}  // namespace hall::citysim
