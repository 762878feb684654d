// LicenceApplication: the body of POST /elicense/v1/licences (市电子证照库,
// issue a licence), parsed and checked against the contract (README.md): a member
// missing, of the wrong JSON type or with a bad value is refused naming it.
//
// Pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "wf/status.h"
#include "wf/value.h"

namespace hall::citysim {

struct LicenceApplication {
  std::string type_code;       // [A-Z0-9-]{2,32}, "SH-FOOD-01"
  std::string licence_name;    // "食品经营许可证"
  std::string holder;          // "上海某某餐饮有限公司"
  std::string holder_id_type;  // "USCC" or "ID_CARD"
  std::string holder_id;       // with a right check character
  std::string issuer;
  std::string issued_on;                     // YYYY-MM-DD, a real date
  std::optional<std::string> valid_until;    // YYYY-MM-DD, not before issued_on; nullopt: no end
  std::string case_code;                     // 23 characters of [0-9A-Z]
  wf::Value data = wf::Value(wf::Object{});  // a free object

  // The application as a canonical JSON text (members sorted): two bodies
  // that say the same thing compare equal however they were spaced or
  // ordered. What an Idempotency-Key is matched against.
  std::string fingerprint() const;
};

// `body` as sent. InvalidArgument with the message "field: why" and details
// {"field": …} ("body" when it is not a JSON object); fieldOf (request_parts.h) names it.
// `today_yyyymmdd` bounds birth dates in resident ID numbers.
wf::Result<LicenceApplication> parseLicenceApplication(std::string_view body, int today_yyyymmdd);

}  // namespace hall::citysim
