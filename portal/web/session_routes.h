// SessionRoutes: signing in and out of the portal.
//   POST   /api/v1/session           {login, password} → the person and the
//                                     CSRF token; sets the session cookie
//   GET    /api/v1/session           who is signed in (pages ask on load)
//   DELETE /api/v1/session           signs out; clears the cookie
//   POST   /api/v1/session/password  {oldPassword, newPassword}
//   POST   /api/v1/session/certificate  over HTTPS: signs in the account
//                                     bound to the verified client certificate
//                                     (the clerk's digital certificate)
// The cookie is HttpOnly and SameSite=Strict, and Secure when the portal
// is served over HTTPS.
//
// Thread-safety: the handlers keep no state of their own.
#pragma once

#include "portal/domain/accounts.h"
#include "portal/web/router.h"
#include "portal/web/session_book.h"

namespace portal::web {

class SessionRoutes {
 public:
  SessionRoutes(hall::domain::Accounts& accounts, SessionBook& sessions, bool secure_cookies)
      : accounts_(accounts), sessions_(sessions), secure_(secure_cookies) {}

  void addTo(Router& router);

  ApiResponse signIn(const ApiRequest& request);
  ApiResponse whoAmI(const ApiRequest& request);
  ApiResponse signOut(const ApiRequest& request);
  ApiResponse changePassword(const ApiRequest& request);
  ApiResponse signInByCertificate(const ApiRequest& request);

 private:
  std::string cookie(const std::string& value, bool expire) const;
  ApiResponse opened(const ApiRequest& request, const hall::domain::Account& account);

  hall::domain::Accounts& accounts_;
  SessionBook& sessions_;
  bool secure_;
};

// The JSON pages get for a signed-in person.
wf::Value callerJson(const Caller& caller);

}  // namespace portal::web
