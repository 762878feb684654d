// AccountRoutes: the staff accounts (an administrator's work; managers
// may read them) and the audit trail.
//   GET  /api/v1/users                     every account
//   POST /api/v1/users                     {login, displayName, roles[], department?,
//                                           password, certificateSubject?}
//   GET  /api/v1/users/{login}
//   PUT  /api/v1/users/{login}             {displayName?, roles?, department?,
//                                           certificateSubject?}
//   POST /api/v1/users/{login}/retire | unlock
//   POST /api/v1/users/{login}/password    {password}
//   GET  /api/v1/audit?actor=&before=&limit=   newest first
// A change to an account ends its open sessions, so new roles apply at once.
//
// Thread-safety: the handlers keep no state of their own.
#pragma once

#include "portal/domain/accounts.h"
#include "portal/domain/audit_trail.h"
#include "portal/web/router.h"
#include "portal/web/session_book.h"

namespace portal::web {

class AccountRoutes {
 public:
  AccountRoutes(hall::domain::Accounts& accounts, SessionBook& sessions,
                hall::domain::AuditTrail& audit)
      : accounts_(accounts), sessions_(sessions), audit_(audit) {}

  void addTo(Router& router);

  ApiResponse list(const ApiRequest& request);
  ApiResponse create(const ApiRequest& request);
  ApiResponse get(const ApiRequest& request);
  ApiResponse change(const ApiRequest& request);
  ApiResponse retire(const ApiRequest& request);
  ApiResponse unlock(const ApiRequest& request);
  ApiResponse setPassword(const ApiRequest& request);
  ApiResponse auditEntries(const ApiRequest& request);

 private:
  ApiResponse answer(const wf::Result<hall::domain::Account>& account, int status = 200) const;

  hall::domain::Accounts& accounts_;
  SessionBook& sessions_;
  hall::domain::AuditTrail& audit_;
};

}  // namespace portal::web
