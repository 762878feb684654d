#include "connectors/rpa/line_system.h"

#include <Poco/URI.h>

#include <cmath>
#include <cstdio>

namespace connectors {

wf::Status stepFailed(const RpaScript& script, const std::string& section, const RpaStep& step,
                      const std::string& why, bool retryable) {
  const std::string message =
      script.system + " " + section + ": step " + step.tag + " (" + step.where + "): " + why;
  return retryable ? wf::Status::unavailable(message) : wf::Status::invalid(message);
}

wf::Result<std::string> variableText(const RpaScript& script, const std::string& section,
                                     const RpaStep& step, const wf::Value& variables,
                                     const std::string& name) {
  const wf::Value* v = variables.isObject() ? variables.find(name) : nullptr;
  if (v == nullptr || v->isNull()) {
    return stepFailed(script, section, step, "the case has no variable " + name, false);
  }
  if (v->isString()) return v->asString();
  if (v->isBool()) return std::string(v->asBool() ? "true" : "false");
  if (v->isNumber()) {
    const double d = v->asNumber();
    if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    char out[32];
    std::snprintf(out, sizeof out, "%.15g", d);
    return std::string(out);
  }
  return v->toJson();
}

wf::Result<std::string> expandPlaceholders(const RpaScript& script, const std::string& section,
                                           const RpaStep& step, const wf::Value& variables,
                                           const std::string& pattern) {
  std::string out;
  size_t at = 0;
  while (at < pattern.size()) {
    const size_t open = pattern.find('{', at);
    if (open == std::string::npos) {
      out += pattern.substr(at);
      break;
    }
    const size_t close = pattern.find('}', open);
    out += pattern.substr(at, open - at);
    ASSIGN_OR_RETURN(
        const std::string value,
        variableText(script, section, step, variables, pattern.substr(open + 1, close - open - 1)));
    std::string encoded;
    Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]%\"<>\\^`{|} ", encoded);
    out += encoded;
    at = close + 1;
  }
  return out;
}

}  // namespace connectors
