// ApiRequest and ApiResponse: what a route handler sees and returns.
//
// Handlers never touch Poco's request or response objects: the server reads
// the body (within its size limit), authenticates, routes, and writes the
// ApiResponse. That keeps every handler a plain function of its input, and
// keeps the one place that talks to the socket small enough to guard fully.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "portal/domain/roles.h"
#include "wf/status.h"
#include "wf/value.h"

namespace portal::web {

// The cookie that carries a person's session, and the header that must
// carry that session's CSRF token on every change.
inline constexpr const char* kSessionCookie = "hall_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

// Who is calling, as the server authenticated them.
struct Caller {
  std::string name;          // a person's login, "device:<id>", "system"; empty: anonymous
  std::string display_name;  // a person's name as pages show it
  hall::domain::Roles roles;
  std::string department;  // an approver's department
  std::string session;     // the session id when signed in with the cookie (never logged)
  std::string csrf;        // that session's CSRF token

  bool known() const { return !name.empty(); }
  bool has(hall::domain::Role role) const { return roles.has(role); }
};

struct ApiRequest {
  std::string method;
  std::string path;                           // decoded, without the query
  std::map<std::string, std::string> params;  // `{name}` segments of the route
  std::multimap<std::string, std::string> query;
  std::string content_type;
  std::string body;
  std::string host;    // the Host header: how the caller reached us ("10.0.0.5:8080")
  std::string remote;  // the peer's address ("127.0.0.1:53012"): where a change came from
  std::string target;  // the path and query exactly as sent (what a signature covers)
  // The X-Ca-* headers of a signed request (a city platform's callback), by
  // lower-case name ("x-ca-nonce").
  std::map<std::string, std::string> signature_headers;
  // Over HTTPS, the subject of the client certificate the TLS handshake
  // verified ("/O=…/CN=clerk01"); empty otherwise.
  std::string client_certificate;
  Caller caller;

  // The last value of a query parameter; nullopt when absent.
  std::optional<std::string> queryParam(std::string_view name) const;
  // The body as a JSON object. An empty body is an empty object, so that
  // optional payloads ("complete with no variables") need no body at all.
  // Bad JSON is InvalidArgument naming the offset; a non-object body is
  // InvalidArgument naming the body.
  wf::Result<wf::Value> jsonBody() const;
};

struct ApiResponse {
  // A body that is not JSON: a picture, a print job.
  struct Bytes {
    std::string content_type;
    std::string data;
  };

  int status = 200;
  std::optional<wf::Value> json;  // nullopt: no body (204) — unless `bytes`
  std::optional<Bytes> bytes;
  bool close_connection = false;
  std::vector<std::pair<std::string, std::string>> headers;  // extra ones (Set-Cookie …)

  static ApiResponse ok(wf::Value body) { return {200, std::move(body)}; }
  static ApiResponse created(wf::Value body) { return {201, std::move(body)}; }
  static ApiResponse noContent() { return {204, std::nullopt}; }
  static ApiResponse file(std::string content_type, std::string data) {
    return {200, std::nullopt, Bytes{std::move(content_type), std::move(data)}};
  }
  // 200 with a body already written as JSON text (compact, UTF-8), as `ok`
  // would send it — for answers assembled without a wf::Value.
  static ApiResponse jsonText(std::string json) {
    return file("application/json; charset=utf-8", std::move(json));
  }
  // `{"error": {"code", "message", "details"}}` with the HTTP status of `status`.
  static ApiResponse error(const wf::Status& status);
  // An error the HTTP layer itself raises (413, 405 …), with our own code.
  static ApiResponse problem(int http_status, std::string code, std::string message,
                             wf::Value details = wf::Value());
};

// The HTTP status for a non-ok engine Status (InvalidArgument → 400 …).
int httpStatusFor(wf::StatusCode code);
// The stable wire name of a code ("INVALID_ARGUMENT"), independent of how
// the engine spells codes in its own messages.
const char* wireCodeFor(wf::StatusCode code);

// The value of `name` in a JSON object, checked to be of `kind`; absent or
// null gives nullopt. A member of another kind is InvalidArgument naming the
// field, e.g. "variables: expected an object, got array".
wf::Result<std::optional<wf::Value>> optionalMember(const wf::Value& object, std::string_view name,
                                                    wf::ValueKind kind);

// A string member, "" when absent or null; InvalidArgument naming the field
// when of another kind.
wf::Result<std::string> textMember(const wf::Value& object, std::string_view name);

// `{"field": name}`: the details of an error about one field.
wf::Value fieldDetails(std::string_view field);

}  // namespace portal::web
