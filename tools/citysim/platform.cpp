#include "tools/citysim/platform.h"

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

wf::Value PlatformStats::toValue() const {
  return wf::Value(wf::Object{{"requests", wf::Value(requests.load())},
                              {"issued", wf::Value(issued.load())},
                              {"duplicates", wf::Value(duplicates.load())},
                              {"refused", wf::Value(refused.load())},
                              {"faulted", wf::Value(faulted.load())}});
}

PlatformResponse Platform::control(const std::string& method, const std::string& subpath,
                                   const std::string& body, int64_t now_ms) {
  (void)body;
  (void)now_ms;
  return errorResponse(404, "NOT_FOUND",
                       "no simulator control " + method + " /_sim/" + name() + "/" + subpath);
}

}  // namespace hall::citysim
