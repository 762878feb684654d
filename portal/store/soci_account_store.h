// SociAccountStore: the portal's accounts (hall_users) in the engine's
// database, with migrations recorded in hall_account_schema.
//
// Thread-safety: one connection behind a mutex; every member may be called
// from any thread.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "portal/domain/accounts.h"

namespace soci {
class session;
}  // namespace soci

namespace hall::store {

class SociAccountStore final : public hall::domain::AccountStore {
 public:
  static wf::Result<std::unique_ptr<SociAccountStore>> open(const std::string& db_url);
  ~SociAccountStore() override;

  wf::Result<std::optional<hall::domain::Account>> account(const std::string& login) override;
  wf::Result<std::optional<hall::domain::Account>> accountByCertificate(
      const std::string& subject) override;
  wf::Result<std::vector<hall::domain::Account>> accounts() override;
  wf::Status insert(const hall::domain::Account& account) override;
  wf::Status update(const hall::domain::Account& account) override;

 private:
  explicit SociAccountStore(std::unique_ptr<soci::session> session);
  wf::Result<std::vector<hall::domain::Account>> select(const std::string& where,
                                                        const std::string& value);

  std::mutex mu_;
  std::unique_ptr<soci::session> sql_;
};

}  // namespace hall::store
