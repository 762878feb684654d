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
#include <vector>

#include "wf/value.h"

namespace hall::citysim {

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
  std::string body;  // JSON
};

// {"code": …, "message": …} and, when `field` is not empty, "field".
PlatformResponse errorResponse(int status, std::string_view code, std::string message,
                               std::string_view field = {});
// 400 INVALID_ARGUMENT with the message "field: why".
PlatformResponse invalidArgument(std::string_view field, std::string_view why);
PlatformResponse jsonResponse(int status, const wf::Value& body);
// 404 NOT_FOUND / 405 METHOD_NOT_ALLOWED, as every platform answers them.
PlatformResponse notFound(const std::string& what);
PlatformResponse methodNotAllowed(const PlatformRequest& request);
// The JSON object body of a request in `out`, or the 400 (field "body")
// that refuses it.
std::optional<PlatformResponse> objectBody(const PlatformRequest& request, wf::Value* out);
// A required string member of 1 to `max_bytes` bytes in `out`, or the 400
// naming it.
std::optional<PlatformResponse> requiredText(const wf::Value& body, const char* field,
                                             size_t max_bytes, std::string* out);
// A whole-number member in [low, high] in `out`, or the 400 naming it.
std::optional<PlatformResponse> wholeNumber(const wf::Value& body, const char* field, int64_t low,
                                            int64_t high, int64_t* out);

// The non-empty segments of a path: "/a//b/" → {"a", "b"}.
std::vector<std::string> segmentsOf(std::string_view path);
// An Idempotency-Key: 1–128 visible ASCII characters.
bool isIdempotencyKey(const std::string& key);
// "2026-11-29": the Beijing (UTC+8) date at `epoch_ms`.
std::string beijingDay(int64_t epoch_ms);

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
};

}  // namespace hall::citysim
