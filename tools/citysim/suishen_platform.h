// SuishenPlatform: the simulated 随申码 service, prefix /suishen/v1
// (README.md). It plays both sides of a code: the phone app that shows one
// (POST /codes issues a code for a holder, as the app would for its signed-in
// user) and the city's verification service the hall calls
// (POST /codes/verify → the holder). A code is "SSM1.<serial>.<expiresAt>.
// <signature>", the signature HMAC-SM3 under the platform's key of what
// precedes it, so a changed character is caught; it is short-lived (60 s by
// default).
//
// The store is in memory and lives as long as the process. Thread-safe: one
// mutex guards the holders; handle() may run on many threads.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "tools/citysim/platform.h"

namespace hall::citysim {

class SuishenPlatform final : public Platform {
 public:
  static constexpr int64_t kDefaultTtlMs = 60'000;

  explicit SuishenPlatform(std::string key) : key_(std::move(key)) {}

  std::string name() const override { return "suishen"; }
  std::string prefix() const override { return "/suishen/v1"; }
  std::string displayName() const override { return "随申码"; }
  PlatformResponse handle(const PlatformRequest& request, PlatformStats& stats) override;

 private:
  struct Holder {
    std::string name;
    std::string id_number;
    std::string phone;  // may be empty
  };

  PlatformResponse issue(const PlatformRequest& request, PlatformStats& stats);
  PlatformResponse verify(const PlatformRequest& request);
  std::string signatureOf(const std::string& signed_part) const;

  const std::string key_;
  std::mutex mutex_;
  std::map<std::string, Holder> holders_;  // by serial
  int64_t sequence_ = 0;
};

}  // namespace hall::citysim
