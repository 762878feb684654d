// CityClient: the one way the hall calls a city platform. Each request is
// signed (request_signer.h), carries its idempotency key when it creates
// something (the platform keeps one effect per key, so a retry after a lost
// answer never does the work twice), and is bounded by the platform's
// timeouts. A failure worth retrying (no answer, 429, 5xx) is retried within
// the call — exponential backoff with full jitter, RetryPolicy — and counted
// by the platform's circuit breaker; an open breaker fails calls at once,
// without touching the network. What is still failing after that is the
// caller's to hand back to the engine, whose job retries are durable.
//
// Thread-safety: send() may be called from many threads (one HTTP session
// per call); the breaker is shared.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "connectors/common/circuit_breaker.h"
#include "connectors/common/platform_config.h"
#include "wf/engine.h"
#include "wf/status.h"
#include "wf/value.h"

namespace connectors {

struct CityReply {
  int status = 0;     // HTTP status; 0 when no answer came
  std::string body;   // the platform's answer
  std::string error;  // why there was no answer (refused, timed out, breaker open)
  int attempts = 0;   // requests sent in this call

  bool ok() const { return status >= 200 && status < 300; }
  bool retryable() const { return status == 0 || status == 429 || status >= 500; }
  // For a job's error and the logs: "市电子证照库 HTTP 503: {…}" (the body cut
  // to 300 bytes) or "市电子证照库 unreachable: …".
  std::string describe(const std::string& platform_name) const;
  // A failed call as a job's error, "<what>: <describe>": Unavailable when
  // worth retrying, else InvalidArgument (a refusal) as a permanent job
  // failure (wf::permanentJobFailure: the incident is raised at once).
  wf::Status failure(const std::string& what, const std::string& platform_name) const;
  // The "code" member of the platform's error body ("CODE_EXPIRED"); "" when
  // there is none.
  std::string errorCode() const;
  // The answer's JSON object for a job of `job_type`; else the job's
  // failure: failure(job_type) when the call failed, Unavailable (worth
  // retrying: the platform may have done the work) for an answer that is
  // malformed or not a JSON object.
  wf::Result<wf::Value> jsonObject(std::string_view job_type,
                                   const std::string& platform_name) const;
};

// Reads an answer's body into `out`, at most `limit` bytes: false (and
// the rest unread) when it is longer — a runaway body is an error, not memory.
bool readBoundedAnswer(std::istream& in, size_t limit, std::string* out);

class CityClient {
 public:
  // `base_url`: http(s)://host:port of the platform (the config's, or the
  // hall's --city address); `key`: the shared signing key.
  CityClient(PlatformConfig config, std::string base_url, std::string key,
             std::function<int64_t()> now_ms);

  // `path` is below the platform's prefix ("/licences?holderId=…").
  CityReply send(std::string_view method, const std::string& path, const std::string& body,
                 const std::string& idempotency_key = {});

  const PlatformConfig& config() const { return config_; }
  CircuitBreaker& breaker() { return breaker_; }
  // Called when the platform has recovered: the first answer after failures
  // (the breaker closing again after being open, or a success after failed
  // attempts) — once per recovery, on the thread whose call succeeded,
  // outside every lock. For the engine's "retry now" of jobs backing off.
  void onRecovered(std::function<void()> callback);

 private:
  // Calls the onRecovered callback, if any, outside recovered_mu_.
  void notifyRecovered();
  CityReply once(std::string_view method, const std::string& path_with_query,
                 const std::string& body, const std::string& idempotency_key);

  const PlatformConfig config_;
  const std::string base_url_;
  const std::string key_;
  const std::function<int64_t()> now_;
  CircuitBreaker breaker_;
  std::mutex recovered_mu_;
  std::shared_ptr<const std::function<void()>> on_recovered_;
};

}  // namespace connectors
