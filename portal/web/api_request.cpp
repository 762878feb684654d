#include "portal/web/api_request.h"

#include <utility>

namespace portal::web {

namespace {

// JSON words, not the engine's FEEL ones ("context", "list"): the client
// wrote JSON.
const char* jsonKindName(wf::ValueKind kind) {
  switch (kind) {
    case wf::ValueKind::Null:
      return "null";
    case wf::ValueKind::Bool:
      return "a boolean";
    case wf::ValueKind::Number:
      return "a number";
    case wf::ValueKind::Array:
      return "an array";
    case wf::ValueKind::Object:
      return "an object";
    case wf::ValueKind::String:
    case wf::ValueKind::Date:
    case wf::ValueKind::DateTime:
    case wf::ValueKind::Duration:
      return "a string";
  }
  return "a value";
}

}  // namespace

std::optional<std::string> ApiRequest::queryParam(std::string_view name) const {
  std::optional<std::string> found;
  auto [first, last] = query.equal_range(std::string(name));
  for (auto it = first; it != last; ++it) {
    found = it->second;
  }
  return found;
}

wf::Result<wf::Value> ApiRequest::jsonBody() const {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return wf::Value(wf::Object{});
  }
  std::string error;
  std::optional<wf::Value> parsed = wf::Value::parseJson(body, &error);
  if (!parsed) {
    return wf::Status::invalid(
        "request body is not valid JSON: " + error,
        wf::Value(wf::Object{{"field", wf::Value("body")}, {"reason", wf::Value(error)}}));
  }
  if (!parsed->isObject()) {
    return wf::Status::invalid(
        std::string("request body: expected a JSON object, got ") + jsonKindName(parsed->kind()),
        wf::Value(wf::Object{{"field", wf::Value("body")}}));
  }
  return std::move(*parsed);
}

ApiResponse ApiResponse::error(const wf::Status& status) {
  wf::Value details = status.details().isNull() ? wf::Value(wf::Object{}) : status.details();
  return problem(httpStatusFor(status.code()), wireCodeFor(status.code()), status.message(),
                 std::move(details));
}

ApiResponse ApiResponse::problem(int http_status, std::string code, std::string message,
                                 wf::Value details) {
  if (details.isNull()) {
    details = wf::Value(wf::Object{});
  }
  wf::Object error{{"code", wf::Value(std::move(code))},
                   {"message", wf::Value(std::move(message))},
                   {"details", std::move(details)}};
  return {http_status, wf::Value(wf::Object{{"error", wf::Value(std::move(error))}})};
}

int httpStatusFor(wf::StatusCode code) {
  switch (code) {
    case wf::StatusCode::Ok:
      return 200;
    case wf::StatusCode::InvalidArgument:
      return 400;
    case wf::StatusCode::NotFound:
      return 404;
    case wf::StatusCode::Conflict:
      return 409;
    case wf::StatusCode::Unauthenticated:
      return 401;
    case wf::StatusCode::PermissionDenied:
      return 403;
    case wf::StatusCode::Unavailable:
      return 503;
    case wf::StatusCode::Internal:
      return 500;
  }
  return 500;
}

const char* wireCodeFor(wf::StatusCode code) {
  switch (code) {
    case wf::StatusCode::Ok:
      return "OK";
    case wf::StatusCode::InvalidArgument:
      return "INVALID_ARGUMENT";
    case wf::StatusCode::NotFound:
      return "NOT_FOUND";
    case wf::StatusCode::Conflict:
      return "CONFLICT";
    case wf::StatusCode::Unauthenticated:
      return "UNAUTHENTICATED";
    case wf::StatusCode::PermissionDenied:
      return "PERMISSION_DENIED";
    case wf::StatusCode::Unavailable:
      return "UNAVAILABLE";
    case wf::StatusCode::Internal:
      return "INTERNAL";
  }
  return "INTERNAL";
}

wf::Result<std::optional<wf::Value>> optionalMember(const wf::Value& object, std::string_view name,
                                                    wf::ValueKind kind) {
  const wf::Value* member = object.find(name);
  if (member == nullptr || member->isNull()) {
    return std::optional<wf::Value>();
  }
  if (member->kind() != kind) {
    return wf::Status::invalid(std::string(name) + ": expected " + jsonKindName(kind) + ", got " +
                                   jsonKindName(member->kind()),
                               wf::Value(wf::Object{{"field", wf::Value(std::string(name))}}));
  }
  return std::optional<wf::Value>(*member);
}

wf::Result<std::string> textMember(const wf::Value& object, std::string_view name) {
  ASSIGN_OR_RETURN(std::optional<wf::Value> member,
                   optionalMember(object, name, wf::ValueKind::String));
  return member ? member->asString() : std::string();
}

wf::Value fieldDetails(std::string_view field) {
  return wf::Value(wf::Object{{"field", wf::Value(std::string(field))}});
}

}  // namespace portal::web
