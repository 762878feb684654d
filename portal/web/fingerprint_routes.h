// FingerprintRoutes: enrolling a clerk's finger (指纹登记), an
// administrator's work at the clerk's window.
//   POST   /api/v1/users/{login}/fingerprint   {window} → the window's reader
//                                               captures the finger; 201
//                                               {login, window, enrolled: true}
//   DELETE /api/v1/users/{login}/fingerprint   forget it; 204
// 404 for an unknown login or (DELETE) none enrolled; 400 naming `window`
// when it is missing or has no reader; the reader's refusals as
// FingerprintGate gives them (409).
//
// Thread-safety: no state here; an enrolment blocks its worker until the
// reader answers or its deadline passes.
#pragma once

#include "portal/domain/accounts.h"
#include "portal/domain/fingerprint_check.h"
#include "portal/web/router.h"

namespace portal::web {

class FingerprintRoutes {
 public:
  FingerprintRoutes(hall::domain::Accounts& accounts, hall::domain::FingerprintCheck& check)
      : accounts_(accounts), check_(check) {}

  void addTo(Router& router);

  ApiResponse enroll(const ApiRequest& request);
  ApiResponse forget(const ApiRequest& request);

 private:
  hall::domain::Accounts& accounts_;
  hall::domain::FingerprintCheck& check_;
};

}  // namespace portal::web
