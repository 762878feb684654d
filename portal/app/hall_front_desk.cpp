#include "portal/app/hall_front_desk.h"

#include "devices/protocol/device_key.h"
#include "devices/protocol/protocol_constants.h"
#include "portal/app/hall_vault.h"

namespace hall::app {

HallFrontDesk::~HallFrontDesk() {
  // The desk first (it tells the publisher), then what it told.
  desk_routes_.reset();
  desk_.reset();
}

wf::Result<std::unique_ptr<HallFrontDesk>> HallFrontDesk::open(
    const hall::domain::HallLayout& layout, wf::Engine& engine, const std::string& db_url,
    bool demo, const HallCityParts& city) {
  std::unique_ptr<HallFrontDesk> hall(new HallFrontDesk());
  const std::filesystem::path dir = portal::web::SecretFile::dirForDatabase(db_url);
  ASSIGN_OR_RETURN(hall->store_, hall::store::SociHallStore::open(db_url));
  ASSIGN_OR_RETURN(hall->vault_, openHallVault(db_url));
  ASSIGN_OR_RETURN(
      portal::web::DeviceSecret secret,
      portal::web::DeviceSecret::load(
          environment(std::string(portal::web::DeviceSecret::kEnvironmentVariable).c_str()), dir));
  hall->device_secret_ = std::make_unique<portal::web::DeviceSecret>(std::move(secret));
  hall->hub_ = std::make_unique<portal::web::DeviceHub>(
      portal::web::deviceRecordsOf(layout), hall->device_secret_->value(), hall->clock_);
  hall->publisher_ = std::make_unique<portal::web::FrontDeskPublisher>(*hall->hub_);

  hall::domain::FrontDeskPorts ports;
  ports.engine = &engine;
  ports.store = hall->store_.get();
  ports.vault = hall->vault_.get();
  ports.clock = &hall->clock_;
  ports.listener = hall->publisher_.get();
  ports.notifier = city.notifier != nullptr ? city.notifier : &hall->notifier_;
  ports.suishen = city.suishen;
  hall::domain::FrontDeskOptions options;
  options.always_open = demo;
  ASSIGN_OR_RETURN(hall->desk_, hall::domain::FrontDesk::open(layout, ports, options));
  hall->publisher_->setDesk(hall->desk_.get());
  portal::web::FrontDeskPublisher* publisher = hall->publisher_.get();
  hall->hub_->setListener(
      [publisher](const portal::web::DeviceStatus& status) { publisher->deviceChanged(status); });
  hall->desk_routes_ = std::make_unique<portal::web::FrontDeskRoutes>(*hall->desk_);
  hall->device_routes_ = std::make_unique<portal::web::DeviceRoutes>(*hall->hub_);
  return hall;
}

void HallFrontDesk::addTo(portal::web::Router& router, portal::web::WebServerOptions& options,
                          portal::web::UpgradeRoutes& upgrades) {
  desk_routes_->addTo(router);
  device_routes_->addTo(router);
  const portal::web::DeviceSecret* secret = device_secret_.get();
  const portal::web::DeviceHub* hub = hub_.get();
  options.device_keys = [secret, hub](std::string_view id, std::string_view key) {
    return hub->device(id).has_value() && devices::protocol::keysMatch(secret->keyFor(id), key);
  };
  upgrades.emplace(std::string(devices::protocol::kDevicePath), hub_->upgradeHandler());
}

void HallFrontDesk::printDeviceLinks(std::ostream& out, const std::string& url) const {
  const struct {
    const char* page;
    const char* kind;
  } kPages[] = {
      {"kiosk", "ticket-kiosk"}, {"welcome", "welcome-screen"}, {"strip", "window-strip"}};
  for (const auto& page : kPages) {
    for (const portal::web::DeviceStatus& d : hub_->devices()) {
      // The strip of the hall's first window, where the demo's calls start.
      if (d.kind != page.kind || (page.kind == std::string("window-strip") &&
                                  d.window != desk_->layout().windows.front().id)) {
        continue;
      }
      out << "device: " << url << "/devices/" << page.page << ".html?device=" << d.id
          << "&key=" << device_secret_->keyFor(d.id) << "\n";
      break;
    }
  }
}

}  // namespace hall::app
