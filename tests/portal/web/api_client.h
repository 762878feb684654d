// ApiClient: real HTTP over loopback to a WebServer under test, one
// request per call. TempDir: a folder removed with everything in it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "portal/web/session_book.h"
#include "portal/web/web_server.h"
#include "support/temp_dir.h"
#include "wf/engine.h"
#include "wf/value.h"

namespace portal::web::testing {

struct Reply {
  int status = 0;
  std::string reason;
  std::string body;
  std::map<std::string, std::string> headers;
  // The body parsed as JSON; null when it is empty or not JSON.
  wf::Value json;

  // json["error"]["code"], or "" when the body is no error.
  std::string errorCode() const;
  std::string errorMessage() const;
  const wf::Value* errorDetail(std::string_view name) const;
  // details.field, or "<none>".
  std::string errorField() const;
};

class ApiClient {
 public:
  explicit ApiClient(uint16_t port, std::optional<std::string> token = std::nullopt)
      : port_(port), token_(std::move(token)) {}

  Reply get(const std::string& path) const { return send("GET", path); }
  Reply post(const std::string& path, const std::string& body,
             const std::string& content_type = "application/json") const {
    return send("POST", path, body, content_type);
  }
  Reply put(const std::string& path, const std::string& body) const {
    return send("PUT", path, body);
  }
  // Sends the body with Transfer-Encoding: chunked (no Content-Length).
  Reply postChunked(const std::string& path, const std::string& body) const;
  Reply send(const std::string& method, const std::string& path, const std::string& body = "",
             const std::string& content_type = "application/json",
             std::optional<std::string> authorization = std::nullopt,
             std::optional<int64_t> declared_length = std::nullopt) const;

  // Same server, another (or no) token.
  ApiClient withToken(std::optional<std::string> token) const { return ApiClient(port_, token); }
  // Same server, as a signed-in person: the session cookie and, unless
  // empty, the CSRF header; no token.
  ApiClient withSession(const std::string& session, const std::string& csrf) const;
  // Same server, with this Authorization header ("Device id:key") instead.
  ApiClient withAuthorization(const std::string& authorization) const;
  // Same server, no credentials, these headers on every request (a city
  // platform's signature).
  ApiClient withHeaders(std::map<std::string, std::string> headers) const;
  // The session id this client sends ("" for none).
  std::string session() const;
  // Signs in with POST /api/v1/session; the client of that session, or the
  // refusal.
  wf::Result<ApiClient> signIn(const std::string& login, const std::string& password) const;

 private:
  uint16_t port_;
  std::optional<std::string> token_;
  std::map<std::string, std::string> headers_;  // sent with every request
};

// Portal tests use the shared temporary folder of tests/support.
using TempDir = hall::test::TempDir;

// The server under test on a free loopback port, with `token` as its admin
// token (its file, if any, in `dir`).
wf::Result<std::unique_ptr<WebServer>> startServer(Router router, const std::string& token,
                                                   const std::filesystem::path& dir,
                                                   WebServerOptions options = {.port = 0},
                                                   UpgradeRoutes upgrades = {});
// The same, where people sign in through `sessions`.
wf::Result<std::unique_ptr<WebServer>> startServer(Router router, const std::string& token,
                                                   const std::filesystem::path& dir,
                                                   SessionBook& sessions);

// An engine on a SQLite file in `dir` with the model `xml` deployed as
// `resource` (a test's clock when given).
wf::Result<std::unique_ptr<wf::Engine>> openEngineWith(const TempDir& dir,
                                                       const std::string& resource,
                                                       const std::string& xml,
                                                       std::shared_ptr<wf::Clock> clock = {});

// A person signed in through `sessions` directly (no password round trip),
// as a client of the server on `port`.
ApiClient personClient(uint16_t port, SessionBook& sessions, const std::string& login,
                       hall::domain::Roles roles, const std::string& department = {});

// The text of tests/fixtures/api/<name>.
std::string apiFixture(const std::string& name);

}  // namespace portal::web::testing
