#include "tools/citysim/request_parts.h"

#include <algorithm>

namespace hall::citysim {

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

std::optional<PlatformResponse> objectBody(const PlatformRequest& request, wf::Value* out) {
  std::string error;
  std::optional<wf::Value> json = wf::Value::parseJson(request.body, &error);
  if (!json) return invalidArgument("body", "is not JSON (" + error + ")");
  if (!json->isObject()) return invalidArgument("body", "must be a JSON object");
  *out = std::move(*json);
  return std::nullopt;
}

bool isIdempotencyKey(const std::string& key) {
  return !key.empty() && key.size() <= 128 &&
         std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
}

std::optional<PlatformResponse> idempotencyKey(const PlatformRequest& request, std::string* out) {
  const std::string* key = request.header("Idempotency-Key");
  if (key == nullptr) return invalidArgument("Idempotency-Key", "the header is required");
  if (!isIdempotencyKey(*key)) {
    return invalidArgument("Idempotency-Key", "must be 1 to 128 visible ASCII characters");
  }
  *out = *key;
  return std::nullopt;
}

PlatformResponse notFound(const std::string& what) { return errorResponse(404, "NOT_FOUND", what); }

PlatformResponse methodNotAllowed(const PlatformRequest& request) {
  return errorResponse(405, "METHOD_NOT_ALLOWED",
                       request.method + " is not served at " + request.path);
}

wf::Status fieldRefusal(const std::string& field, const std::string& why) {
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

const char* jsonType(const wf::Value& v) {
  if (v.isArray()) return "an array";
  if (v.isObject()) return "an object";
  if (v.isNumber()) return "a number";
  if (v.isBool()) return "a boolean";
  if (v.isString()) return "a string";
  return "null";
}

wf::Result<std::string> requiredText(const wf::Value& body, const std::string& field,
                                     size_t max_bytes) {
  const wf::Value* v = body.find(field);
  if (v == nullptr || v->isNull()) return fieldRefusal(field, "is required");
  if (!v->isString()) {
    return fieldRefusal(field, std::string("must be a string, not ") + jsonType(*v));
  }
  if (v->asString().empty()) return fieldRefusal(field, "must not be empty");
  if (v->asString().size() > max_bytes) {
    return fieldRefusal(field, "must be at most " + std::to_string(max_bytes) + " bytes");
  }
  return v->asString();
}

bool isCaseCode(std::string_view code) {
  return code.size() == 23 && std::all_of(code.begin(), code.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
         });
}

}  // namespace hall::citysim
