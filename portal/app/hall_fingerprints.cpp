#include "portal/app/hall_fingerprints.h"

#include "portal/app/hall_people.h"
#include "portal/app/hall_vault.h"

namespace hall::app {

HallFingerprints::~HallFingerprints() = default;

wf::Result<std::unique_ptr<HallFingerprints>> HallFingerprints::open(
    portal::web::DeviceHub& hub, hall::domain::Accounts& accounts,
    const HallFingerprintsOptions& options) {
  std::unique_ptr<HallFingerprints> hall(new HallFingerprints());
  ASSIGN_OR_RETURN(hall->store_, hall::store::SociFingerprintStore::open(options.db_url));
  ASSIGN_OR_RETURN(const std::string data_key, hallDataKey(options.db_url));
  ASSIGN_OR_RETURN(hall::store::HmacSm3TemplateDigest digest,
                   hall::store::HmacSm3TemplateDigest::fromSecret(data_key));
  hall->digest_.emplace(digest);
  portal::web::FingerprintGateOptions gate;
  gate.deadline = options.capture_timeout;
  hall->gate_ = std::make_unique<portal::web::FingerprintGate>(hub, gate);
  hall->check_ = std::make_unique<hall::domain::FingerprintCheck>(
      *hall->gate_, *hall->store_, *hall->digest_, HallPeople::nowMillis);
  hall->routes_ = std::make_unique<portal::web::FingerprintRoutes>(accounts, *hall->check_);
  return hall;
}

}  // namespace hall::app
