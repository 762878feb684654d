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

// A signed client of platform `id` when the models configure it and there
// is a city address; null otherwise, after saying `without` once on `out`.
wf::Result<std::unique_ptr<connectors::CityClient>> clientOf(
    const std::map<std::string, connectors::PlatformConfig>& platforms, const std::string& id,
    const HallConnectorsOptions& options, const std::string& without, std::ostream& out) {
  const auto found = platforms.find(id);
  if (found == platforms.end()) return std::unique_ptr<connectors::CityClient>();
  const connectors::PlatformConfig& config = found->second;
  const std::string base_url =
      !config.base_url.empty() ? config.base_url : options.city_url.value_or("");
  if (base_url.empty()) {
    out << "connectors: " << config.name << ": no city address (--city), so " << without << "\n";
    return std::unique_ptr<connectors::CityClient>();
  }
  ASSIGN_OR_RETURN(const std::string key, keyOf(config, options.db_url));
  out << "connectors: " << config.name << " at " << base_url << config.path_prefix << "\n";
  return std::make_unique<connectors::CityClient>(config, base_url, key, HallPeople::nowMillis);
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

  ASSIGN_OR_RETURN(hall->elicense_client_,
                   clientOf(platforms, "elicense", options,
                            "the hall issues licences from its own register", out));
  if (hall->elicense_client_) {
    hall->holders_ = std::make_unique<CaseHolders>(desk);
    hall->elicense_ = std::make_unique<connectors::ElicenseConnector>(
        *hall->elicense_client_, *hall->holders_, HallPeople::nowMillis);
    hall->elicense_->registerWith(engine);
  }
  ASSIGN_OR_RETURN(
      hall->suishen_client_,
      clientOf(platforms, "suishen", options, "the kiosks cannot take tickets with a 随申码", out));
  if (hall->suishen_client_) {
    hall->suishen_ = std::make_unique<connectors::SuishenConnector>(*hall->suishen_client_);
    hall->suishen_verifier_ = std::make_unique<CitySuishenVerifier>(*hall->suishen_);
  }
  ASSIGN_OR_RETURN(hall->appointment_client_,
                   clientOf(platforms, "appointment", options,
                            "only appointments booked at the hall are checked in", out));
  if (hall->appointment_client_) {
    if (!hall->appointment_client_->config().sync) {
      return wf::Status::invalid(
          "connectors: the appointment platform's file has no <sync hall=…>");
    }
    hall->appointment_ =
        std::make_unique<connectors::AppointmentConnector>(*hall->appointment_client_);
  }
  hall->db_url_ = options.db_url;
  return hall;
}

wf::Status HallConnectors::startAppointments(hall::domain::FrontDesk& desk,
                                             hall::domain::HallStore& store, std::ostream& out) {
  if (!appointment_ || appointments_) return wf::Status::ok();
  ASSIGN_OR_RETURN(appointment_reports_, hall::store::SociAppointmentReports::open(db_url_));
  const connectors::SyncPolicy& sync = *appointment_client_->config().sync;
  appointments_ = std::make_unique<HallAppointments>(
      *appointment_, sync, desk, store, *appointment_reports_, HallPeople::nowMillis, out);
  appointments_->start();
  out << "connectors: appointments of hall " << sync.hall_code << " fetched every "
      << sync.fetch_every.count() / 1000 << " s, waiting counts pushed every "
      << sync.push_every.count() / 1000 << " s\n";
  return wf::Status::ok();
}

void HallConnectors::stopAppointments() {
  if (appointments_) appointments_->stop();
}

}  // namespace hall::app
