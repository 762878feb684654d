// ElicensePlatform: the simulated 市电子证照库 (city e-licence library),
// prefix /elicense/v1 (README.md): issue a licence (idempotent by
// Idempotency-Key), list a holder's licences (用证清单), read one, revoke
// it, and link a child licence to its parent (子母证).
//
// The store is in memory and lives as long as the process. Thread-safe: one
// mutex guards the licences and the idempotency keys; handle() may run on
// many threads.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tools/citysim/licence_application.h"
#include "tools/citysim/platform.h"

namespace hall::citysim {

class ElicensePlatform final : public Platform {
 public:
  // `key` signs each licence ("signature": HMAC-SM3 of
  // licenceNumber|holderId|typeCode).
  explicit ElicensePlatform(std::string key) : key_(std::move(key)) {}

  std::string name() const override { return "elicense"; }
  std::string prefix() const override { return "/elicense/v1"; }
  std::string displayName() const override { return "市电子证照库"; }
  PlatformResponse handle(const PlatformRequest& request, PlatformStats& stats) override;

 private:
  struct Licence {
    std::string id;
    std::string number;
    LicenceApplication application;
    int64_t issued_at_ms = 0;
    std::string status = "valid";  // "valid" or "revoked"
    std::string signature;
    std::optional<std::string> revoke_reason;
    int64_t revoked_at_ms = 0;
    std::vector<std::string> children;
  };
  struct IdempotentIssue {
    std::string fingerprint;
    std::string licence_id;
  };

  PlatformResponse issue(const PlatformRequest& request, PlatformStats& stats);
  PlatformResponse list(const PlatformRequest& request);
  PlatformResponse read(const std::string& id);
  PlatformResponse revoke(const PlatformRequest& request, const std::string& id);
  PlatformResponse linkChild(const PlatformRequest& request, const std::string& parent_id);

  static wf::Value issueAnswer(const Licence& licence);
  static wf::Value fullLicence(const Licence& licence);

  const std::string key_;
  std::mutex mutex_;
  std::map<std::string, Licence> licences_;  // by id; ids sort in issue order
  std::map<std::string, IdempotentIssue> issued_by_key_;
  int64_t sequence_ = 0;
};

}  // namespace hall::citysim
