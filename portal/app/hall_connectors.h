// HallConnectors: the city platforms as `hall serve` runs them — the
// connector files of the models folder (models/connectors/*.xml), the
// city's address (`--city`, or each file's baseUrl), each platform's
// signing key (the file's env variable, else its key file beside the
// database, made on first start), the platforms' connectors registered as
// the job types they handle, and the signed callbacks they send
// (POST /api/v1/callbacks/{platform}, nonces kept in the database).
// The e-licence library takes `elicense.issue`, naming the licence's holder
// from the case desk; without a city address the hall keeps its own licence
// register (portal/domain/hall_licence.h) and says so at start. The
// express platform takes `express.waybill` (the recipient sealed by
// ParcelRecipients with the hall's vault); without a city address an
// express hand-over is the hall's own post, as before, and it says so.
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

#include "connectors/common/city_client.h"
#include "connectors/elicense/elicense_connector.h"
#include "connectors/express/express_connector.h"
#include "portal/app/parcel_recipients.h"
#include "portal/domain/case_desk.h"
#include "portal/store/sm4_vault.h"
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
  // What checks and seals an express hand-over's recipient when the city's
  // express platform takes waybills; empty otherwise.
  portal::web::ClerkTaskRoutes::RecipientSealer recipientSealer();

 private:
  class CaseHolders;
  class Nonces;
  struct CallbackPlatform {
    std::string app_id;
    std::string key;
  };
  HallConnectors() = default;
  wf::Status verify(const portal::web::CallbackRequest& callback);
  wf::Status openExpress(wf::Engine& engine, const connectors::PlatformConfig& config,
                         const HallConnectorsOptions& options, std::ostream& out);

  std::map<std::string, CallbackPlatform> callbacks_;
  std::unique_ptr<hall::store::SociNonceBook> nonce_book_;
  std::unique_ptr<Nonces> nonces_;
  std::unique_ptr<portal::web::CallbackRoutes> callback_routes_;
  std::unique_ptr<CaseHolders> holders_;
  std::unique_ptr<connectors::CityClient> elicense_client_;
  std::unique_ptr<connectors::ElicenseConnector> elicense_;
  std::unique_ptr<hall::store::Sm4Vault> vault_;
  std::unique_ptr<ParcelRecipients> recipients_;
  std::unique_ptr<connectors::CityClient> express_client_;
  std::unique_ptr<connectors::ExpressConnector> express_;
};

}  // namespace hall::app
