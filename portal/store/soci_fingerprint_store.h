// SociFingerprintStore: the digests of the clerks' enrolled fingers
// (hall_fingerprints) in the engine's database, one per login, with
// migrations recorded in hall_fingerprint_schema. Only keyed digests
// (HmacSm3TemplateDigest) are kept, never a template.
//
// Thread-safety: one connection behind a mutex; every member may be called
// from any thread.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "portal/domain/fingerprint_check.h"

namespace soci {
class session;
}  // namespace soci

namespace hall::store {

class SociFingerprintStore final : public hall::domain::FingerprintStore {
 public:
  static wf::Result<std::unique_ptr<SociFingerprintStore>> open(const std::string& db_url);
  ~SociFingerprintStore() override;

  wf::Result<std::optional<std::string>> digest(const std::string& login) override;
  wf::Status put(const std::string& login, const std::string& digest, int64_t enrolled_at) override;
  wf::Result<bool> remove(const std::string& login) override;

 private:
  explicit SociFingerprintStore(std::unique_ptr<soci::session> session);

  std::mutex mu_;
  std::unique_ptr<soci::session> sql_;
};

}  // namespace hall::store
