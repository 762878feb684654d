#include "portal/web/request_guard.h"

#include <Poco/Exception.h>
#include <openssl/rand.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <exception>

namespace portal::web {

void writeResponse(Poco::Net::HTTPServerResponse& response, const ApiResponse& api) {
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(api.status));
  if (api.close_connection) response.setKeepAlive(false);
  for (const auto& [name, value] : api.headers) response.add(name, value);
  if (api.bytes) {
    response.setContentType(api.bytes->content_type);
    response.setContentLength(static_cast<std::streamsize>(api.bytes->data.size()));
    response.send() << api.bytes->data;
    return;
  }
  if (!api.json) {
    response.setContentLength(0);
    response.send();
    return;
  }
  const std::string body = api.json->toJson();
  response.setContentType("application/json; charset=utf-8");
  response.setContentLength(static_cast<std::streamsize>(body.size()));
  response.send() << body;
}

std::string RequestGuard::newCorrelationId() {
  std::array<unsigned char, 8> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    // An id only needs to be unlikely to repeat within a log; the address of
    // a stack object mixed with a counter is enough when OpenSSL cannot help.
    static std::atomic<uint64_t> counter{0};
    const uint64_t mixed =
        reinterpret_cast<uintptr_t>(&bytes) ^ (++counter * 0x9E3779B97F4A7C15ULL);
    for (size_t i = 0; i < bytes.size(); ++i)
      bytes[i] = static_cast<unsigned char>(mixed >> (8 * i));
  }
  static const char kHex[] = "0123456789abcdef";
  std::string id;
  for (unsigned char b : bytes) {
    id.push_back(kHex[b >> 4]);
    id.push_back(kHex[b & 0xF]);
  }
  return id;
}

void RequestGuard::run(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response,
                       const std::function<void()>& handle) noexcept {
  try {
    handle();
  } catch (const Poco::Exception& e) {
    fail(request, response, e.displayText());
  } catch (const std::exception& e) {
    fail(request, response, e.what());
  } catch (...) {
    fail(request, response, "unknown exception");
  }
}

void RequestGuard::fail(Poco::Net::HTTPServerRequest& request,
                        Poco::Net::HTTPServerResponse& response,
                        const std::string& cause) noexcept {
  const std::string id = newCorrelationId();
  try {
    logger_.error("correlation id %s: %s %s failed: %s", id, request.getMethod(), request.getURI(),
                  cause);
  } catch (...) {
    // Logging must not turn one failure into a dropped connection.
  }
  try {
    if (response.sent()) return;  // Headers are out; the client sees a cut body.
    response.set("X-Correlation-Id", id);
    ApiResponse api = ApiResponse::problem(
        500, "INTERNAL", "internal error; quote the correlation id when reporting it",
        wf::Value(wf::Object{{"correlationId", wf::Value(id)}}));
    api.close_connection = true;
    writeResponse(response, api);
  } catch (...) {
    // The connection is gone; there is nobody left to tell.
  }
}

}  // namespace portal::web
