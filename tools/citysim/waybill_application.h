// WaybillApplication: the body of POST /express/v1/waybills (市快递平台,
// create a waybill for a certificate), parsed and checked against the
// contract (README.md): a member missing, of the wrong JSON type or with a
// bad value is refused naming it ("recipient.phone").
//
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "wf/status.h"
#include "wf/value.h"

namespace hall::citysim {

struct WaybillParty {
  std::string name;
  std::string phone;  // recipient: a mainland mobile number; sender: optional
  std::string address;
  std::string district;  // recipient: one of Shanghai's 16 districts
};

struct WaybillApplication {
  std::string case_code;  // 23 characters of [0-9A-Z]
  std::string item_licence_number;
  std::string item_name;
  WaybillParty sender;
  WaybillParty recipient;

  // Canonical JSON (members sorted): what an Idempotency-Key is matched
  // against.
  std::string fingerprint() const;
  // The application as the platform shows it (GET …/waybills/{no}).
  wf::Value toValue() const;
};

// The 16 districts of Shanghai, "黄浦区" … "崇明区".
bool isShanghaiDistrict(std::string_view district);

// `body` as sent. InvalidArgument with the message "field: why" and details
// {"field": …} ("body" when it is not a JSON object).
wf::Result<WaybillApplication> parseWaybillApplication(std::string_view body);

}  // namespace hall::citysim
