#include "portal/web/web_server.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/X509Certificate.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

#include <algorithm>
#include <istream>
#include <optional>
#include <utility>

#include "portal/web/request_guard.h"
#include "portal/web/static_files.h"

namespace portal::web {

namespace {

// What every request handler shares; immutable while serving.
struct Shared {
  Router router;
  AdminToken token;
  size_t max_body_bytes;
  UpgradeRoutes upgrades;
  std::optional<StaticFiles> assets;
  std::function<bool(std::string_view, std::string_view)> device_keys;
  std::function<std::optional<Caller>(std::string_view)> sessions;
  std::function<void(const ApiRequest&, const std::string&, int)> audit;
  // The server's pool (it outlives every handler) and how many of its
  // threads must be free for a connection to stay open; nullptr: no
  // keep-alive.
  Poco::ThreadPool* pool = nullptr;
  int spare_threads = 0;

  // Whether the connection of a request being answered may wait for the
  // next one (WebServerOptions::keep_alive).
  bool mayKeepAlive() const { return pool != nullptr && pool->available() >= spare_threads; }
};

bool isChange(const std::string& method) {
  return method != Poco::Net::HTTPRequest::HTTP_GET && method != Poco::Net::HTTPRequest::HTTP_HEAD;
}

bool isUnder(std::string_view path, std::string_view prefix) { return path.rfind(prefix, 0) == 0; }
bool needsToken(const std::string& path) { return isUnder(path, "/api/"); }

ApiResponse tooLarge(size_t limit) {
  ApiResponse api = ApiResponse::problem(
      413, "PAYLOAD_TOO_LARGE",
      "request body is larger than the limit of " + std::to_string(limit) + " bytes",
      wf::Value(wf::Object{{"limit", wf::Value(static_cast<int64_t>(limit))}}));
  // Unread bytes may still be in flight; this connection cannot carry
  // another request.
  api.close_connection = true;
  return api;
}

// Reads at most limit + 1 bytes; returns false when there were more than
// `limit` (whatever the request declared). A request with neither
// Content-Length nor chunked encoding has no body (RFC 9112 6.3); Poco would
// read it until the connection closes, which a client waiting for the
// answer (`curl -X POST` without data) never does.
bool readBounded(Poco::Net::HTTPServerRequest& request, size_t limit, std::string* out) {
  out->clear();
  if (!request.hasContentLength() && !request.getChunkedTransferEncoding()) return true;
  std::istream& in = request.stream();
  char chunk[8192];
  while (in) {
    in.read(chunk, sizeof(chunk));
    const std::streamsize got = in.gcount();
    if (got <= 0) break;
    out->append(chunk, static_cast<size_t>(got));
    if (out->size() > limit) return false;
  }
  return true;
}

class ApiHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit ApiHandler(std::shared_ptr<const Shared> shared) : shared_(std::move(shared)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    if (!shared_->mayKeepAlive()) response.setKeepAlive(false);
    RequestGuard guard(Poco::Logger::get(kWebLoggerName));
    guard.run(request, response, [&] {
      const std::string& target = request.getURI();
      const std::string raw_path = target.substr(0, target.find('?'));
      if (isUnder(raw_path, "/ws/")) return upgrade(request, response, raw_path);
      if (servesStatic(request, raw_path)) {
        return shared_->assets->serve(request, response, raw_path);
      }
      ApiRequest api;
      std::string action;
      const ApiResponse answer = serve(request, &api, &action);
      writeResponse(response, answer);
      if (shared_->audit && isChange(api.method) && isUnder(api.path, "/api/")) {
        shared_->audit(api, action, answer.status);
      }
    });
  }

 private:
  // /ws/ paths leave HTTP; the handler takes the connection (no token: a
  // WebSocket protocol authenticates its peers itself).
  void upgrade(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
               const std::string& raw_path) {
    std::string path;
    try {
      Poco::URI::decode(raw_path, path);
    } catch (const Poco::Exception&) {
      writeResponse(response, ApiResponse::problem(400, "BAD_PATH", "the path does not decode"));
      return;
    }
    const auto found = shared_->upgrades.find(path);
    if (found == shared_->upgrades.end()) {
      writeResponse(response, ApiResponse::problem(404, "NOT_FOUND", "no endpoint at " + path));
      return;
    }
    found->second(request, response);
  }

  // GET and HEAD outside /api/ go to the assets folder, unless a route (such
  // as /health) answers the path.
  bool servesStatic(const Poco::Net::HTTPServerRequest& request, const std::string& raw_path) {
    if (!shared_->assets || isUnder(raw_path, "/api/")) return false;
    const std::string& method = request.getMethod();
    if (method != Poco::Net::HTTPRequest::HTTP_GET && method != Poco::Net::HTTPRequest::HTTP_HEAD) {
      return false;
    }
    return shared_->router.match(method, raw_path).kind == Router::Match::Kind::NoSuchPath;
  }

  // Fills `api` (as far as it got) and `action` ("<method> <pattern>") for
  // the audit trail.
  ApiResponse serve(Poco::Net::HTTPServerRequest& request, ApiRequest* out, std::string* action) {
    const std::string& target = request.getURI();
    const size_t query_at = target.find('?');
    const std::string raw_path = target.substr(0, query_at);

    ApiRequest& api = *out;
    api.method = request.getMethod();
    Poco::URI::decode(raw_path, api.path);
    api.remote = request.clientAddress().toString();
    api.client_certificate = clientCertificateOf(request);
    *action = api.method + " " + api.path;
    const size_t limit = shared_->max_body_bytes;

    if (request.hasContentLength() &&
        request.getContentLength64() > static_cast<Poco::Int64>(limit)) {
      return tooLarge(limit);
    }
    Router::Match match = shared_->router.match(api.method, raw_path);
    const bool found = match.kind == Router::Match::Kind::Found;
    if (found) *action = api.method + " " + std::string(match.rule->pattern);
    api.caller = callerOf(request);
    std::optional<ApiResponse> denied;
    if (needsToken(api.path) && !(found && match.rule->is_public)) {
      denied = authorise(request, api, found ? match.rule : nullptr);
    }
    if (denied) {
      // Drain what the client sent so the connection stays in step.
      std::string ignored;
      denied->close_connection = !readBounded(request, limit, &ignored);
      return *denied;
    }
    if (!readBounded(request, limit, &api.body)) return tooLarge(limit);

    if (query_at != std::string::npos) {
      const Poco::URI uri(target);
      for (auto& [name, value] : uri.getQueryParameters()) {
        api.query.emplace(std::move(name), std::move(value));
      }
    }
    api.content_type = request.getContentType();
    api.host = request.getHost();
    api.target = target;
    // What a signed callback carries (connectors/common/callback_verifier.h).
    for (const auto& [name, value] : request) {
      if (Poco::icompare(name, 0, 5, std::string("X-Ca-")) == 0)
        api.signature_headers[Poco::toLower(name)] = value;
    }

    switch (match.kind) {
      case Router::Match::Kind::Found:
        api.params = std::move(match.params);
        return (*match.handler)(api);
      case Router::Match::Kind::MethodNotAllowed: {
        wf::Array allowed;
        for (const std::string& method : match.allowed) allowed.emplace_back(method);
        return ApiResponse::problem(405, "METHOD_NOT_ALLOWED",
                                    api.method + " is not allowed on " + api.path,
                                    wf::Value(wf::Object{{"allowed", wf::Value(allowed)}}));
      }
      case Router::Match::Kind::NoSuchPath:
        break;
    }
    return ApiResponse::problem(404, "NOT_FOUND", "no endpoint at " + api.path);
  }

  // The verified client certificate's subject, over HTTPS.
  static std::string clientCertificateOf(Poco::Net::HTTPServerRequest& request) {
    if (!request.secure()) return "";
    auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
    if (impl == nullptr) return "";
    try {
      Poco::Net::SecureStreamSocket socket(impl->socket());
      if (!socket.havePeerCertificate()) return "";
      return socket.peerCertificate().subjectName();
    } catch (const Poco::Exception&) {
      return "";
    }
  }

  // Who may not call this: 401 without credentials, 403 for a role the
  // matrix does not list or a change without the session's CSRF token;
  // nullopt when the call may go on (to a handler, or to 404/405 for a
  // known caller).
  static std::optional<ApiResponse> authorise(const Poco::Net::HTTPServerRequest& request,
                                              const ApiRequest& api, const EndpointRule* rule) {
    if (!api.caller.known()) {
      return ApiResponse::error(wf::Status::unauthenticated(
          "请先登录 (missing or wrong credentials: the session cookie, Authorization: Bearer "
          "<token>, or Device <id>:<key> for a hall device)"));
    }
    if (rule != nullptr && !allows(*rule, api.caller.roles)) {
      return ApiResponse::error(wf::Status::permissionDenied(
          "无权操作: " + api.caller.name + " may not " + api.method + " " + api.path));
    }
    if (!api.caller.session.empty() && isChange(api.method) &&
        request.get(kCsrfHeader, "") != api.caller.csrf) {
      return ApiResponse::error(wf::Status::permissionDenied(
          "页面已过期,请刷新后重试 (missing or wrong " + std::string(kCsrfHeader) + " header)"));
    }
    return std::nullopt;
  }

  // The bearer token is the hall's tools (System); a device key, that
  // device; else the session cookie, when it names a live session;
  // else nobody.
  Caller callerOf(const Poco::Net::HTTPServerRequest& request) const {
    const std::string header = request.get("Authorization", "");
    auto scheme = [&](std::string_view name) {
      return header.size() > name.size() &&
             Poco::icompare(header.substr(0, name.size()), std::string(name)) == 0;
    };
    Caller caller;
    if (scheme("bearer ")) {
      if (shared_->token.matches(Poco::trim(header.substr(7)))) {
        caller.name = "system";
        caller.roles = hall::domain::Role::System;
      }
      return caller;
    }
    if (scheme("device ")) {
      const std::string credentials = Poco::trim(header.substr(7));
      const size_t colon = credentials.find(':');
      if (colon == std::string::npos || !shared_->device_keys) return caller;
      const std::string id = credentials.substr(0, colon);
      if (shared_->device_keys(id, credentials.substr(colon + 1))) {
        caller.name = "device:" + id;
        caller.roles = hall::domain::Role::Device;
      }
      return caller;
    }
    if (shared_->sessions && request.has("Cookie")) {
      Poco::Net::NameValueCollection cookies;
      request.getCookies(cookies);
      const std::string id = cookies.get(kSessionCookie, "");
      if (!id.empty()) {
        if (std::optional<Caller> found = shared_->sessions(id)) return *found;
      }
    }
    return caller;
  }

  std::shared_ptr<const Shared> shared_;
};

class ApiHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit ApiHandlerFactory(std::shared_ptr<const Shared> shared) : shared_(std::move(shared)) {}

  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new ApiHandler(shared_);
  }

 private:
  std::shared_ptr<const Shared> shared_;
};

}  // namespace

wf::Result<std::unique_ptr<WebServer>> WebServer::start(Router router, AdminToken token,
                                                        WebServerOptions options,
                                                        UpgradeRoutes upgrades) {
  for (const auto& [path, handler] : upgrades) {
    if (!isUnder(path, "/ws/") || !handler) {
      return wf::Status::invalid("http: upgrade route " + path +
                                 " must be a path under /ws/ with a handler");
    }
  }
  std::optional<StaticFiles> assets;
  if (!options.assets_dir.empty()) {
    std::error_code error;
    if (!std::filesystem::is_directory(options.assets_dir, error)) {
      return wf::Status::invalid("http: assets folder " + options.assets_dir.string() +
                                 " is not a folder");
    }
    try {
      assets.emplace(options.assets_dir);
    } catch (const std::filesystem::filesystem_error& e) {
      return wf::Status::invalid("http: assets folder " + options.assets_dir.string() + ": " +
                                 e.what());
    }
  }
  router.add("GET", "/health", [](const ApiRequest&) {
    return ApiResponse::ok(wf::Value(wf::Object{{"status", wf::Value("ok")}}));
  });
  const int max_threads = std::max(1, options.max_threads);
  const bool keep_alive = options.keep_alive.count() > 0;
  std::unique_ptr<WebServer> server(new WebServer());
  server->host_ = options.host;
  server->pool_ = std::make_unique<Poco::ThreadPool>(1, max_threads);
  auto shared = std::make_shared<const Shared>(
      Shared{std::move(router), std::move(token), options.max_body_bytes, std::move(upgrades),
             std::move(assets), options.device_keys, options.sessions, options.audit,
             keep_alive ? server->pool_.get() : nullptr, std::max(1, max_threads / 4)});
  try {
    // SO_REUSEADDR lets a restarted server rebind past TIME_WAIT; SO_REUSEPORT
    // stays off, so a second server on a busy port fails instead of
    // silently sharing it.
    std::unique_ptr<Poco::Net::ServerSocket> listener;
    if (options.tls) {
      static const bool ssl_ready = [] {
        Poco::Net::initializeSSL();
        return true;
      }();
      (void)ssl_ready;
      const TlsOptions& tls = *options.tls;
      Poco::Net::Context::Params params;
      params.certificateFile = tls.certificate.string();
      params.privateKeyFile = tls.private_key.string();
      params.caLocation = tls.client_ca.string();
      params.verificationMode = tls.client_ca.empty() ? Poco::Net::Context::VERIFY_NONE
                                                      : Poco::Net::Context::VERIFY_RELAXED;
      params.loadDefaultCAs = false;
      params.cipherList = "HIGH:!aNULL:!MD5:!RC4";
      Poco::Net::Context::Ptr context =
          new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
      context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                                Poco::Net::Context::PROTO_TLSV1 |
                                Poco::Net::Context::PROTO_TLSV1_1);
      // Client certificates are verified in every handshake (no session
      // resumption that would skip it).
      context->disableStatelessSessionResumption();
      listener = std::make_unique<Poco::Net::SecureServerSocket>(context);
      server->tls_ = true;
    } else {
      listener = std::make_unique<Poco::Net::ServerSocket>();
    }
    Poco::Net::ServerSocket& socket = *listener;
    socket.bind(Poco::Net::SocketAddress(options.host, options.port), /*reuseAddress=*/true,
                /*reusePort=*/false);
    socket.listen(/*backlog=*/64);
    server->port_ = socket.address().port();

    auto params = Poco::AutoPtr<Poco::Net::HTTPServerParams>(new Poco::Net::HTTPServerParams);
    params->setMaxThreads(max_threads);
    params->setMaxQueued(std::max(1, options.max_queued));
    // Poco 1.11 stops its dispatcher by waking one idle thread; the others
    // leave only when their idle time runs out, and stop() joins them. After a
    // burst of connections (a hall's devices connecting at once) the default
    // of 10 s would be how long stopping takes.
    params->setThreadIdleTime(Poco::Timespan(1, 0));
    // Keep-alive, within the limits of WebServerOptions::keep_alive: a
    // browser or tool reuses its connection, so a request costs no TCP (or
    // TLS) handshake, and a connection that idles holds its thread no longer
    // than the idle time.
    params->setKeepAlive(keep_alive);
    if (keep_alive) {
      params->setKeepAliveTimeout(Poco::Timespan(
          std::chrono::duration_cast<std::chrono::microseconds>(options.keep_alive).count()));
      params->setMaxKeepAliveRequests(1000);
    }

    server->server_ = std::make_unique<Poco::Net::HTTPServer>(
        new ApiHandlerFactory(std::move(shared)), *server->pool_, socket, params);
    server->server_->start();
  } catch (const Poco::Exception& e) {
    return wf::Status::unavailable("http: cannot listen on " + options.host + ":" +
                                   std::to_string(options.port) + ": " + e.displayText());
  }
  return server;
}

WebServer::~WebServer() { stop(); }

std::string WebServer::url() const {
  const bool ipv6 = host_.find(':') != std::string::npos;
  return std::string(tls_ ? "https://" : "http://") + (ipv6 ? "[" + host_ + "]" : host_) + ":" +
         std::to_string(port_);
}

void WebServer::stop() {
  if (stopped_ || !server_) return;
  stopped_ = true;
  // stopAll(true) also closes idle keep-alive connections, so shutdown does
  // not wait for clients that hold a connection open.
  server_->stopAll(true);
  pool_->joinAll();
}

}  // namespace portal::web
