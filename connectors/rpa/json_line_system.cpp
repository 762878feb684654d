#include "connectors/rpa/json_line_system.h"

#include <cstdlib>

namespace connectors {

namespace {

// The member at a dotted path ("department.opinion"), or nullptr.
const wf::Value* memberAt(const wf::Value& root, const std::string& path) {
  const wf::Value* at = &root;
  size_t from = 0;
  while (at != nullptr) {
    const size_t dot = path.find('.', from);
    const std::string name = path.substr(from, dot == std::string::npos ? dot : dot - from);
    at = at->isObject() ? at->find(name) : nullptr;
    if (dot == std::string::npos) break;
    from = dot + 1;
  }
  return at;
}

}  // namespace

wf::Result<wf::Value> JsonLineSystem::push(const wf::Value& variables, const std::string& job_id) {
  if (script_.push.empty()) {
    return wf::Status::invalid(script_.system + ": the script (" + script_.file +
                               ") has no <push>");
  }
  return call("push", script_.push.front(), script_.push_method, variables, job_id);
}

wf::Result<wf::Value> JsonLineSystem::fetch(const wf::Value& variables, const std::string& job_id) {
  if (script_.fetch.empty()) {
    return wf::Status::invalid(script_.system + ": the script (" + script_.file +
                               ") has no <fetch>");
  }
  return call("fetch", script_.fetch.front(), "GET", variables, job_id);
}

wf::Result<wf::Value> JsonLineSystem::call(const std::string& section, const RpaStep& call,
                                           const std::string& method, const wf::Value& variables,
                                           const std::string& job_id) {
  ASSIGN_OR_RETURN(const std::string path,
                   expandPlaceholders(script_, section, call, variables, call.url));
  wf::Object body;
  for (const RpaStep& s : call.steps) {
    if (s.kind != RpaStepKind::Field) continue;
    std::string text = s.value;
    if (!s.var.empty()) {
      const wf::Value* v = variables.isObject() ? variables.find(s.var) : nullptr;
      if (v == nullptr || v->isNull()) {
        return stepFailed(script_, section, s, "the case has no variable " + s.var, false);
      }
      if (s.type == "text" && v->isString()) {
        body[s.field] = *v;
        continue;
      }
      if (s.type == "number" && v->isNumber()) {
        body[s.field] = *v;
        continue;
      }
      ASSIGN_OR_RETURN(text, variableText(script_, section, s, variables, s.var));
    }
    if (s.type == "number") {
      char* end = nullptr;
      const double number = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size()) {
        return stepFailed(script_, section, s, "\"" + text + "\" is not a number", false);
      }
      body[s.field] = wf::Value(number);
    } else {
      body[s.field] = wf::Value(text);
    }
  }
  const CityReply reply =
      client_.send(method, path, method == "GET" ? std::string() : wf::Value(body).toJson(),
                   method == "GET" ? std::string() : "hall-job-" + job_id);
  if (!reply.ok())
    return stepFailed(script_, section, call, reply.describe(script_.name), reply.retryable());
  std::string error;
  const std::optional<wf::Value> answer = wf::Value::parseJson(reply.body, &error);
  if (!answer || !answer->isObject()) {
    return stepFailed(script_, section, call,
                      script_.name + " answered with no JSON object: " + reply.body.substr(0, 300),
                      true);
  }
  wf::Object out;
  for (const RpaStep& s : call.steps) {
    if (s.kind != RpaStepKind::Extract) continue;
    const wf::Value* found = memberAt(*answer, s.field);
    const bool empty =
        found == nullptr || found->isNull() || (found->isString() && found->asString().empty());
    if (s.required && empty) {
      return stepFailed(script_, section, s, "not entered in " + script_.name + " yet", true);
    }
    out[s.var] = found != nullptr ? *found : wf::Value();
  }
  return wf::Value(std::move(out));
}

}  // namespace connectors
