#include "portal/app/hall_connectors.h"

#include "connectors/common/callback_verifier.h"
#include "connectors/common/platform_config.h"
#include "portal/app/hall_people.h"
#include "portal/app/hall_vault.h"
#include "portal/web/secret_file.h"

namespace hall::app {

namespace {

wf::Result<std::string> keyOf(const connectors::PlatformConfig& config, const std::string& db_url) {
  ASSIGN_OR_RETURN(const portal::web::SecretFile key,
                   portal::web::SecretFile::load(
                       config.key_env.empty() ? std::nullopt : environment(config.key_env.c_str()),
                       portal::web::SecretFile::dirForDatabase(db_url),
                       config.key_file.empty() ? config.id + ".key" : config.key_file,
                       config.id + " platform key"));
  return key.value;
}

// The platform's address: its file's baseUrl, else --city; empty: none.
std::string baseUrlOf(const connectors::PlatformConfig& config,
                      const HallConnectorsOptions& options) {
  return !config.base_url.empty() ? config.base_url : options.city_url.value_or("");
}

}  // namespace

// The case desk as the connectors' directory of licence holders.
class HallConnectors::CaseHolders final : public connectors::HolderDirectory {
 public:
  explicit CaseHolders(hall::domain::CaseDesk& desk) : desk_(desk) {}

  wf::Result<connectors::LicenceHolder> holderOf(const std::string& case_code) override {
    ASSIGN_OR_RETURN(hall::domain::CaseApplicant applicant, desk_.applicantOf(case_code));
    return connectors::LicenceHolder{std::move(applicant.name), "ID_CARD",
                                     std::move(applicant.id_number)};
  }

 private:
  hall::domain::CaseDesk& desk_;
};

// The store's nonce book as the verifier's.
class HallConnectors::Nonces final : public connectors::NonceBook {
 public:
  explicit Nonces(hall::store::SociNonceBook& book) : book_(book) {}
  wf::Result<bool> remember(const std::string& platform, const std::string& nonce,
                            int64_t now_ms) override {
    return book_.remember(platform, nonce, now_ms, connectors::kNonceWindowMs);
  }

 private:
  hall::store::SociNonceBook& book_;
};

HallConnectors::~HallConnectors() = default;

wf::Status HallConnectors::verify(const portal::web::CallbackRequest& c) {
  const auto platform = callbacks_.find(c.platform);
  if (platform == callbacks_.end()) {
    return wf::Status::notFound("no callbacks are taken from platform " + c.platform);
  }
  const connectors::SignedRequest signed_request{c.method,    c.target, c.body,     c.app_id,
                                                 c.timestamp, c.nonce,  c.signature};
  return connectors::verifySignedRequest(signed_request, c.platform, platform->second.app_id,
                                         platform->second.key, *nonces_, HallPeople::nowMillis());
}

wf::Result<std::unique_ptr<HallConnectors>> HallConnectors::open(
    wf::Engine& engine, hall::domain::CaseDesk& desk, portal::web::Router& router,
    const HallConnectorsOptions& options, std::ostream& out) {
  std::unique_ptr<HallConnectors> hall(new HallConnectors());
  if (!std::filesystem::is_directory(options.connectors_dir)) return hall;
  ASSIGN_OR_RETURN(const auto platforms, connectors::readPlatformConfigs(options.connectors_dir));

  for (const auto& [id, config] : platforms) {
    if (config.callback_app.empty()) continue;
    ASSIGN_OR_RETURN(std::string key, keyOf(config, options.db_url));
    hall->callbacks_.emplace(id, CallbackPlatform{config.callback_app, std::move(key)});
  }
  if (!hall->callbacks_.empty()) {
    ASSIGN_OR_RETURN(hall->nonce_book_, hall::store::SociNonceBook::open(options.db_url));
    hall->nonces_ = std::make_unique<Nonces>(*hall->nonce_book_);
    HallConnectors* self = hall.get();
    hall->callback_routes_ = std::make_unique<portal::web::CallbackRoutes>(
        engine, [self](const portal::web::CallbackRequest& c) { return self->verify(c); });
    hall->callback_routes_->addTo(router);
  }

  if (const auto express = platforms.find("express"); express != platforms.end()) {
    RETURN_IF_ERROR(hall->openExpress(engine, express->second, options, out));
  }
  const auto elicense = platforms.find("elicense");
  if (elicense == platforms.end()) return hall;
  const connectors::PlatformConfig& config = elicense->second;
  const std::string base_url = baseUrlOf(config, options);
  if (base_url.empty()) {
    out << "connectors: " << config.name
        << ": no city address (--city), so the hall issues licences from its own register\n";
    return hall;
  }
  ASSIGN_OR_RETURN(const std::string key, keyOf(config, options.db_url));
  hall->holders_ = std::make_unique<CaseHolders>(desk);
  hall->elicense_client_ =
      std::make_unique<connectors::CityClient>(config, base_url, key, HallPeople::nowMillis);
  hall->elicense_ = std::make_unique<connectors::ElicenseConnector>(
      *hall->elicense_client_, *hall->holders_, HallPeople::nowMillis);
  hall->elicense_->registerWith(engine);
  out << "connectors: " << config.name << " at " << base_url << config.path_prefix << "\n";
  return hall;
}

wf::Status HallConnectors::openExpress(wf::Engine& engine, const connectors::PlatformConfig& config,
                                       const HallConnectorsOptions& options, std::ostream& out) {
  const std::string base_url = baseUrlOf(config, options);
  if (base_url.empty()) {
    out << "connectors: " << config.name
        << ": no city address (--city), so certificates sent by express get no waybill\n";
    return wf::Status::ok();
  }
  ASSIGN_OR_RETURN(const std::string key, keyOf(config, options.db_url));
  ASSIGN_OR_RETURN(vault_, openHallVault(options.db_url));
  recipients_ = std::make_unique<ParcelRecipients>(*vault_);
  express_client_ =
      std::make_unique<connectors::CityClient>(config, base_url, key, HallPeople::nowMillis);
  express_ = std::make_unique<connectors::ExpressConnector>(*express_client_, *recipients_);
  express_->registerWith(engine);
  out << "connectors: " << config.name << " at " << base_url << config.path_prefix << "\n";
  return wf::Status::ok();
}

portal::web::ClerkTaskRoutes::RecipientSealer HallConnectors::recipientSealer() {
  if (express_ == nullptr) return {};
  ParcelRecipients* recipients = recipients_.get();
  return [recipients](const wf::Value* recipient) { return recipients->seal(recipient); };
}

}  // namespace hall::app
