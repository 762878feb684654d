#include "tools/citysim/request_fields.h"

#include <algorithm>

namespace hall::citysim {

wf::Status fieldRefused(const std::string& field, const std::string& why) {
  return wf::Status::invalid(field + ": " + why,
                             wf::Value(wf::Object{{"field", wf::Value(field)}}));
}

const char* jsonTypeName(const wf::Value& v) {
  if (v.isArray()) return "an array";
  if (v.isObject()) return "an object";
  if (v.isNumber()) return "a number";
  if (v.isBool()) return "a boolean";
  if (v.isString()) return "a string";
  return "null";
}

wf::Result<std::string> requiredText(const wf::Value& object, const std::string& member,
                                     const std::string& field) {
  const std::string& name = field.empty() ? member : field;
  const wf::Value* v = object.find(member);
  if (v == nullptr || v->isNull()) return fieldRefused(name, "is required");
  if (!v->isString()) {
    return fieldRefused(name, std::string("must be a string, not ") + jsonTypeName(*v));
  }
  if (v->asString().empty()) return fieldRefused(name, "must not be empty");
  if (v->asString().size() > kMaxTextBytes) {
    return fieldRefused(name, "must be at most " + std::to_string(kMaxTextBytes) + " bytes");
  }
  return v->asString();
}

bool isCaseCode(std::string_view code) {
  return code.size() == 23 && std::all_of(code.begin(), code.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
         });
}

bool isIdempotencyKey(std::string_view key) {
  return !key.empty() && key.size() <= 128 &&
         std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
}

std::vector<std::string> pathSegments(std::string_view path) {
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

}  // namespace hall::citysim
