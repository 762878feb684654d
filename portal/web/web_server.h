// WebServer: the HTTP front of the hall. Owns a Poco HTTPServer bound to one
// address, a thread pool, and the router; serves every /api/ path as the
// role matrix says (access_policy.h) to callers who authenticate with the
// admin bearer token (the hall's tools), a device key, or a session cookie
// (people; a change also needs the session's CSRF header), WebSocket upgrades
// under /ws/ (no token: devices authenticate in their own protocol), and —
// when an assets folder is given — the hall's pages and bundles for GET and
// HEAD of any other path (StaticFiles).
//
// Per request it enforces the body size limit (413), authenticates (401),
// routes (404/405), authorises (403), runs the handler inside the
// RequestGuard, and tells the audit trail of every change asked for. An upgrade
// handler takes the connection over and the worker thread is free again at
// once, so long-lived WebSockets do not use up the pool (DeviceHub serves its
// sockets from a poll loop of its own).
// Thread-safety: start() and stop() from one owning thread; requests are
// served on the pool's threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "portal/web/admin_token.h"
#include "portal/web/router.h"
#include "wf/status.h"

namespace Poco::Net {
class HTTPServer;
class HTTPServerRequest;
class HTTPServerResponse;
}  // namespace Poco::Net

namespace Poco {
class ThreadPool;
}  // namespace Poco

namespace portal::web {

// HTTPS: the server's certificate and key (PEM files), and — for sign-in by
// client certificate — the CA whose certificates clients may present
// (optional: a client without one is served too).
struct TlsOptions {
  std::filesystem::path certificate;
  std::filesystem::path private_key;
  std::filesystem::path client_ca;  // empty: no client certificates asked for
};

struct WebServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (tests)
  size_t max_body_bytes = size_t{4} << 20;
  std::optional<TlsOptions> tls;  // nullopt: plain HTTP
  int max_threads = 16;
  // HTTP keep-alive: how long a connection may wait idle for its next
  // request; 0: one request per connection. Poco serves a connection on one
  // pool thread until it closes, idle or not, so a connection is kept only
  // while at least a quarter of the pool is free (the answer says
  // "Connection: close" otherwise): browsers that hold connections open can
  // never take every thread, and a busy server goes back to one request per
  // connection on its own.
  std::chrono::milliseconds keep_alive{2000};
  // Connections accepted while every thread is busy wait in this queue.
  int max_queued = 256;
  // Served for GET and HEAD outside /api/ and /ws/; empty: no static files.
  std::filesystem::path assets_dir;
  // Whether `key` is device `device_id`'s key: with it, routes of
  // Access::Device take `Authorization: Device <id>:<key>`. Empty: no device
  // may call the API.
  std::function<bool(std::string_view device_id, std::string_view key)> device_keys;
  // The caller a session cookie names (SessionBook::find); empty: no
  // sessions, only the bearer token and device keys.
  std::function<std::optional<Caller>(std::string_view session_id)> sessions;
  // Told of every request to /api/ that asks for a change (any method but
  // GET and HEAD) once it is answered, done or refused: the audit trail.
  // `action` is "<method> <pattern>" of the endpoint, or of the path when no
  // endpoint matched. Runs on the request's thread.
  std::function<void(const ApiRequest& request, const std::string& action, int status)> audit;
};

// Takes over the connection of a request under /ws/: answers the upgrade
// itself (or refuses it with an HTTP error) and keeps the socket when it
// accepts. Runs on an HTTP worker thread and must return promptly; whatever
// it refers to must outlive the server (stop the server first).
using UpgradeHandler =
    std::function<void(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&)>;
// Exact (decoded) paths under /ws/, e.g. "/ws/devices", to their handlers.
using UpgradeRoutes = std::map<std::string, UpgradeHandler, std::less<>>;

class WebServer {
 public:
  // Binds and starts serving. Unavailable when the address cannot be bound;
  // InvalidArgument for an upgrade path outside /ws/ or an assets_dir that is
  // no folder.
  static wf::Result<std::unique_ptr<WebServer>> start(Router router, AdminToken token,
                                                      WebServerOptions options,
                                                      UpgradeRoutes upgrades = {});
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // The bound port (the real one when options.port was 0).
  uint16_t port() const { return port_; }
  // "http://host:port", or https.
  std::string url() const;
  // Stops accepting, and ends connections after their current request.
  // Idempotent; the destructor calls it.
  void stop();

 private:
  WebServer() = default;

  std::string host_;
  uint16_t port_ = 0;
  bool tls_ = false;
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  bool stopped_ = false;
};

}  // namespace portal::web
