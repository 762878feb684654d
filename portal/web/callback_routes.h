// CallbackRoutes: what the city platforms tell the hall —
//   POST /api/v1/callbacks/{platform}
//        {"eventId": "…", "event": "waybill.delivered", "caseCode": "…",
//         "data": {…}}
// signed as the hall signs its own requests (X-Ca-Key/Timestamp/Nonce/
// Signature; the check is the app's, connectors/common/callback_verifier.h,
// handed in as `verify`): a bad, stale or replayed signature is 401 and
// changes nothing. A good one correlates the engine message
// "<platform>.<event>" with the case code as correlation key and the
// variable `<platform>Event` = {event, eventId, data}. The message id is
// "<platform>:<eventId>", so the same event delivered twice has one effect
// (the second answers outcome "duplicate"); an event that comes before the
// case waits for it is kept a day (outcome "buffered") and taken when the
// case gets there, so out-of-order delivery is fine.
//
// The route is public in the role matrix: the signature is its credential.
// Thread-safety: the Engine is thread-safe; `verify` must be.
#pragma once

#include <functional>
#include <string>

#include "portal/web/router.h"
#include "wf/engine.h"

namespace portal::web {

struct CallbackRequest {
  std::string platform;
  std::string method;
  std::string target;
  std::string body;
  std::string app_id;
  std::string timestamp;
  std::string nonce;
  std::string signature;
};

// OK, Unauthenticated (the reason in details), or NotFound for a platform
// that takes no callbacks.
using CallbackVerifier = std::function<wf::Status(const CallbackRequest&)>;

class CallbackRoutes {
 public:
  static constexpr int64_t kBufferMillis = 24 * 60 * 60 * 1000;

  CallbackRoutes(wf::Engine& engine, CallbackVerifier verify)
      : engine_(engine), verify_(std::move(verify)) {}

  void addTo(Router& router);
  ApiResponse receive(const ApiRequest& request);

 private:
  wf::Engine& engine_;
  CallbackVerifier verify_;
};

}  // namespace portal::web
