// NotifyPlatform: the simulated notification gateway (短信平台 and 随申办
// push), prefix /notify/v1 (README.md): an SMS to a mainland mobile number
// or a push to the 随申办 app of a person (by resident ID number), from a
// registered template with its parameters — idempotent by Idempotency-Key
// — and, for tests, the messages a phone or a person received.
//
// The store is in memory and lives as long as the process. Thread-safe: one
// mutex guards it; handle() may run on many threads.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "tools/citysim/platform.h"

namespace hall::citysim {

class NotifyPlatform final : public Platform {
 public:
  std::string name() const override { return "notify"; }
  std::string prefix() const override { return "/notify/v1"; }
  std::string displayName() const override { return "短信与随申办推送平台"; }
  PlatformResponse handle(const PlatformRequest& request, PlatformStats& stats) override;

 private:
  struct Message {
    std::string id;
    std::string channel;    // "sms" or "push"
    std::string recipient;  // the phone, or the ID number
    std::string template_code;
    wf::Value params;
    std::string text;
    int64_t sent_at = 0;
    std::string fingerprint;
  };

  PlatformResponse send(const PlatformRequest& request, const std::string& channel,
                        PlatformStats& stats);
  PlatformResponse list(const PlatformRequest& request);

  static wf::Value messageJson(const Message& m);

  std::mutex mutex_;
  std::vector<Message> messages_;         // in send order
  std::map<std::string, size_t> by_key_;  // Idempotency-Key → index
};

}  // namespace hall::citysim
