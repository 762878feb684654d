#include "tools/citysim/notify_platform.h"

#include <cstdio>
#include <string_view>

#include "portal/domain/id_number.h"
#include "tools/citysim/request_parts.h"

namespace hall::citysim {

namespace {

// The gateway's registered templates: the code, its text with {param}
// placeholders; every placeholder is a required parameter.
const std::map<std::string, std::string>& templates() {
  static const std::map<std::string, std::string> kTemplates = {
      {"HALL_CALL", "【长宁区行政服务中心】请 {number} 号到 {window} 号窗口办理。"},
      {"HALL_SUPPLEMENT",
       "【长宁区行政服务中心】您的办件 {caseCode}（{matterName}）需要补正材料，请留意窗口通知。"},
      {"HALL_ISSUED",
       "【长宁区行政服务中心】您的办件 {caseCode}（{matterName}）已办结发证，请到窗口领取。"},
  };
  return kTemplates;
}

// The template's text with `params` in place; refused naming the first
// parameter missing or not a string.
wf::Result<std::string> render(const std::string& text, const wf::Value& params) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    const size_t open = text.find('{', at);
    if (open == std::string::npos) break;
    const size_t close = text.find('}', open);
    out.append(text, at, open - at);
    const std::string name = text.substr(open + 1, close - open - 1);
    const wf::Value* v = params.isObject() ? params.find(name) : nullptr;
    if (v == nullptr || !v->isString() || v->asString().empty()) {
      return fieldRefused("params." + name, "is required by the template, as a non-empty string");
    }
    out += v->asString();
    at = close + 1;
  }
  out.append(text, at, std::string::npos);
  return out;
}

}  // namespace

PlatformResponse NotifyPlatform::handle(const PlatformRequest& request, PlatformStats& stats) {
  const std::vector<std::string> s =
      segmentsOf(std::string_view(request.path).substr(prefix().size()));
  if (s.size() == 1 && (s[0] == "sms" || s[0] == "push")) {
    return request.method == "POST" ? send(request, s[0], stats) : methodNotAllowed(request);
  }
  if (s.size() == 1 && s[0] == "messages") {
    return request.method == "GET" ? list(request) : methodNotAllowed(request);
  }
  return notFound("no endpoint of 短信与随申办推送平台 at " + request.path);
}

PlatformResponse NotifyPlatform::send(const PlatformRequest& request, const std::string& channel,
                                      PlatformStats& stats) {
  std::string key;
  if (auto refusal = idempotencyKeyOf(request, &key)) return *refusal;
  wf::Value body;
  if (auto refusal = objectBody(request, &body)) return *refusal;
  Message m;
  m.channel = channel;
  const auto parsed = [&]() -> wf::Status {
    if (channel == "sms") {
      ASSIGN_OR_RETURN(m.recipient, requiredString(body, "phone", 11));
      if (!hall::domain::validPhone(m.recipient)) {
        return fieldRefused("phone", "must be a mainland mobile number (11 digits from 1)");
      }
    } else {
      ASSIGN_OR_RETURN(m.recipient, requiredString(body, "idNumber", 18));
      RETURN_IF_ERROR(
          checkPartyId("idNumber", "ID_CARD", m.recipient, beijingDate(request.now_ms)));
    }
    ASSIGN_OR_RETURN(m.template_code, requiredString(body, "templateCode", 64));
    const auto found = templates().find(m.template_code);
    if (found == templates().end()) {
      return fieldRefused("templateCode", "no template " + m.template_code + " is registered");
    }
    const wf::Value* params = body.find("params");
    if (params != nullptr && !params->isNull() && !params->isObject()) {
      return fieldRefused("params", "must be an object of name → text");
    }
    m.params = params != nullptr && params->isObject() ? *params : wf::Value(wf::Object{});
    ASSIGN_OR_RETURN(m.text, render(found->second, m.params));
    return wf::Status::ok();
  }();
  if (!parsed.isOk()) return refusalResponse(parsed);
  m.fingerprint = wf::Value(wf::Object{{"channel", wf::Value(m.channel)},
                                       {"recipient", wf::Value(m.recipient)},
                                       {"templateCode", wf::Value(m.template_code)},
                                       {"params", m.params}})
                      .toJson();

  std::lock_guard<std::mutex> lock(mutex_);
  if (const auto seen = by_key_.find(key); seen != by_key_.end()) {
    const Message& first = messages_[seen->second];
    if (first.fingerprint != m.fingerprint) {
      return errorResponse(
          409, "CONFLICT",
          "Idempotency-Key " + key + " was used for another message (" + first.id + ")");
    }
    ++stats.duplicates;
    wf::Object answer = messageJson(first).asObject();
    answer["replayed"] = wf::Value(true);
    return jsonResponse(200, wf::Value(std::move(answer)));
  }
  char id[32];
  std::snprintf(id, sizeof(id), "msg-%08zu", messages_.size() + 1);
  m.id = id;
  m.sent_at = request.now_ms;
  by_key_.emplace(key, messages_.size());
  messages_.push_back(std::move(m));
  ++stats.issued;
  return jsonResponse(201, messageJson(messages_.back()));
}

PlatformResponse NotifyPlatform::list(const PlatformRequest& request) {
  const auto phone = request.query.find("phone");
  const auto id = request.query.find("idNumber");
  const bool by_phone = phone != request.query.end() && !phone->second.empty();
  const bool by_id = id != request.query.end() && !id->second.empty();
  if (!by_phone && !by_id) {
    return invalidArgument("phone", "the query parameter phone or idNumber is required");
  }
  wf::Array rows;
  std::lock_guard<std::mutex> lock(mutex_);
  for (const Message& m : messages_) {
    if ((by_phone && m.channel == "sms" && m.recipient == phone->second) ||
        (by_id && m.channel == "push" && m.recipient == id->second)) {
      rows.push_back(messageJson(m));
    }
  }
  return jsonResponse(200, wf::Value(std::move(rows)));
}

wf::Value NotifyPlatform::messageJson(const Message& m) {
  return wf::Value(wf::Object{{"messageId", wf::Value(m.id)},
                              {"channel", wf::Value(m.channel)},
                              {m.channel == "sms" ? "phone" : "idNumber", wf::Value(m.recipient)},
                              {"templateCode", wf::Value(m.template_code)},
                              {"params", m.params},
                              {"text", wf::Value(m.text)},
                              {"sentAt", wf::Value(m.sent_at)},
                              {"status", wf::Value("sent")}});
}

}  // namespace hall::citysim
