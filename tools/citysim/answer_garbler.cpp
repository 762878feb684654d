#include "tools/citysim/answer_garbler.h"

#include <optional>

#include "wf/value.h"

namespace hall::citysim {

namespace {

wf::Value retyped(const wf::Value& v) {
  if (v.isString()) return wf::Value(static_cast<double>(v.asString().size()));
  if (v.isNumber() || v.isBool()) return wf::Value(v.toJson());
  if (v.isArray()) {
    wf::Array out;
    for (const wf::Value& item : v.asArray()) out.push_back(retyped(item));
    return wf::Value(std::move(out));
  }
  if (v.isObject()) {
    wf::Object out;
    for (const auto& [name, member] : v.asObject()) out.emplace(name, retyped(member));
    return wf::Value(std::move(out));
  }
  return v;
}

}  // namespace

std::string garbleAnswer(const std::string& body, FaultAction action) {
  switch (action) {
    case FaultAction::Malformed:
      return body.substr(0, body.size() / 2) + "\x01";
    case FaultAction::WrongTypes: {
      const std::optional<wf::Value> json = wf::Value::parseJson(body);
      return json ? retyped(*json).toJson() : body;
    }
    case FaultAction::Huge:
      return "{\"padding\": \"" + std::string(kHugeAnswerBytes, 'x') + "\", \"answer\": " + body +
             "}";
    default:
      return body;
  }
}

}  // namespace hall::citysim
