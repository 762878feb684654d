// HallApiClient: the hall's REST API (README.md, "HTTP API") as a kiosk, a
// window's clerk or the admin calls it — one HTTP/1.1 request per connection,
// as a simple client does: one HTTP/1.1 request per connection (`hall serve`
// would keep it alive, but a fresh one per call keeps each timing whole),
// each timed.
//
// Failures of the transport (refused, reset, timed out) are replies with
// status 0 and the reason in `error`; no exception leaves this class.
//
// Thread-safety: const and stateless between calls, so one client may serve
// many threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "wf/status.h"

namespace hall::devicesim {

// Where `hall serve` listens, from the URL it prints ("http://host:port").
struct ServerAddress {
  std::string host;
  uint16_t port = 0;
};

wf::Result<ServerAddress> parseServerUrl(const std::string& url);

struct ApiReply {
  int status = 0;  // HTTP status; 0 when the request failed on the way
  std::string body;
  std::string error;      // why status is 0
  double elapsed_ms = 0;  // from connecting to the last byte of the answer

  // A string member of the JSON object in the body; nullopt when the body is
  // no JSON object or the member is absent or not a string.
  std::optional<std::string> stringMember(const std::string& name) const;
};

class HallApiClient {
 public:
  // `authorization`: the whole header value, see bearer() and device().
  HallApiClient(ServerAddress server, std::string authorization)
      : server_(std::move(server)), authorization_(std::move(authorization)) {}

  static std::string bearer(const std::string& admin_token) { return "Bearer " + admin_token; }
  static std::string device(const std::string& device_id, const std::string& key) {
    return "Device " + device_id + ":" + key;
  }

  ApiReply get(const std::string& path) const;
  // `body` is sent as application/json.
  ApiReply post(const std::string& path, const std::string& body) const;

 private:
  ApiReply send(const std::string& method, const std::string& path, const std::string& body) const;

  const ServerAddress server_;
  const std::string authorization_;
};

}  // namespace hall::devicesim
