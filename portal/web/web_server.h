// WebServer: the HTTP front of the hall. Owns a Poco HTTPServer bound to one
// address, a thread pool, and the router; serves GET /health without a
// token and every /api/ path behind the admin bearer token.
//
// Per request it enforces the body size limit (413), authenticates (401),
// routes (404/405), and runs the handler inside the RequestGuard.
// Thread-safety: start() and stop() from one owning thread; requests are
// served on the pool's threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "portal/web/admin_token.h"
#include "portal/web/router.h"
#include "wf/status.h"

namespace Poco::Net {
class HTTPServer;
}  // namespace Poco::Net

namespace Poco {
class ThreadPool;
}  // namespace Poco

namespace portal::web {

struct WebServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (tests)
  size_t max_body_bytes = size_t{4} << 20;
  int max_threads = 16;
};

class WebServer {
 public:
  // Binds and starts serving. Unavailable when the address cannot be bound.
  static wf::Result<std::unique_ptr<WebServer>> start(Router router, AdminToken token,
                                                      WebServerOptions options);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // The bound port (the real one when options.port was 0).
  uint16_t port() const { return port_; }
  // "http://host:port".
  std::string url() const;
  // Stops accepting, and ends connections after their current request.
  // Idempotent; the destructor calls it.
  void stop();

 private:
  WebServer() = default;

  std::string host_;
  uint16_t port_ = 0;
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  bool stopped_ = false;
};

}  // namespace portal::web
