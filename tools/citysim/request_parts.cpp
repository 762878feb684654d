#include "tools/citysim/request_parts.h"

#include <algorithm>

#include "portal/domain/id_number.h"
#include "tools/citysim/credit_code.h"

namespace hall::citysim {

namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kBeijingOffsetMs = 8 * 3'600'000;

}  // namespace

const char* jsonTypeName(const wf::Value& v) {
  if (v.isArray()) return "an array";
  if (v.isObject()) return "an object";
  if (v.isNumber()) return "a number";
  if (v.isBool()) return "a boolean";
  if (v.isString()) return "a string";
  return "null";
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

std::optional<PlatformResponse> idempotencyKeyOf(const PlatformRequest& request, std::string* key) {
  const std::string* header = request.header("Idempotency-Key");
  if (header == nullptr) return invalidArgument("Idempotency-Key", "the header is required");
  if (!isIdempotencyKey(*header)) {
    return invalidArgument("Idempotency-Key", "must be 1 to 128 visible ASCII characters");
  }
  *key = *header;
  return std::nullopt;
}

std::optional<PlatformResponse> objectBody(const PlatformRequest& request, wf::Value* out) {
  std::string error;
  std::optional<wf::Value> json = wf::Value::parseJson(request.body, &error);
  if (!json) return invalidArgument("body", "is not JSON (" + error + ")");
  if (!json->isObject()) return invalidArgument("body", "must be a JSON object");
  *out = std::move(*json);
  return std::nullopt;
}

PlatformResponse notFound(const std::string& what) { return errorResponse(404, "NOT_FOUND", what); }

PlatformResponse methodNotAllowed(const PlatformRequest& request) {
  return errorResponse(405, "METHOD_NOT_ALLOWED",
                       request.method + " is not served at " + request.path);
}

wf::Status fieldRefused(const std::string& field, const std::string& why) {
  return wf::Status::invalid(field + ": " + why,
                             wf::Value(wf::Object{{"field", wf::Value(field)}}));
}

std::string fieldOf(const wf::Status& status) {
  const wf::Value* field = status.details().find("field");
  return field != nullptr && field->isString() ? field->asString() : std::string("body");
}

PlatformResponse refusalResponse(const wf::Status& status) {
  return errorResponse(400, "INVALID_ARGUMENT", status.message(), fieldOf(status));
}

wf::Result<std::string> requiredString(const wf::Value& object, const std::string& field,
                                       size_t max_bytes) {
  return requiredStringAt(object, field, field, max_bytes);
}

wf::Result<std::string> requiredStringAt(const wf::Value& object, const std::string& member,
                                         const std::string& path, size_t max_bytes) {
  const wf::Value* v = object.isObject() ? object.find(member) : nullptr;
  if (v == nullptr || v->isNull()) return fieldRefused(path, "is required");
  if (!v->isString()) {
    return fieldRefused(path, std::string("must be a string, not ") + jsonTypeName(*v));
  }
  if (v->asString().empty()) return fieldRefused(path, "must not be empty");
  if (v->asString().size() > max_bytes) {
    return fieldRefused(path, "must be at most " + std::to_string(max_bytes) + " bytes");
  }
  return v->asString();
}

wf::Result<std::string> optionalString(const wf::Value& object, const std::string& field,
                                       size_t max_bytes) {
  const wf::Value* v = object.isObject() ? object.find(field) : nullptr;
  if (v == nullptr || v->isNull()) return std::string();
  return requiredString(object, field, max_bytes);
}

wf::Status checkPartyId(const std::string& field, const std::string& id_type, const std::string& id,
                        int today_yyyymmdd) {
  if (id_type == "USCC") {
    const std::string problem = creditCodeProblem(id);
    return problem.empty() ? wf::Status::ok() : fieldRefused(field, problem);
  }
  const wf::Status status = hall::domain::validateIdNumber(id, today_yyyymmdd);
  if (status.isOk()) return status;
  // portal/domain names its own field ("idNumber: …").
  std::string why = status.message();
  if (const size_t colon = why.find(": "); colon != std::string::npos) why.erase(0, colon + 2);
  return fieldRefused(field, why);
}

std::optional<PlatformResponse> requiredText(const wf::Value& object, const std::string& field,
                                             size_t max_bytes, std::string* out) {
  wf::Result<std::string> text = requiredString(object, field, max_bytes);
  if (!text.ok()) return refusalResponse(text.status());
  *out = std::move(text).value();
  return std::nullopt;
}

std::optional<PlatformResponse> wholeNumber(const wf::Value& object, const std::string& field,
                                            int64_t low, int64_t high, int64_t* out) {
  const wf::Value* v = object.isObject() ? object.find(field) : nullptr;
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

std::string beijingDay(int64_t epoch_ms) {
  const int64_t local = epoch_ms + kBeijingOffsetMs;
  return wf::formatDate(wf::Date{local / kDayMs - (local % kDayMs < 0 ? 1 : 0)});
}

int beijingDate(int64_t now_ms) {
  const std::string text = beijingDay(now_ms);
  return std::stoi(text.substr(0, 4)) * 10000 + std::stoi(text.substr(5, 2)) * 100 +
         std::stoi(text.substr(8, 2));
}

bool isCaseCode(std::string_view code) {
  return code.size() == 23 && std::all_of(code.begin(), code.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
         });
}

}  // namespace hall::citysim
