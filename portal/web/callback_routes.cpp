#include "portal/web/callback_routes.h"

#include <algorithm>

namespace portal::web {

namespace {

std::string header(const ApiRequest& request, const char* name) {
  const auto found = request.signature_headers.find(name);
  return found == request.signature_headers.end() ? std::string() : found->second;
}

bool isEventName(const std::string& s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
  });
}

}  // namespace

void CallbackRoutes::addTo(Router& router) {
  router.add("POST", "/api/v1/callbacks/{platform}",
             [this](const ApiRequest& r) { return receive(r); });
}

ApiResponse CallbackRoutes::receive(const ApiRequest& request) {
  CallbackRequest callback;
  callback.platform = request.params.at("platform");
  callback.method = request.method;
  callback.target = request.target;
  callback.body = request.body;
  callback.app_id = header(request, "x-ca-key");
  callback.timestamp = header(request, "x-ca-timestamp");
  callback.nonce = header(request, "x-ca-nonce");
  callback.signature = header(request, "x-ca-signature");
  if (const wf::Status verified = verify_(callback); !verified.isOk()) {
    return ApiResponse::error(verified);
  }

  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::string> event_id = textMember(*body, "eventId");
  if (!event_id.ok()) return ApiResponse::error(event_id.status());
  wf::Result<std::string> event = textMember(*body, "event");
  if (!event.ok()) return ApiResponse::error(event.status());
  wf::Result<std::string> case_code = textMember(*body, "caseCode");
  if (!case_code.ok()) return ApiResponse::error(case_code.status());
  wf::Result<std::optional<wf::Value>> data = optionalMember(*body, "data", wf::ValueKind::Object);
  if (!data.ok()) return ApiResponse::error(data.status());
  if (event_id->empty() || event_id->size() > 128) {
    return ApiResponse::error(
        wf::Status::invalid("eventId: 1 to 128 characters", fieldDetails("eventId")));
  }
  if (!isEventName(*event)) {
    return ApiResponse::error(wf::Status::invalid(
        "event: lower-case letters, digits, '.' and '-', at most 64", fieldDetails("event")));
  }
  if (case_code->empty()) {
    return ApiResponse::error(wf::Status::invalid("caseCode: required", fieldDetails("caseCode")));
  }

  wf::MessageRequest message;
  message.name = callback.platform + "." + *event;
  message.correlation_key = *case_code;
  message.message_id = callback.platform + ":" + *event_id;
  message.ttl_millis = kBufferMillis;
  message.variables = wf::Value(
      wf::Object{{callback.platform + "Event",
                  wf::Value(wf::Object{{"event", wf::Value(*event)},
                                       {"eventId", wf::Value(*event_id)},
                                       {"data", data->value_or(wf::Value(wf::Object{}))}})}});
  wf::Result<wf::MessageResult> result = engine_.correlateMessage(message);
  if (!result.ok()) return ApiResponse::error(result.status());
  return ApiResponse::ok(wf::Value(wf::Object{
      {"outcome", wf::Value(result->outcome)},
      {"instanceId", result->instance_id.empty() ? wf::Value() : wf::Value(result->instance_id)},
  }));
}

}  // namespace portal::web
