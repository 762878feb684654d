// RequestGuard: the one place where exceptions stop on their way out of an
// HTTP handler. Whatever escapes (Poco, the standard library, a bug) becomes
// a 500 with a fresh correlation id, and the id is logged with the cause, so
// a support call that quotes the id finds the log line — and the client
// learns nothing about the internals.
#pragma once

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <functional>
#include <string>

#include "portal/web/api_request.h"

namespace portal::web {

// The logger the web layer writes to (failures with their correlation id).
inline constexpr const char* kWebLoggerName = "hall.web";

class RequestGuard {
 public:
  explicit RequestGuard(Poco::Logger& logger) : logger_(logger) {}

  // Runs `handle`; never throws.
  void run(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
           const std::function<void()>& handle) noexcept;

  // 16 random hex digits.
  static std::string newCorrelationId();

 private:
  void fail(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
            const std::string& cause) noexcept;

  Poco::Logger& logger_;
};

// Writes an ApiResponse: status, JSON body (compact, UTF-8) or none.
void writeResponse(Poco::Net::HTTPServerResponse& response, const ApiResponse& api);

}  // namespace portal::web
