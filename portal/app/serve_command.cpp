#include "portal/app/serve_command.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <utility>

#include "portal/app/demo_traffic.h"
#include "portal/app/hall_cases.h"
#include "portal/app/hall_connectors.h"
#include "portal/app/hall_fingerprints.h"
#include "portal/app/hall_front_desk.h"
#include "portal/app/hall_people.h"
#include "portal/app/hall_ratings.h"
#include "portal/domain/hall_directory.h"
#include "portal/domain/hall_licence.h"
#include "portal/store/soci_hall_directory_store.h"
#include "portal/web/admin_token.h"
#include "portal/web/clerk_task_routes.h"
#include "portal/web/department_routes.h"
#include "portal/web/directory_routes.h"
#include "portal/web/engine_routes.h"
#include "portal/web/model_routes.h"
#include "portal/web/router.h"
#include "portal/web/tls_certificate.h"
#include "portal/web/web_server.h"
#include "tools/cli/deploy_command.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/model_files.h"
#include "tools/cli/option_reader.h"
#include "tools/cli/termination_signals.h"

namespace hall::app {

namespace {

using hall::cli::blockTerminationSignals;
using hall::cli::kExitClean;
using hall::cli::kExitErrors;
using hall::cli::kExitUsage;
using hall::cli::terminationSignals;
using hall::cli::waitForTermination;

constexpr const char* kDefaultModelsDir = "models";
constexpr const char* kDefaultAssetsDir = "portal/assets";

// Log lines go to stderr with a UTC timestamp; stdout stays for what the
// operator needs (the URL, the token file). Set before any logger exists,
// since loggers take their channel from the root when first created.
void configureLogging() {
  Poco::AutoPtr<Poco::PatternFormatter> formatter(
      new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t"));
  Poco::AutoPtr<Poco::ConsoleChannel> console(new Poco::ConsoleChannel(std::cerr));
  Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(formatter, console));
  Poco::Logger::root().setChannel(channel);
  Poco::Logger::root().setLevel(Poco::Message::PRIO_INFORMATION);
}

// The first instance of each process seen for the first time, so that a
// fresh demo database has work in its task lists.
void startDemoInstances(wf::Engine& engine, const std::vector<wf::DeployedDefinition>& deployed,
                        std::ostream& out, std::ostream& err) {
  for (const wf::DeployedDefinition& d : deployed) {
    // Processes only; a visit starts with a ticket (below), a rating with
    // a visitor's rating.
    if (!d.is_new || d.version != 1 || d.kind != "bpmn" || d.key == "visit" ||
        d.key == hall::domain::kRatingProcess) {
      continue;
    }
    wf::Result<wf::InstanceInfo> started =
        engine.startInstance(d.key, wf::Value(wf::Object{}), "demo");
    if (started.ok()) {
      out << "demo: started " << d.key << " instance " << started->id << "\n";
    } else {
      err << "demo: cannot start " << d.key << ": " << started.status().message() << "\n";
    }
  }
}

wf::Result<uint16_t> portValue(hall::cli::OptionReader& reader, const std::string& name) {
  ASSIGN_OR_RETURN(const std::string text, reader.value());
  unsigned port = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, port);
  if (ec != std::errc() || ptr != end || port > 65535) {
    return wf::Status::invalid(name + ": expected a number from 0 to 65535, got \"" + text + "\"");
  }
  return static_cast<uint16_t>(port);
}

std::string hostName() {
  char name[256] = {};
  if (::gethostname(name, sizeof(name) - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

bool isLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

wf::Result<ServeOptions> parseServeOptions(const std::vector<std::string>& args, bool* help) {
  ServeOptions options;
  *help = false;
  hall::cli::OptionReader reader(args);
  while (reader.next()) {
    if (reader.flag("--help") || reader.flag("-h")) {
      *help = true;
      return options;
    }
    if (reader.flag("--demo")) {
      options.demo = true;
    } else if (reader.flag("--simulate")) {
      options.simulate = true;
    } else if (reader.is("--db")) {
      ASSIGN_OR_RETURN(options.db_url, reader.value());
    } else if (reader.is("--models")) {
      ASSIGN_OR_RETURN(options.models_dir, reader.value());
    } else if (reader.is("--assets")) {
      ASSIGN_OR_RETURN(options.assets_dir, reader.value());
    } else if (reader.is("--host")) {
      ASSIGN_OR_RETURN(options.host, reader.value());
    } else if (reader.is("--port")) {
      ASSIGN_OR_RETURN(options.port, portValue(reader, "--port"));
    } else if (reader.is("--https-port")) {
      ASSIGN_OR_RETURN(options.https_port, portValue(reader, "--https-port"));
    } else if (reader.is("--https-host")) {
      ASSIGN_OR_RETURN(options.https_host, reader.value());
    } else if (reader.is("--tls-cert")) {
      ASSIGN_OR_RETURN(options.tls_cert, reader.value());
    } else if (reader.is("--tls-key")) {
      ASSIGN_OR_RETURN(options.tls_key, reader.value());
    } else if (reader.is("--client-ca")) {
      ASSIGN_OR_RETURN(options.client_ca, reader.value());
    } else if (reader.is("--city")) {
      ASSIGN_OR_RETURN(options.city_url, reader.value());
      if (options.city_url->rfind("http://", 0) != 0 &&
          options.city_url->rfind("https://", 0) != 0) {
        return wf::Status::invalid("--city " + *options.city_url +
                                   ": expected http://host:port of the city platforms");
      }
    } else if (reader.is("--fingerprint-timeout")) {
      ASSIGN_OR_RETURN(const std::string text, reader.value());
      long long ms = 0;
      const char* end = text.data() + text.size();
      const auto [ptr, ec] = std::from_chars(text.data(), end, ms);
      if (ec != std::errc() || ptr != end || ms < 1 || ms > 600000) {
        return wf::Status::invalid(
            "--fingerprint-timeout: expected milliseconds from 1 to 600000, got \"" + text + "\"");
      }
      options.fingerprint_timeout = std::chrono::milliseconds(ms);
    } else {
      return reader.unknown();
    }
  }
  if (!isLoopback(options.host)) {
    return wf::Status::invalid("--host " + options.host +
                               ": plain HTTP is served on loopback only; serve the hall's network "
                               "over HTTPS with --https-port (and --https-host)");
  }
  if (options.tls_cert.has_value() != options.tls_key.has_value()) {
    return wf::Status::invalid("--tls-cert and --tls-key go together");
  }
  if ((options.tls_cert || options.client_ca) && !options.https_port) {
    return wf::Status::invalid("--tls-cert, --tls-key and --client-ca need --https-port");
  }
  if (options.https_port && !options.tls_cert && !options.demo) {
    return wf::Status::invalid(
        "--https-port needs --tls-cert and --tls-key (only --demo makes a self-signed one)");
  }
  if (options.simulate && !options.demo) {
    return wf::Status::invalid("--simulate runs only with --demo (it takes tickets and calls)");
  }
  return options;
}

int runServe(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  bool help = false;
  wf::Result<ServeOptions> parsed = parseServeOptions(args, &help);
  if (!parsed.ok()) {
    err << "hall serve: " << parsed.status().message() << "\n" << kServeUsage;
    return kExitUsage;
  }
  if (help) {
    out << kServeUsage
        << "Deploys the models folder (default ./models when present), then serves the\n"
           "HTTP API until SIGINT or SIGTERM. --db defaults to sqlite:hall.db, --host to\n"
           "127.0.0.1, --port to 8080. --demo also prints the admin token, starts one\n"
           "instance of each process deployed for the first time, and keeps the hall's\n"
           "queues open whatever the clock says; --simulate adds a stream of simulated\n"
           "visitors and clerks. --fingerprint-timeout is how long a window's fingerprint\n"
           "reader has to answer (default 30000 ms).\n";
    return kExitClean;
  }
  const ServeOptions& options = *parsed;

  configureLogging();
  const sigset_t signals = terminationSignals();
  blockTerminationSignals(signals);
  // A client that goes away mid-answer must cost an error on that socket,
  // not the server (Poco writes without MSG_NOSIGNAL).
  signal(SIGPIPE, SIG_IGN);

  std::vector<std::filesystem::path> model_files;
  const std::string models_dir = options.models_dir.value_or(kDefaultModelsDir);
  if (options.models_dir || std::filesystem::is_directory(models_dir)) {
    wf::Result<std::vector<std::filesystem::path>> files =
        hall::cli::collectModelFiles({models_dir});
    if (!files.ok()) {
      err << "hall serve: --models: " << files.status().message() << "\n";
      return kExitUsage;
    }
    model_files = std::move(files).value();
  }

  wf::Result<std::unique_ptr<wf::Engine>> opened = hall::cli::openEngine(options.db_url);
  if (!opened.ok()) {
    err << "hall serve: " << options.db_url << ": " << opened.status().message() << "\n";
    return kExitErrors;
  }
  std::unique_ptr<wf::Engine> engine = std::move(opened).value();

  std::vector<wf::DeployedDefinition> deployed;
  std::shared_ptr<const hall::domain::HallLayout> layout;
  const wf::Status deploy_status =
      hall::cli::deployFiles(*engine, model_files, out, err, &deployed, &layout);
  if (!deploy_status.isOk()) {
    err << "hall serve: " << deploy_status.message() << "\n";
    return kExitErrors;
  }
  if (options.demo) startDemoInstances(*engine, deployed, out, err);

  const char* env_token =
      std::getenv(std::string(portal::web::AdminToken::kEnvironmentVariable).c_str());
  wf::Result<portal::web::AdminToken> token = portal::web::AdminToken::load(
      env_token ? std::optional<std::string>(env_token) : std::nullopt,
      portal::web::AdminToken::dirForDatabase(options.db_url));
  if (!token.ok()) {
    err << "hall serve: " << token.status().message() << "\n";
    return kExitErrors;
  }
  const portal::web::AdminToken token_copy = *token;

  portal::web::Router router;
  portal::web::EngineRoutes routes(*engine);
  routes.addTo(router);
  portal::web::DepartmentRoutes department_routes(*engine, HallPeople::nowMillis);
  department_routes.addTo(router);
  portal::web::ClerkTaskRoutes clerk_task_routes(*engine);
  clerk_task_routes.addTo(router);
  portal::web::ModelRoutes model_routes(*engine);
  model_routes.addTo(router);
  portal::web::WebServerOptions web_options;
  web_options.host = options.host;
  web_options.port = options.port;
  const std::string assets = options.assets_dir.value_or(kDefaultAssetsDir);
  if (options.assets_dir || std::filesystem::is_directory(assets)) web_options.assets_dir = assets;
  portal::web::UpgradeRoutes upgrades;
  wf::Result<std::unique_ptr<HallPeople>> people =
      HallPeople::open(options.db_url, options.demo, /*secure=*/false, out);
  if (!people.ok()) {
    err << "hall serve: accounts: " << people.status().message() << "\n";
    return kExitErrors;
  }
  (*people)->addTo(router, web_options);
  // The administered hall (窗口基本管理): the models folder's layout until a
  // manager changes it; the front desk runs what it held at start.
  std::unique_ptr<hall::store::SociHallDirectoryStore> directory_store;
  std::unique_ptr<hall::domain::HallDirectory> directory;
  std::unique_ptr<portal::web::DirectoryRoutes> directory_routes;
  if (layout) {
    auto store = hall::store::SociHallDirectoryStore::open(options.db_url);
    auto opened = store.ok()
                      ? hall::domain::HallDirectory::open(**store, *layout)
                      : wf::Result<std::unique_ptr<hall::domain::HallDirectory>>(store.status());
    if (!opened.ok()) {
      err << "hall serve: hall directory: " << opened.status().message() << "\n";
      return kExitErrors;
    }
    directory_store = std::move(store).value();
    directory = std::move(opened).value();
    directory_routes = std::make_unique<portal::web::DirectoryRoutes>(*directory);
    directory_routes->addTo(router);
    layout = std::make_shared<const hall::domain::HallLayout>(
        hall::domain::activeLayout(*directory->current().layout));
  }
  // Intake and acceptance, when the models hold a matter catalogue.
  std::unique_ptr<HallCases> cases;
  std::unique_ptr<HallConnectors> city;
  const std::filesystem::path catalogue_dir = std::filesystem::path(models_dir) / "catalogue";
  if (std::filesystem::is_directory(catalogue_dir)) {
    HallCasesOptions case_options;
    case_options.db_url = options.db_url;
    case_options.catalogue_dir = catalogue_dir;
    case_options.status_url_base =
        (options.https_port ? "https://" + hostName() + ":" + std::to_string(*options.https_port)
                            : "http://" + options.host + ":" + std::to_string(options.port)) +
        "/case.html?code=";
    wf::Result<std::unique_ptr<HallCases>> opened = HallCases::open(*engine, case_options);
    if (!opened.ok()) {
      err << "hall serve: cases: " << opened.status().message() << "\n";
      return kExitErrors;
    }
    cases = std::move(opened).value();
    wf::Result<int> unrecorded = cases->cancelUnrecorded();
    if (!unrecorded.ok()) {
      err << "hall serve: cases: " << unrecorded.status().message() << "\n";
      return kExitErrors;
    }
    if (*unrecorded > 0) {
      out << "cases: cancelled " << *unrecorded
          << " processes whose acceptance a crash cut short (no case was recorded)\n";
    }
    cases->addTo(router);
    HallConnectorsOptions connector_options;
    connector_options.connectors_dir = std::filesystem::path(models_dir) / "connectors";
    connector_options.city_url = options.city_url;
    connector_options.db_url = options.db_url;
    connector_options.catalogue = &cases->catalogue();
    wf::Result<std::unique_ptr<HallConnectors>> connected =
        HallConnectors::open(*engine, cases->desk(), router, connector_options, out);
    if (!connected.ok()) {
      err << "hall serve: connectors: " << connected.status().message() << "\n";
      return kExitErrors;
    }
    city = std::move(connected).value();
    clerk_task_routes.sealRecipientsWith(city->recipientSealer());
    if (hall::domain::LicenceLookup* lookup = city->licenceLookup()) {
      cases->useLicenceLookup(*lookup);
    }
    out << "cases: catalogue of " << cases->catalogue().matters().size() << " matters and "
        << cases->catalogue().themes().size() << " themes\n";
  }
  // Licences are the hall's own unless the city's e-licence library takes
  // the job type; the workers start once every handler is in place.
  if (!city || !city->issuesLicences()) {
    engine->registerJobHandler(hall::domain::kLicenceJobType, [](const wf::JobContext& job) {
      return hall::domain::issueHallLicence(job, HallPeople::nowMillis());
    });
    engine->registerJobHandler(hall::domain::kRevokeLicenceJobType, [](const wf::JobContext& job) {
      return hall::domain::revokeHallLicence(job, HallPeople::nowMillis());
    });
    engine->registerJobHandler(hall::domain::kLinkLicencesJobType, hall::domain::linkHallLicences);
  }
  engine->startJobWorkers();
  std::unique_ptr<HallFrontDesk> front_desk;
  if (layout) {
    wf::Result<std::unique_ptr<HallFrontDesk>> opened = HallFrontDesk::open(
        *layout, *engine, options.db_url, options.demo,
        city ? HallCityParts{city->visitorNotifier(), city->suishen()} : HallCityParts{});
    if (!opened.ok()) {
      err << "hall serve: front desk: " << opened.status().message() << "\n";
      return kExitErrors;
    }
    front_desk = std::move(opened).value();
    front_desk->addTo(router, web_options, upgrades);
    if (city) {
      if (const wf::Status s =
              city->startAppointments(front_desk->desk(), front_desk->store(), out);
          !s.isOk()) {
        err << "hall serve: appointments: " << s.message() << "\n";
        return kExitErrors;
      }
    }
    if (cases) {
      hall::domain::FrontDesk& desk = front_desk->desk();
      const auto window_of = [&desk](const std::string& login) {
        for (const hall::domain::WindowView& w : desk.windows()) {
          if (w.session.clerk == login) return w.session.window;
        }
        return std::string();
      };
      cases->setWindowOfClerk(window_of);
      if (city) city->setWindowOfClerk(window_of);
    }
    out << "front desk: hall " << layout->name << ", " << layout->windows.size() << " windows, "
        << layout->queues.size() << " queues, " << layout->devices.size() << " devices"
        << (options.demo ? " (demo: open all day)" : "") << "\n";
  } else {
    err << "hall serve: no hall layout in the models; the front desk is off\n";
  }
  // 好差评 of visits (by the ticket's status token) and cases (by case code).
  wf::Result<std::unique_ptr<HallRatings>> ratings =
      HallRatings::open(*engine, cases ? &cases->desk() : nullptr,
                        front_desk ? &front_desk->desk() : nullptr, options.db_url, out);
  if (!ratings.ok()) {
    err << "hall serve: ratings: " << ratings.status().message() << "\n";
    return kExitErrors;
  }
  (*ratings)->addTo(router);
  // The clerk's finger at windows with a fingerprint reader (the readers are
  // devices on the front desk's hub).
  std::unique_ptr<HallFingerprints> fingerprints;
  if (front_desk) {
    HallFingerprintsOptions fingerprint_options;
    fingerprint_options.db_url = options.db_url;
    fingerprint_options.capture_timeout = options.fingerprint_timeout;
    wf::Result<std::unique_ptr<HallFingerprints>> opened =
        HallFingerprints::open(front_desk->hub(), (*people)->accounts(), fingerprint_options);
    if (!opened.ok()) {
      err << "hall serve: fingerprints: " << opened.status().message() << "\n";
      return kExitErrors;
    }
    fingerprints = std::move(opened).value();
    fingerprints->addTo(router);
    if (cases) cases->desk().confirmFingerprints(fingerprints->check());
  }
  std::unique_ptr<portal::web::WebServer> secure_server;
  if (options.https_port) {
    portal::web::WebServerOptions secure_options = web_options;
    secure_options.host = options.https_host;
    secure_options.port = *options.https_port;
    portal::web::TlsOptions tls;
    if (options.tls_cert) {
      tls.certificate = *options.tls_cert;
      tls.private_key = *options.tls_key;
    } else {
      wf::Result<portal::web::CertificateFiles> demo_cert = portal::web::demoServerCertificate(
          portal::web::AdminToken::dirForDatabase(options.db_url));
      if (!demo_cert.ok()) {
        err << "hall serve: " << demo_cert.status().message() << "\n";
        return kExitErrors;
      }
      tls.certificate = demo_cert->certificate;
      tls.private_key = demo_cert->private_key;
      out << "demo: self-signed certificate " << std::filesystem::absolute(tls.certificate).string()
          << "\n";
    }
    if (options.client_ca) tls.client_ca = *options.client_ca;
    secure_options.tls = tls;
    wf::Result<std::unique_ptr<portal::web::WebServer>> started =
        portal::web::WebServer::start(router, token_copy, secure_options, upgrades);
    if (!started.ok()) {
      err << "hall serve: " << started.status().message() << "\n";
      return kExitErrors;
    }
    secure_server = std::move(started).value();
    out << "Hall is serving the hall's network at " << secure_server->url() << "\n";
  }
  wf::Result<std::unique_ptr<portal::web::WebServer>> server = portal::web::WebServer::start(
      std::move(router), std::move(token).value(), web_options, std::move(upgrades));
  if (!server.ok()) {
    err << "hall serve: " << server.status().message() << "\n";
    return kExitErrors;
  }

  out << "Hall is serving at " << (*server)->url() << "\n";
  if (token_copy.source() == portal::web::AdminToken::Source::Environment) {
    out << "admin token: from " << portal::web::AdminToken::kEnvironmentVariable << "\n";
  } else {
    out << "admin token file: " << std::filesystem::absolute(token_copy.file()).string() << "\n";
  }
  if (options.demo) {
    out << "demo: curl -H 'Authorization: Bearer " << token_copy.value() << "' " << (*server)->url()
        << "/api/v1/queues\n";
    if (front_desk) front_desk->printDeviceLinks(out, (*server)->url());
  }
  std::unique_ptr<DemoTraffic> traffic;
  if (options.simulate && front_desk) {
    traffic = std::make_unique<DemoTraffic>(front_desk->desk(), DemoTrafficOptions{});
    traffic->start();
    out << "demo: simulated visitors and clerks are at work\n";
  }
  out << "Press Ctrl-C to stop.\n" << std::flush;

  const int signal_number = waitForTermination(signals);
  out << "hall serve: signal " << signal_number << ", shutting down\n" << std::flush;
  if (traffic) traffic->stop();
  // Stop taking requests before the engine they call goes away.
  if (secure_server) secure_server->stop();
  (*server)->stop();
  server.value().reset();
  fingerprints.reset();                // before the hub its gate listens to
  if (city) city->stopAppointments();  // before the desk it books at
  front_desk.reset();
  ratings.value().reset();
  cases.reset();
  people.value().reset();
  if (city) city->stopReporting();
  engine.reset();
  out << "hall serve: stopped\n";
  return kExitClean;
}

}  // namespace hall::app
