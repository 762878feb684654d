#include "portal/web/api_client.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace portal::web::testing {

namespace {

const wf::Value* errorObject(const wf::Value& json) {
  const wf::Value* error = json.find("error");
  return error != nullptr && error->isObject() ? error : nullptr;
}

}  // namespace

std::string Reply::errorCode() const {
  const wf::Value* error = errorObject(json);
  const wf::Value* code = error ? error->find("code") : nullptr;
  return code && code->isString() ? code->asString() : "";
}

std::string Reply::errorMessage() const {
  const wf::Value* error = errorObject(json);
  const wf::Value* message = error ? error->find("message") : nullptr;
  return message && message->isString() ? message->asString() : "";
}

const wf::Value* Reply::errorDetail(std::string_view name) const {
  const wf::Value* error = errorObject(json);
  const wf::Value* details = error ? error->find("details") : nullptr;
  return details ? details->find(name) : nullptr;
}

namespace {

Reply receive(Poco::Net::HTTPClientSession& session) {
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Reply reply;
  reply.status = static_cast<int>(response.getStatus());
  reply.reason = response.getReason();
  Poco::StreamCopier::copyToString(in, reply.body);
  for (const auto& [name, value] : response) reply.headers[name] = value;
  if (!reply.body.empty()) {
    if (std::optional<wf::Value> parsed = wf::Value::parseJson(reply.body)) {
      reply.json = std::move(*parsed);
    }
  }
  return reply;
}

}  // namespace

Reply ApiClient::postChunked(const std::string& path, const std::string& body) const {
  Poco::Net::HTTPClientSession session("127.0.0.1", port_);
  Poco::Net::HTTPRequest request("POST", path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (token_) request.set("Authorization", "Bearer " + *token_);
  request.setChunkedTransferEncoding(true);
  request.setContentType("application/json");
  session.sendRequest(request) << body;
  return receive(session);
}

Reply ApiClient::send(const std::string& method, const std::string& path, const std::string& body,
                      const std::string& content_type, std::optional<std::string> authorization,
                      std::optional<int64_t> declared_length) const {
  Poco::Net::HTTPClientSession session("127.0.0.1", port_);
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers_) request.set(name, value);
  if (authorization) {
    request.set("Authorization", *authorization);
  } else if (token_) {
    request.set("Authorization", "Bearer " + *token_);
  }
  if (declared_length) {
    request.setContentLength64(*declared_length);
  } else if (!body.empty()) {
    request.setContentLength64(static_cast<int64_t>(body.size()));
  }
  if (!body.empty()) request.setContentType(content_type);
  std::ostream& out = session.sendRequest(request);
  if (!declared_length) out << body;
  return receive(session);
}

ApiClient ApiClient::withSession(const std::string& session, const std::string& csrf) const {
  ApiClient client(port_);
  client.headers_["Cookie"] = std::string(kSessionCookie) + "=" + session;
  if (!csrf.empty()) client.headers_[kCsrfHeader] = csrf;
  return client;
}

ApiClient ApiClient::withAuthorization(const std::string& authorization) const {
  ApiClient client(port_);
  client.headers_["Authorization"] = authorization;
  return client;
}

ApiClient ApiClient::withHeaders(std::map<std::string, std::string> headers) const {
  ApiClient client(port_);
  client.headers_ = std::move(headers);
  return client;
}

std::string ApiClient::session() const {
  const auto cookie = headers_.find("Cookie");
  if (cookie == headers_.end()) return "";
  return cookie->second.substr(cookie->second.find('=') + 1);
}

wf::Result<ApiClient> ApiClient::signIn(const std::string& login,
                                        const std::string& password) const {
  const Reply reply = ApiClient(port_).post(
      "/api/v1/session",
      wf::Value(wf::Object{{"login", wf::Value(login)}, {"password", wf::Value(password)}})
          .toJson());
  if (reply.status != 200) {
    return wf::Status::unauthenticated("sign-in of " + login + ": " + std::to_string(reply.status) +
                                       " " + reply.body);
  }
  const std::string cookie =
      reply.headers.count("Set-Cookie") ? reply.headers.at("Set-Cookie") : "";
  const std::string prefix = std::string(kSessionCookie) + "=";
  if (cookie.rfind(prefix, 0) != 0) return wf::Status::internal("no session cookie: " + cookie);
  const std::string session = cookie.substr(prefix.size(), cookie.find(';') - prefix.size());
  const wf::Value* csrf = reply.json.find("csrfToken");
  return withSession(session, csrf && csrf->isString() ? csrf->asString() : "");
}

std::string Reply::errorField() const {
  const wf::Value* field = errorDetail("field");
  return field && field->isString() ? field->asString() : "<none>";
}

std::string apiFixture(const std::string& name) {
  const std::filesystem::path file =
      std::filesystem::path(HALL_SOURCE_DIR) / "tests" / "fixtures" / "api" / name;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

wf::Result<std::unique_ptr<WebServer>> startServer(Router router, const std::string& token,
                                                   const std::filesystem::path& dir,
                                                   WebServerOptions options,
                                                   UpgradeRoutes upgrades) {
  ASSIGN_OR_RETURN(AdminToken admin, AdminToken::load(token, dir));
  return WebServer::start(std::move(router), std::move(admin), std::move(options),
                          std::move(upgrades));
}

wf::Result<std::unique_ptr<WebServer>> startServer(Router router, const std::string& token,
                                                   const std::filesystem::path& dir,
                                                   SessionBook& sessions) {
  WebServerOptions options{.port = 0};
  options.sessions = [&sessions](std::string_view id) { return sessions.find(id); };
  return startServer(std::move(router), token, dir, std::move(options));
}

wf::Result<std::unique_ptr<wf::Engine>> openEngineWith(const TempDir& dir,
                                                       const std::string& resource,
                                                       const std::string& xml,
                                                       std::shared_ptr<wf::Clock> clock) {
  wf::EngineOptions options;
  options.db_url = "sqlite:" + dir.file("hall.db");
  if (clock) options.clock = std::move(clock);
  ASSIGN_OR_RETURN(std::unique_ptr<wf::Engine> engine, wf::Engine::open(std::move(options)));
  RETURN_IF_ERROR(engine->deploy(resource, xml).status());
  return engine;
}

ApiClient personClient(uint16_t port, SessionBook& sessions, const std::string& login,
                       hall::domain::Roles roles, const std::string& department) {
  hall::domain::Account account;
  account.login = login;
  account.display_name = login;
  account.roles = roles;
  account.department = department;
  const Caller caller = sessions.open(account);
  return ApiClient(port).withSession(caller.session, caller.csrf);
}

}  // namespace portal::web::testing
