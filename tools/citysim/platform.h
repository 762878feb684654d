// What the simulator's server and its platforms share: a request as a
// platform sees it (already read, size-checked and signature-checked), its
// answer, the contract's error bodies, and the counters of /_sim/stats.
//
// A Platform answers requests under its prefix; the server calls handle()
// from many threads at once, so a platform guards its own state.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wf/value.h"

namespace hall::citysim {

class FaultPlan;

struct PlatformRequest {
  std::string method;
  std::string path;                            // decoded, without the query
  std::string path_with_query;                 // as sent
  std::map<std::string, std::string> query;    // decoded parameters
  std::map<std::string, std::string> headers;  // the ones a platform reads, by name
  std::string body;
  int64_t now_ms = 0;  // the server's clock when the request arrived

  const std::string* header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? nullptr : &found->second;
  }
};

struct PlatformResponse {
  int status = 200;
  std::string body;  // JSON, unless content_type says otherwise
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // Set-Cookie, Location …
};

// {"code": …, "message": …} and, when `field` is not empty, "field".
PlatformResponse errorResponse(int status, std::string_view code, std::string message,
                               std::string_view field = {});
// 400 INVALID_ARGUMENT with the message "field: why".
PlatformResponse invalidArgument(std::string_view field, std::string_view why);
PlatformResponse jsonResponse(int status, const wf::Value& body);

// The counters of one platform in /_sim/stats: requests (every request
// under its prefix), issued and duplicates (the platform's own), refused
// (4xx answers, 401 included) and faulted (injected 5xx answers and drops).
struct PlatformStats {
  std::atomic<int64_t> requests{0};
  std::atomic<int64_t> issued{0};
  std::atomic<int64_t> duplicates{0};
  std::atomic<int64_t> refused{0};
  std::atomic<int64_t> faulted{0};

  wf::Value toValue() const;
};

class Platform {
 public:
  virtual ~Platform() = default;
  // "elicense": the name in /_sim/faults/{platform} and /_sim/stats.
  virtual std::string name() const = 0;
  // "/elicense/v1": every path under it is this platform's.
  virtual std::string prefix() const = 0;
  // The name people read, "市电子证照库".
  virtual std::string displayName() const = 0;
  virtual PlatformResponse handle(const PlatformRequest& request, PlatformStats& stats) = 0;
  // The platform's fault plan, handed over once before any request (a
  // platform that calls the hall back reads its callback switches).
  virtual void bindFaults(const FaultPlan& faults) { (void)faults; }
  // Whether its requests carry the contract's signature (an old web app's
  // do not; the server then skips the check).
  virtual bool signedRequests() const { return true; }
  // /_sim/{name}/… — the platform's own controls, not signed and not
  // counted: how tests play the city's side of it (a department entering
  // its decision, a citizen applying online); `request.path` is what
  // follows /_sim/{name}. The default: 404.
  virtual PlatformResponse control(const PlatformRequest& request);
};

}  // namespace hall::citysim
