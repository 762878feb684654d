// CallbackSender: how a simulated platform calls the hall back —
// POST {hall}/api/v1/callbacks/{platform} with the JSON event, signed as the
// contract says (X-Ca-Key = the platform's app id, HMAC-SM3 with the shared
// key, a fresh nonce per attempt) — or, given an SM2 private key, the same
// headers with X-Ca-Signature the base64 DER SM2 signature of the same
// string to sign (connectors/common/sm2_signature.h). An attempt the hall does not answer 2xx
// (no answer, 401, 5xx …) is sent again after a pause that doubles, at most
// `retries` times — bounded, so a hall that is away never holds the
// simulator. `tampered` breaks the signature of every attempt (the hall
// must refuse it with 401): a hex digit changed (HMAC), or the signature
// made over another body (SM2).
//
// Thread-safety: send() may be called from many threads; no state of its own.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "connectors/common/request_signer.h"
#include "connectors/common/sm2_signature.h"

namespace hall::citysim {

struct CallbackDelivery {
  std::vector<int> statuses;  // one per attempt; 0 when no answer came
  bool delivered = false;     // the last attempt was answered 2xx
};

class CallbackSender {
 public:
  CallbackSender(std::string app_id, std::string key,
                 std::optional<connectors::Sm2Key> sm2_key = std::nullopt, int retries = 3,
                 std::chrono::milliseconds first_pause = std::chrono::milliseconds(50))
      : app_id_(std::move(app_id)),
        key_(std::move(key)),
        sm2_key_(std::move(sm2_key)),
        retries_(retries),
        first_pause_(first_pause) {}

  // `hall_url` is http://host:port of the hall.
  CallbackDelivery send(const std::string& hall_url, const std::string& platform,
                        const std::string& body, bool tampered) const;

 private:
  // The X-Ca-* values of one attempt.
  connectors::RequestSignature sign(const std::string& path, const std::string& body,
                                    bool tampered) const;
  // One attempt: the HTTP status, 0 when none came.
  int attempt(const std::string& hall_url, const std::string& path, const std::string& body,
              bool tampered) const;

  const std::string app_id_;
  const std::string key_;
  const std::optional<connectors::Sm2Key> sm2_key_;
  const int retries_;
  const std::chrono::milliseconds first_pause_;
};

}  // namespace hall::citysim
