// HallConnectors: the city platforms as `hall serve` runs them — the
// connector files of the models folder (models/connectors/*.xml), the
// city's address (`--city`, or each file's baseUrl), each platform's
// signing key (the file's env variable, else its key file beside the
// database, made on first start), the platforms' connectors registered as
// the job types they handle, and the signed callbacks they send
// (POST /api/v1/callbacks/{platform}, HMAC-SM3 or SM2 as the file's
// <callback scheme> says — callback_check.h —, nonces kept in the database).
// The e-licence library takes `elicense.issue`, naming the licence's holder
// from the case desk, `elicense.revoke` and `elicense.link`, and gives intake
// the applicant's licences (licenceLookup()); without a city address the
// hall keeps its own licence register (portal/domain/hall_licence.h) and
// says so at start. The data
// exchange robot takes `rpa.push` and `rpa.fetch` (hall_rpa.h).
// The 一网通办 middle platform takes `onenet.submit` and serves the online
// cases and forms (HallOnlineCases, OnlineCaseRoutes); the notification
// gateway takes `notify.supplement` / `notify.issued` and sends the call
// notices (CityVisitorNotifier). Without a city address these jobs complete
// here without a call (the case is not reported, the applicant not told)
// and the hall says so once at start. 市好差评 takes `rating.submit`
// (without a city address the hall keeps its ratings and marks them sent
// locally); 市办件库 gets every status change of every case from the
// CaselibReporter (without a city address nothing is reported, said once).
// 随申码 verifies the codes the kiosks scan (suishen()); the appointment
// platform is kept in step with the front desk once it is open
// (startAppointments, HallAppointments). Without a city address each says
// once at start what the hall does instead.
// The express platform takes `express.waybill` (the recipient sealed by
// ParcelRecipients with the hall's vault); without a city address an
// express hand-over is the hall's own post, as before, and it says so.
//
// Destroy it after the web server and the engine's job workers have
// stopped.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "connectors/appointment/appointment_connector.h"
#include "connectors/caselib/caselib_connector.h"
#include "connectors/common/callback_verifier.h"
#include "connectors/common/city_client.h"
#include "connectors/common/platform_config.h"
#include "connectors/elicense/elicense_connector.h"
#include "connectors/express/express_connector.h"
#include "connectors/notify/notify_connector.h"
#include "connectors/onenet/onenet_connector.h"
#include "connectors/rating/rating_connector.h"
#include "connectors/suishen/suishen_connector.h"
#include "portal/app/caselib_reporter.h"
#include "portal/app/city_licence_lookup.h"
#include "portal/app/city_suishen_verifier.h"
#include "portal/app/city_visitor_notifier.h"
#include "portal/app/hall_appointments.h"
#include "portal/app/hall_online_cases.h"
#include "portal/app/hall_rpa.h"
#include "portal/app/parcel_recipients.h"
#include "portal/domain/case_desk.h"
#include "portal/store/sm4_vault.h"
#include "portal/store/soci_appointment_reports.h"
#include "portal/store/soci_caselib_progress.h"
#include "portal/store/soci_nonce_book.h"
#include "portal/web/callback_routes.h"
#include "portal/web/clerk_task_routes.h"
#include "portal/web/router.h"
#include "wf/engine.h"

namespace hall::app {

struct HallConnectorsOptions {
  std::filesystem::path connectors_dir;  // models/connectors
  std::optional<std::string> city_url;   // --city
  std::string db_url;                    // the nonce book; where key files live
  // The catalogue the online cases are accepted against (required when the
  // middle platform is connected); this hall's code at the middle platform.
  const hall::domain::Catalogue* catalogue = nullptr;
  std::string hall_code = "310105-CN01";
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
  // The library's usage list (用证清单) for intake when it is connected;
  // null otherwise.
  hall::domain::LicenceLookup* licenceLookup() { return licence_lookup_.get(); }
  // The call notices' sender when the gateway is connected; null otherwise
  // (the front desk logs them, LogVisitorNotifier).
  hall::domain::VisitorNotifier* visitorNotifier() { return call_notifier_.get(); }
  // The clerks' windows, where online cases taken in are accepted.
  void setWindowOfClerk(std::function<std::string(const std::string& login)> window_of) {
    if (online_routes_) online_routes_->setWindowOfClerk(std::move(window_of));
  }

  // The city's 随申码 verifier for the front desk; null without a city.
  hall::domain::SuishenVerifier* suishen() { return suishen_verifier_.get(); }
  // Keeps the front desk in step with the appointment platform (a thread);
  // nothing without a city. stopAppointments() before the desk goes.
  wf::Status startAppointments(hall::domain::FrontDesk& desk, hall::domain::HallStore& store,
                               std::ostream& out);
  void stopAppointments();

  // Stops reporting case statuses; call before the engine goes.
  void stopReporting() {
    if (caselib_reporter_) caselib_reporter_->stop();
  }
  // What checks and seals an express hand-over's recipient when the city's
  // express platform takes waybills; empty otherwise.
  portal::web::ClerkTaskRoutes::RecipientSealer recipientSealer();

 private:
  class CaseHolders;
  class Nonces;
  struct CallbackPlatform {
    std::string app_id;
    std::shared_ptr<const connectors::SignatureCheck> check;  // callback_check.h
  };
  class CaseParties;
  class NoOnlineIntake;
  HallConnectors() = default;
  wf::Status verify(const portal::web::CallbackRequest& callback);
  // Each registers its platform's job types (or their stand-ins without a
  // city) and routes; the case parties must be open.
  wf::Status openOnenet(wf::Engine& engine, hall::domain::CaseDesk& desk,
                        portal::web::Router& router,
                        const std::map<std::string, connectors::PlatformConfig>& platforms,
                        const HallConnectorsOptions& options, std::ostream& out);
  wf::Status openNotify(wf::Engine& engine,
                        const std::map<std::string, connectors::PlatformConfig>& platforms,
                        const HallConnectorsOptions& options, std::ostream& out);
  wf::Status openRatings(wf::Engine& engine,
                         const std::map<std::string, connectors::PlatformConfig>& platforms,
                         const HallConnectorsOptions& options, std::ostream& out);
  wf::Status openCaselib(wf::Engine& engine,
                         const std::map<std::string, connectors::PlatformConfig>& platforms,
                         const HallConnectorsOptions& options, std::ostream& out);
  // The front desk's platforms: 随申码 and the appointment platform.
  wf::Status openFrontDeskPlatforms(
      const std::map<std::string, connectors::PlatformConfig>& platforms,
      const HallConnectorsOptions& options, std::ostream& out);
  wf::Status openExpress(wf::Engine& engine,
                         const std::map<std::string, connectors::PlatformConfig>& platforms,
                         const HallConnectorsOptions& options, std::ostream& out);

  std::map<std::string, CallbackPlatform> callbacks_;
  std::unique_ptr<hall::store::SociNonceBook> nonce_book_;
  std::unique_ptr<Nonces> nonces_;
  std::unique_ptr<portal::web::CallbackRoutes> callback_routes_;
  std::unique_ptr<CaseHolders> holders_;
  std::unique_ptr<connectors::CityClient> elicense_client_;
  std::unique_ptr<connectors::ElicenseConnector> elicense_;
  std::unique_ptr<CityLicenceLookup> licence_lookup_;
  std::unique_ptr<HallRpa> rpa_;  // the department line systems (models/connectors/rpa)
  std::unique_ptr<CaseParties> parties_;
  std::unique_ptr<connectors::CityClient> onenet_client_;
  std::unique_ptr<connectors::OnenetConnector> onenet_;
  std::unique_ptr<hall::store::SociOnlineIntakeBook> intake_book_;
  std::unique_ptr<HallOnlineCases> online_cases_;
  std::unique_ptr<NoOnlineIntake> no_intake_;
  std::unique_ptr<portal::web::OnlineCaseRoutes> online_routes_;
  std::unique_ptr<hall::store::Sm4Vault> vault_;
  std::unique_ptr<connectors::CityClient> notify_client_;
  std::unique_ptr<connectors::NotifyConnector> notify_;
  std::unique_ptr<CityVisitorNotifier> call_notifier_;  // after notify_: destroyed first
  std::unique_ptr<connectors::CityClient> rating_client_;
  std::unique_ptr<connectors::RatingConnector> rating_;
  std::unique_ptr<connectors::CityClient> caselib_client_;
  std::unique_ptr<connectors::CaselibConnector> caselib_;
  std::unique_ptr<hall::store::SociCaselibProgress> caselib_progress_;
  std::unique_ptr<CaselibReporter> caselib_reporter_;  // after what it uses: stopped first
  std::unique_ptr<connectors::CityClient> suishen_client_;
  std::unique_ptr<connectors::SuishenConnector> suishen_;
  std::unique_ptr<CitySuishenVerifier> suishen_verifier_;
  std::unique_ptr<connectors::CityClient> appointment_client_;
  std::unique_ptr<connectors::AppointmentConnector> appointment_;
  std::string db_url_;
  std::unique_ptr<hall::store::SociAppointmentReports> appointment_reports_;
  std::unique_ptr<HallAppointments> appointments_;  // after what it uses: destroyed first
  std::unique_ptr<ParcelRecipients> recipients_;
  std::unique_ptr<connectors::CityClient> express_client_;
  std::unique_ptr<connectors::ExpressConnector> express_;
};

}  // namespace hall::app
