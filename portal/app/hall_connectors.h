// HallConnectors: the city platforms as `hall serve` runs them — the
// connector files of the models folder (models/connectors/*.xml), the
// city's address (`--city`, or each file's baseUrl), each platform's
// signing key (the file's env variable, else its key file beside the
// database, made on first start), the platforms' connectors registered as
// the job types they handle, and the signed callbacks they send
// (POST /api/v1/callbacks/{platform}, nonces kept in the database).
// The e-licence library takes `elicense.issue`, naming the licence's holder
// from the case desk; without a city address the hall keeps its own licence
// register (portal/domain/hall_licence.h) and says so at start.
// 随申码 verifies the codes the kiosks scan (suishen()); the appointment
// platform is kept in step with the front desk once it is open
// (startAppointments, HallAppointments). Without a city address each says
// once at start what the hall does instead.
//
// Destroy it after the web server and the engine's job workers have
// stopped.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "connectors/appointment/appointment_connector.h"
#include "connectors/common/city_client.h"
#include "connectors/elicense/elicense_connector.h"
#include "connectors/suishen/suishen_connector.h"
#include "portal/app/city_suishen_verifier.h"
#include "portal/app/hall_appointments.h"
#include "portal/domain/case_desk.h"
#include "portal/store/soci_appointment_reports.h"
#include "portal/store/soci_nonce_book.h"
#include "portal/web/callback_routes.h"
#include "portal/web/router.h"
#include "wf/engine.h"

namespace hall::app {

struct HallConnectorsOptions {
  std::filesystem::path connectors_dir;  // models/connectors
  std::optional<std::string> city_url;   // --city
  std::string db_url;                    // the nonce book; where key files live
};

class HallConnectors {
 public:
  // Registers the job handlers on `engine` (before its workers start) and
  // the callback route on `router`.
  static wf::Result<std::unique_ptr<HallConnectors>> open(wf::Engine& engine,
                                                          hall::domain::CaseDesk& desk,
                                                          portal::web::Router& router,
                                                          const HallConnectorsOptions& options,
                                                          std::ostream& out);
  ~HallConnectors();

  // Whether the city's e-licence library issues licences (else the hall's
  // own register must take elicense.issue).
  bool issuesLicences() const { return elicense_ != nullptr; }

  // The city's 随申码 verifier for the front desk; null without a city.
  hall::domain::SuishenVerifier* suishen() { return suishen_verifier_.get(); }
  // Keeps the front desk in step with the appointment platform (a thread);
  // nothing without a city. stopAppointments() before the desk goes.
  wf::Status startAppointments(hall::domain::FrontDesk& desk, hall::domain::HallStore& store,
                               std::ostream& out);
  void stopAppointments();

 private:
  class CaseHolders;
  class Nonces;
  struct CallbackPlatform {
    std::string app_id;
    std::string key;
  };
  HallConnectors() = default;
  wf::Status verify(const portal::web::CallbackRequest& callback);

  std::map<std::string, CallbackPlatform> callbacks_;
  std::unique_ptr<hall::store::SociNonceBook> nonce_book_;
  std::unique_ptr<Nonces> nonces_;
  std::unique_ptr<portal::web::CallbackRoutes> callback_routes_;
  std::unique_ptr<CaseHolders> holders_;
  std::unique_ptr<connectors::CityClient> elicense_client_;
  std::unique_ptr<connectors::ElicenseConnector> elicense_;
  std::unique_ptr<connectors::CityClient> suishen_client_;
  std::unique_ptr<connectors::SuishenConnector> suishen_;
  std::unique_ptr<CitySuishenVerifier> suishen_verifier_;
  std::unique_ptr<connectors::CityClient> appointment_client_;
  std::unique_ptr<connectors::AppointmentConnector> appointment_;
  std::string db_url_;
  std::unique_ptr<hall::store::SociAppointmentReports> appointment_reports_;
  std::unique_ptr<HallAppointments> appointments_;  // after what it uses: destroyed first
};

}  // namespace hall::app
