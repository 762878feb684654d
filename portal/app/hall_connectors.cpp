#include "portal/app/hall_connectors.h"

#include <chrono>
#include <thread>

#include "connectors/common/callback_verifier.h"
#include "connectors/common/platform_config.h"
#include "portal/app/callback_check.h"
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

// The platform's base URL: its file's, else the hall's --city; empty: none.
std::string baseUrlOf(const connectors::PlatformConfig& config,
                      const HallConnectorsOptions& options) {
  return !config.base_url.empty() ? config.base_url : options.city_url.value_or("");
}

// The client of platform `id` when the hall has an address for it (its
// file's, else --city); null when it has none (or no file names it).
wf::Result<std::unique_ptr<connectors::CityClient>> cityClientOf(
    const std::map<std::string, connectors::PlatformConfig>& platforms, const std::string& id,
    const HallConnectorsOptions& options) {
  const auto found = platforms.find(id);
  if (found == platforms.end()) return std::unique_ptr<connectors::CityClient>();
  const std::string base_url = baseUrlOf(found->second, options);
  if (base_url.empty()) return std::unique_ptr<connectors::CityClient>();
  ASSIGN_OR_RETURN(const std::string key, keyOf(found->second, options.db_url));
  return std::make_unique<connectors::CityClient>(found->second, base_url, key,
                                                  HallPeople::nowMillis);
}

// When a platform answers again after failing, the jobs of its types that
// back off (up to the engine's 5-minute ceiling) run at once: the outbox
// drains as soon as the platform is back.
void retryOnRecovery(connectors::CityClient& client, wf::Engine& engine,
                     std::vector<std::string> job_types) {
  client.onRecovered([&engine, types = std::move(job_types)] {
    // A failure leaves the jobs to their backoff, as before.
    (void)engine.retryJobsNow(types);
  });
}

std::string whereIs(const connectors::CityClient& client, const HallConnectorsOptions& options) {
  const connectors::PlatformConfig& config = client.config();
  return config.name + " at " + baseUrlOf(config, options) + config.path_prefix;
}

}  // namespace

// The case desk as what the middle platform and the notices need of a case.
class HallConnectors::CaseParties final : public connectors::AcceptedCases,
                                          public connectors::NoticeRecipients {
  static constexpr int kRecordWaits = 40;
  static constexpr std::chrono::milliseconds kRecordWait{50};

  static bool isNotFound(const wf::Result<hall::domain::CaseRecord>& r) {
    return !r.ok() && r.status().code() == wf::StatusCode::NotFound;
  }

 public:
  explicit CaseParties(hall::domain::CaseDesk& desk) : desk_(desk) {}

  wf::Result<connectors::AcceptedCase> acceptedCase(const std::string& case_code) override {
    // The case's process starts just before the case is recorded, and its
    // report may run in between: wait for the record a little (bounded),
    // then leave it to the job's retry.
    wf::Result<hall::domain::CaseRecord> found = desk_.find(case_code);
    for (int i = 0; i < kRecordWaits && isNotFound(found); ++i) {
      std::this_thread::sleep_for(kRecordWait);
      found = desk_.find(case_code);
    }
    if (isNotFound(found)) {
      return wf::Status::unavailable("办件 " + case_code + " is not recorded yet");
    }
    ASSIGN_OR_RETURN(const hall::domain::CaseRecord record, std::move(found));
    ASSIGN_OR_RETURN(hall::domain::CaseApplicant applicant, desk_.applicantOf(case_code));
    return connectors::AcceptedCase{std::move(applicant.name), "ID_CARD",
                                    std::move(applicant.id_number), record.accepted_at,
                                    record.window};
  }

  wf::Result<connectors::NoticeRecipient> recipientOf(const std::string& case_code) override {
    ASSIGN_OR_RETURN(hall::domain::CaseApplicant applicant, desk_.applicantOf(case_code));
    return connectors::NoticeRecipient{std::move(applicant.phone), std::move(applicant.id_number)};
  }

 private:
  hall::domain::CaseDesk& desk_;
};

// The online intake of a hall not connected to the middle platform: every
// call says so (409: the hall is not in a state to do it; retrying will not
// help until it is started with --city), so the routes exist all the same.
class HallConnectors::NoOnlineIntake final : public portal::web::OnlineIntake {
 public:
  wf::Result<wf::Value> pending() override { return notConnected(); }
  wf::Result<Taken> take(const std::string&, const std::string&, const std::string&) override {
    return notConnected();
  }
  wf::Result<wf::Value> form(const std::string&) override { return notConnected(); }

 private:
  static wf::Status notConnected() {
    return wf::Status::conflict("一网通办中台未连接 (hall serve was started without --city)");
  }
};

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
                                         *platform->second.check, *nonces_,
                                         HallPeople::nowMillis());
}

wf::Result<std::unique_ptr<HallConnectors>> HallConnectors::open(
    wf::Engine& engine, hall::domain::CaseDesk& desk, portal::web::Router& router,
    const HallConnectorsOptions& options, std::ostream& out) {
  std::unique_ptr<HallConnectors> hall(new HallConnectors());
  if (!std::filesystem::is_directory(options.connectors_dir)) return hall;
  ASSIGN_OR_RETURN(const auto platforms, connectors::readPlatformConfigs(options.connectors_dir));

  for (const auto& [id, config] : platforms) {
    if (config.callback_app.empty()) continue;
    ASSIGN_OR_RETURN(auto check, callbackCheckOf(config, options.db_url,
                                                 [&] { return keyOf(config, options.db_url); }));
    hall->callbacks_.emplace(id, CallbackPlatform{config.callback_app, std::move(check)});
  }
  if (!hall->callbacks_.empty()) {
    ASSIGN_OR_RETURN(hall->nonce_book_, hall::store::SociNonceBook::open(options.db_url));
    hall->nonces_ = std::make_unique<Nonces>(*hall->nonce_book_);
    HallConnectors* self = hall.get();
    hall->callback_routes_ = std::make_unique<portal::web::CallbackRoutes>(
        engine, [self](const portal::web::CallbackRequest& c) { return self->verify(c); });
    hall->callback_routes_->addTo(router);
  }

  ASSIGN_OR_RETURN(
      hall->rpa_,
      HallRpa::open(
          engine, options.connectors_dir / "rpa", platforms, options.city_url, options.db_url,
          [&](const connectors::PlatformConfig& c) { return keyOf(c, options.db_url); }, out));
  hall->parties_ = std::make_unique<CaseParties>(desk);
  RETURN_IF_ERROR(hall->openOnenet(engine, desk, router, platforms, options, out));
  RETURN_IF_ERROR(hall->openNotify(engine, platforms, options, out));
  RETURN_IF_ERROR(hall->openRatings(engine, platforms, options, out));
  RETURN_IF_ERROR(hall->openCaselib(engine, platforms, options, out));
  RETURN_IF_ERROR(hall->openFrontDeskPlatforms(platforms, options, out));
  RETURN_IF_ERROR(hall->openExpress(engine, platforms, options, out));

  ASSIGN_OR_RETURN(hall->elicense_client_, cityClientOf(platforms, "elicense", options));
  if (!hall->elicense_client_) {
    out << "connectors: 市电子证照库: no city address (--city), so the hall issues licences from "
           "its own register\n";
    return hall;
  }
  hall->holders_ = std::make_unique<CaseHolders>(desk);
  hall->elicense_ = std::make_unique<connectors::ElicenseConnector>(
      *hall->elicense_client_, *hall->holders_, HallPeople::nowMillis);
  hall->elicense_->registerWith(engine);
  retryOnRecovery(
      *hall->elicense_client_, engine,
      {connectors::ElicenseConnector::kIssueJob, connectors::ElicenseConnector::kRevokeJob,
       connectors::ElicenseConnector::kLinkJob});
  hall->licence_lookup_ = std::make_unique<CityLicenceLookup>(*hall->elicense_);
  out << "connectors: " << whereIs(*hall->elicense_client_, options) << "\n";
  return hall;
}

wf::Status HallConnectors::openOnenet(
    wf::Engine& engine, hall::domain::CaseDesk& desk, portal::web::Router& router,
    const std::map<std::string, connectors::PlatformConfig>& platforms,
    const HallConnectorsOptions& options, std::ostream& out) {
  ASSIGN_OR_RETURN(onenet_client_, cityClientOf(platforms, "onenet", options));
  if (!onenet_client_) {
    out << "connectors: 一网通办中台: not connected (no --city), so accepted cases are not "
           "reported and no online cases are taken in\n";
    engine.registerJobHandler(connectors::OnenetConnector::kSubmitJob, [](const wf::JobContext&) {
      return wf::Result<wf::Value>(wf::Value(wf::Object{{"unifiedCode", wf::Value()}}));
    });
    no_intake_ = std::make_unique<NoOnlineIntake>();
    online_routes_ = std::make_unique<portal::web::OnlineCaseRoutes>(*no_intake_);
    online_routes_->addTo(router);
    return wf::Status::ok();
  }
  if (options.catalogue == nullptr) {
    return wf::Status::invalid("connectors: the online intake needs the matter catalogue");
  }
  onenet_ =
      std::make_unique<connectors::OnenetConnector>(*onenet_client_, *parties_, options.hall_code);
  onenet_->registerWith(engine);
  retryOnRecovery(*onenet_client_, engine, {connectors::OnenetConnector::kSubmitJob});
  ASSIGN_OR_RETURN(intake_book_, hall::store::SociOnlineIntakeBook::open(options.db_url));
  online_cases_ = std::make_unique<HallOnlineCases>(*onenet_, desk, *options.catalogue,
                                                    *intake_book_, HallPeople::nowMillis);
  online_routes_ = std::make_unique<portal::web::OnlineCaseRoutes>(*online_cases_);
  online_routes_->addTo(router);
  out << "connectors: " << whereIs(*onenet_client_, options) << " (hall " << options.hall_code
      << ")\n";
  return wf::Status::ok();
}

wf::Status HallConnectors::openNotify(
    wf::Engine& engine, const std::map<std::string, connectors::PlatformConfig>& platforms,
    const HallConnectorsOptions& options, std::ostream& out) {
  ASSIGN_OR_RETURN(notify_client_, cityClientOf(platforms, "notify", options));
  if (!notify_client_) {
    out << "connectors: 短信与随申办推送平台: not connected (no --city), so visitors are not told "
           "of calls, supplements and issue on their phones\n";
    for (const char* type :
         {connectors::NotifyConnector::kSupplementJob, connectors::NotifyConnector::kIssuedJob}) {
      engine.registerJobHandler(type, [](const wf::JobContext& job) {
        return wf::Result<wf::Value>(wf::Value(wf::Object{
            {job.job.element_id, wf::Value(wf::Object{{"channel", wf::Value("none")}})}}));
      });
    }
    return wf::Status::ok();
  }
  if (!vault_) {
    ASSIGN_OR_RETURN(vault_, openHallVault(options.db_url));
  }
  notify_ = std::make_unique<connectors::NotifyConnector>(*notify_client_, *parties_);
  notify_->registerWith(engine);
  retryOnRecovery(
      *notify_client_, engine,
      {connectors::NotifyConnector::kSupplementJob, connectors::NotifyConnector::kIssuedJob});
  call_notifier_ = std::make_unique<CityVisitorNotifier>(*notify_, *vault_);
  out << "connectors: " << whereIs(*notify_client_, options) << "\n";
  return wf::Status::ok();
}

wf::Status HallConnectors::openRatings(
    wf::Engine& engine, const std::map<std::string, connectors::PlatformConfig>& platforms,
    const HallConnectorsOptions& options, std::ostream& out) {
  ASSIGN_OR_RETURN(rating_client_, cityClientOf(platforms, "rating", options));
  if (!rating_client_) {
    out << "connectors: 市好差评: no city address (--city), so the hall keeps its ratings and "
           "marks them sent locally\n";
    engine.registerJobHandler(connectors::RatingConnector::kSubmitJob, [](const wf::JobContext&) {
      return wf::Result<wf::Value>(wf::Value(wf::Object{{"ratingSource", wf::Value("hall")}}));
    });
    return wf::Status::ok();
  }
  rating_ = std::make_unique<connectors::RatingConnector>(*rating_client_);
  rating_->registerWith(engine);
  retryOnRecovery(*rating_client_, engine, {connectors::RatingConnector::kSubmitJob});
  out << "connectors: " << whereIs(*rating_client_, options) << "\n";
  return wf::Status::ok();
}

wf::Status HallConnectors::openCaselib(
    wf::Engine& engine, const std::map<std::string, connectors::PlatformConfig>& platforms,
    const HallConnectorsOptions& options, std::ostream& out) {
  ASSIGN_OR_RETURN(caselib_client_, cityClientOf(platforms, "caselib", options));
  if (!caselib_client_) {
    out << "connectors: 市办件库: no city address (--city), so case statuses are not reported\n";
    return wf::Status::ok();
  }
  ASSIGN_OR_RETURN(caselib_progress_, hall::store::SociCaselibProgress::open(options.db_url));
  caselib_ = std::make_unique<connectors::CaselibConnector>(*caselib_client_);
  caselib_reporter_ = std::make_unique<CaselibReporter>(engine, *caselib_progress_, *caselib_,
                                                        CaselibReporterOptions{}, out);
  caselib_reporter_->start();
  out << "connectors: " << whereIs(*caselib_client_, options) << "\n";
  return wf::Status::ok();
}

wf::Status HallConnectors::openFrontDeskPlatforms(
    const std::map<std::string, connectors::PlatformConfig>& platforms,
    const HallConnectorsOptions& options, std::ostream& out) {
  db_url_ = options.db_url;
  ASSIGN_OR_RETURN(suishen_client_, cityClientOf(platforms, "suishen", options));
  if (!suishen_client_) {
    out << "connectors: 随申码: no city address (--city), so the kiosks cannot take tickets with "
           "a 随申码\n";
  } else {
    suishen_ = std::make_unique<connectors::SuishenConnector>(*suishen_client_);
    suishen_verifier_ = std::make_unique<CitySuishenVerifier>(*suishen_);
    out << "connectors: " << whereIs(*suishen_client_, options) << "\n";
  }
  ASSIGN_OR_RETURN(appointment_client_, cityClientOf(platforms, "appointment", options));
  if (!appointment_client_) {
    out << "connectors: 市统一预约平台: no city address (--city), so only appointments booked at "
           "the hall are checked in\n";
    return wf::Status::ok();
  }
  if (!appointment_client_->config().sync) {
    return wf::Status::invalid("connectors: the appointment platform's file has no <sync hall=…>");
  }
  appointment_ = std::make_unique<connectors::AppointmentConnector>(*appointment_client_);
  out << "connectors: " << whereIs(*appointment_client_, options) << "\n";
  return wf::Status::ok();
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

wf::Status HallConnectors::openExpress(
    wf::Engine& engine, const std::map<std::string, connectors::PlatformConfig>& platforms,
    const HallConnectorsOptions& options, std::ostream& out) {
  ASSIGN_OR_RETURN(express_client_, cityClientOf(platforms, "express", options));
  if (!express_client_) {
    out << "connectors: 市快递平台: no city address (--city), so certificates sent by express get "
           "no waybill\n";
    return wf::Status::ok();
  }
  if (!vault_) {
    ASSIGN_OR_RETURN(vault_, openHallVault(options.db_url));
  }
  recipients_ = std::make_unique<ParcelRecipients>(*vault_);
  express_ = std::make_unique<connectors::ExpressConnector>(*express_client_, *recipients_);
  express_->registerWith(engine);
  retryOnRecovery(*express_client_, engine, {connectors::ExpressConnector::kWaybillJob});
  out << "connectors: " << whereIs(*express_client_, options) << "\n";
  return wf::Status::ok();
}

portal::web::ClerkTaskRoutes::RecipientSealer HallConnectors::recipientSealer() {
  if (express_ == nullptr) return {};
  ParcelRecipients* recipients = recipients_.get();
  return [recipients](const wf::Value* recipient) { return recipients->seal(recipient); };
}

}  // namespace hall::app
