// HallFrontDesk: the front desk as `hall serve` runs it — the FrontDesk over
// the engine, its SOCI hall store on the same database, the SM4 vault (key
// from HALL_DATA_KEY or data.key), the device hub on /ws/devices (keys from
// HALL_DEVICE_SECRET or device.secret) fed by a FrontDeskPublisher, and
// their HTTP routes.
//
// Destroy it after the web server has stopped: routes and the upgrade
// handler refer to it.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "portal/app/log_visitor_notifier.h"
#include "portal/domain/front_desk.h"
#include "portal/store/sm4_vault.h"
#include "portal/store/soci_hall_store.h"
#include "portal/web/device_hub.h"
#include "portal/web/device_routes.h"
#include "portal/web/device_secret.h"
#include "portal/web/front_desk_publisher.h"
#include "portal/web/front_desk_routes.h"
#include "portal/web/router.h"
#include "portal/web/web_server.h"

namespace hall::app {

// What the city lends the front desk; null: the hall does without.
struct HallCityParts {
  // Tells visitors of their call on the phone; null: the log
  // (LogVisitorNotifier).
  hall::domain::VisitorNotifier* notifier = nullptr;
  // Verifies the 随申码 the kiosks scan; null: that channel is not offered.
  hall::domain::SuishenVerifier* suishen = nullptr;
};

class HallFrontDesk {
 public:
  // `demo`: every queue open whatever the clock says. `city`: the city's
  // parts the desk uses, each outliving it (HallCityParts).
  static wf::Result<std::unique_ptr<HallFrontDesk>> open(const hall::domain::HallLayout& layout,
                                                         wf::Engine& engine,
                                                         const std::string& db_url, bool demo,
                                                         const HallCityParts& city = {});
  ~HallFrontDesk();

  hall::domain::FrontDesk& desk() { return *desk_; }
  portal::web::DeviceHub& hub() { return *hub_; }
  hall::domain::HallStore& store() { return *store_; }

  // The front desk's and the devices' endpoints; device keys for the API and
  // the /ws/devices upgrade.
  void addTo(portal::web::Router& router, portal::web::WebServerOptions& options,
             portal::web::UpgradeRoutes& upgrades);

  // Links that open a kiosk, a welcome screen and a window strip as devices.
  void printDeviceLinks(std::ostream& out, const std::string& url) const;

 private:
  HallFrontDesk() = default;

  wf::SystemClock clock_;
  LogVisitorNotifier notifier_;
  std::unique_ptr<hall::store::SociHallStore> store_;
  std::unique_ptr<hall::store::Sm4Vault> vault_;
  std::unique_ptr<portal::web::DeviceSecret> device_secret_;
  std::unique_ptr<portal::web::DeviceHub> hub_;
  std::unique_ptr<portal::web::FrontDeskPublisher> publisher_;
  std::unique_ptr<hall::domain::FrontDesk> desk_;  // after what it calls: destroyed first
  std::unique_ptr<portal::web::FrontDeskRoutes> desk_routes_;
  std::unique_ptr<portal::web::DeviceRoutes> device_routes_;
};

}  // namespace hall::app
