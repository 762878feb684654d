// CitysimServer: the city platforms over HTTP (Poco HTTPServer), routed by
// path prefix: /_sim/ to the simulator's own control (faults and stats, not
// signed), each platform's prefix (/elicense/v1 …) through the same steps —
// count the request, read the body (at most 1 MiB, else 413 TOO_LARGE),
// apply the platform's FaultPlan (latency, 503 PLATFORM_DOWN, dropped
// connection, 500), check the signature (401), then the platform itself.
//
// Owns its platforms, their fault plans and counters. start() listens before
// it returns; stop() (and the destructor) waits for requests in flight. The
// handlers run on Poco's thread pool; everything they share is thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tools/citysim/platform.h"
#include "wf/status.h"

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}  // namespace Net
}  // namespace Poco

namespace hall::citysim {

inline constexpr size_t kMaxBodyBytes = size_t{1} << 20;

struct CitysimServerOptions {
  std::string host = "127.0.0.1";
  int port = 8091;                         // 0: a free port
  std::string app_key = "hall-changning";  // the one known X-Ca-Key
  std::string key;                         // the shared key text; not empty
  int max_threads = 16;
  bool log_requests = true;  // one line per request on stderr
  // Epoch milliseconds; the system clock when empty.
  std::function<int64_t()> now_ms;
};

class CitysimServer {
 public:
  // Unavailable when it cannot listen.
  static wf::Result<std::unique_ptr<CitysimServer>> start(
      CitysimServerOptions options, std::vector<std::unique_ptr<Platform>> platforms);
  ~CitysimServer();
  CitysimServer(const CitysimServer&) = delete;
  CitysimServer& operator=(const CitysimServer&) = delete;

  // "http://127.0.0.1:PORT".
  std::string url() const;
  int port() const { return port_; }
  void stop();

  struct State;  // what the handlers share

 private:
  CitysimServer() = default;

  std::shared_ptr<State> state_;
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::string host_;
  int port_ = 0;
  bool stopped_ = false;
};

}  // namespace hall::citysim
