// HallPeople: who may use the portal, as `hall serve` runs it — accounts
// (SOCI on the engine's database, scrypt password hashes), signed-in
// sessions, the audit trail of every change asked for, and their routes;
// it gives the web server the session lookup and the audit hook.
//
// On a first start with no accounts it creates `admin` (role admin) with the
// password in HALL_ADMIN_PASSWORD, or a random one it prints once. With
// --demo it also creates one account per role with a shared random demo
// password, printed at start.
//
// Destroy it after the web server has stopped: routes and hooks refer to it.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "portal/domain/accounts.h"
#include "portal/store/scrypt_password_hasher.h"
#include "portal/store/soci_account_store.h"
#include "portal/store/soci_audit_trail.h"
#include "portal/web/account_routes.h"
#include "portal/web/audit_hook.h"
#include "portal/web/router.h"
#include "portal/web/session_book.h"
#include "portal/web/session_routes.h"
#include "portal/web/web_server.h"

namespace hall::app {

class HallPeople {
 public:
  // `secure`: the portal is served over HTTPS (cookies get Secure).
  static wf::Result<std::unique_ptr<HallPeople>> open(const std::string& db_url, bool demo,
                                                      bool secure, std::ostream& out);
  ~HallPeople();

  hall::domain::Accounts& accounts() { return *accounts_; }

  // The wall clock in epoch milliseconds, as accounts, sessions and the
  // audit trail read it.
  static int64_t nowMillis();

  void addTo(portal::web::Router& router, portal::web::WebServerOptions& options);

 private:
  HallPeople() = default;
  wf::Status seed(bool demo, std::ostream& out);

  std::unique_ptr<hall::store::SociAccountStore> store_;
  std::unique_ptr<hall::store::SociAuditTrail> audit_;
  hall::store::ScryptPasswordHasher hasher_;
  std::unique_ptr<hall::domain::Accounts> accounts_;
  std::unique_ptr<portal::web::SessionBook> sessions_;
  std::unique_ptr<portal::web::SessionRoutes> session_routes_;
  std::unique_ptr<portal::web::AccountRoutes> account_routes_;
};

}  // namespace hall::app
