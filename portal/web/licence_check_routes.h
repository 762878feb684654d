// LicenceCheckRoutes: the licence usage list (用证清单) at intake.
//   POST /api/v1/intake/licence-check  {matterCode, idType?: "ID_CARD" | "USCC", idNumber}
//        → {lookup: "looked" | "not-connected" | "failed", note, detail?,
//           materials: [{id, name, elicenseType, fetched, label?, licence?: {id,
//           number, name, validUntil}}]} — each e-licence material of the matter
//           or theme, fetched when the applicant holds it valid
//           (IntakeLicences). A POST so that the identity number travels in
//           the body, never in a URL or an access log. A library that fails
//           is a 200 with lookup "failed": intake goes on.
//
// Thread-safety: IntakeLicences is; no state here.
#pragma once

#include "portal/domain/intake_licences.h"
#include "portal/web/router.h"

namespace portal::web {

class LicenceCheckRoutes {
 public:
  explicit LicenceCheckRoutes(const hall::domain::IntakeLicences& licences) : licences_(licences) {}

  void addTo(Router& router);
  ApiResponse check(const ApiRequest& request);

 private:
  const hall::domain::IntakeLicences& licences_;
};

}  // namespace portal::web
