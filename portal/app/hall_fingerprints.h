// HallFingerprints: the clerk's fingerprint at the window as `hall serve`
// runs it — the windows' readers on the device hub (FingerprintGate), the
// enrolled digests on the engine's database (SociFingerprintStore), their
// HMAC-SM3 key derived from the hall's data secret (HALL_DATA_KEY or
// data.key), the FingerprintCheck the case desk asks before it accepts at a
// window with a reader, and the enrolment routes.
//
// Destroy it after the web server has stopped and before the front desk
// (whose hub the gate uses).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "portal/domain/accounts.h"
#include "portal/domain/fingerprint_check.h"
#include "portal/store/hmac_sm3_template_digest.h"
#include "portal/store/soci_fingerprint_store.h"
#include "portal/web/device_hub.h"
#include "portal/web/fingerprint_gate.h"
#include "portal/web/fingerprint_routes.h"
#include "portal/web/router.h"

namespace hall::app {

struct HallFingerprintsOptions {
  std::string db_url;
  // How long a reader has to answer a capture (--fingerprint-timeout).
  std::chrono::milliseconds capture_timeout{30000};
};

class HallFingerprints {
 public:
  static wf::Result<std::unique_ptr<HallFingerprints>> open(portal::web::DeviceHub& hub,
                                                            hall::domain::Accounts& accounts,
                                                            const HallFingerprintsOptions& options);
  ~HallFingerprints();

  hall::domain::FingerprintCheck& check() { return *check_; }
  void addTo(portal::web::Router& router) { routes_->addTo(router); }

 private:
  HallFingerprints() = default;

  std::unique_ptr<hall::store::SociFingerprintStore> store_;
  std::optional<hall::store::HmacSm3TemplateDigest> digest_;
  std::unique_ptr<portal::web::FingerprintGate> gate_;
  std::unique_ptr<hall::domain::FingerprintCheck> check_;
  std::unique_ptr<portal::web::FingerprintRoutes> routes_;
};

}  // namespace hall::app
