#include "tools/cli/deploy_command.h"

#include <system_error>

#include "connectors/common/platform_config.h"
#include "connectors/rpa/rpa_script.h"
#include "portal/domain/catalogue_reader.h"
#include "portal/domain/hall_layout_reader.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/model_files.h"
#include "wf/diagnostic.h"

namespace hall::cli {

namespace {

constexpr const char* kUsage = "usage: hall deploy PATH... [--db URL]\n";

}  // namespace

wf::Result<std::unique_ptr<wf::Engine>> openEngine(const std::string& db_url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (db_url.rfind(kSqlite, 0) == 0) {
    const std::string_view file = std::string_view(db_url).substr(kSqlite.size());
    const std::filesystem::path parent = std::filesystem::path(file).parent_path();
    if (file != ":memory:" && !parent.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(parent, ec);
      if (ec) {
        return wf::Status::unavailable("cannot create " + parent.string() + ": " + ec.message());
      }
    }
  }
  wf::EngineOptions options;
  options.db_url = db_url;
  // The hall counts promised working days on Beijing-time dates (China has
  // one time zone, UTC+8).
  options.utc_offset_minutes = kHallUtcOffsetMinutes;
  return wf::Engine::open(std::move(options));
}

wf::Status deployFiles(wf::Engine& engine, const std::vector<std::filesystem::path>& files,
                       std::ostream& out, std::ostream& err,
                       std::vector<wf::DeployedDefinition>* deployed,
                       std::shared_ptr<const domain::HallLayout>* hall_layout) {
  std::string layout_file;
  for (const std::filesystem::path& file : files) {
    ASSIGN_OR_RETURN(const std::string xml, readModelFile(file));
    // The hall's layout is the front desk's, not the engine's: checked here
    // (a broken one stops the start), read by the hall itself.
    if (domain::isHallLayoutDocument(xml)) {
      const domain::ReadHallLayoutResult read = domain::readHallLayout(file.string(), xml);
      for (const wf::Diagnostic& d : read.diagnostics) err << d.toString() << "\n";
      if (!read.layout) {
        return wf::Status::invalid(file.string() + ": the hall layout has errors");
      }
      out << file.string() << ": hall " << read.layout->id << ", " << read.layout->windows.size()
          << " windows, " << read.layout->queues.size() << " queues (checked)\n";
      if (hall_layout != nullptr) {
        if (*hall_layout) {
          return wf::Status::invalid(file.string() + ": a second hall layout (the first is " +
                                     layout_file + "); a server runs one hall");
        }
        *hall_layout = read.layout;
        layout_file = file.string();
      }
      continue;
    }
    // The matter catalogue is the portal's too: checked here, not deployed.
    if (domain::isCatalogueDocument(xml)) {
      const std::vector<wf::Diagnostic> found = domain::lintCatalogueFile(file);
      for (const wf::Diagnostic& d : found) err << d.toString() << "\n";
      if (wf::hasErrors(found)) {
        return wf::Status::invalid(file.string() + ": the catalogue has errors");
      }
      out << file.string() << ": catalogue (checked)\n";
      continue;
    }
    // A connector file is the connectors' configuration: checked, not deployed.
    if (connectors::isConnectorDocument(xml)) {
      const connectors::PlatformReadResult read =
          connectors::readPlatformConfig(file.string(), xml);
      for (const wf::Diagnostic& d : read.diagnostics) err << d.toString() << "\n";
      if (!read.config) {
        return wf::Status::invalid(file.string() + ": the connector configuration has errors");
      }
      out << file.string() << ": connector " << read.config->id << " (checked)\n";
      continue;
    }
    // An RPA script is the robot's: checked, not deployed.
    if (connectors::isRpaScriptDocument(xml)) {
      const connectors::RpaScriptReadResult read = connectors::readRpaScript(file.string(), xml);
      for (const wf::Diagnostic& d : read.diagnostics) err << d.toString() << "\n";
      if (!read.script) return wf::Status::invalid(file.string() + ": the RPA script has errors");
      out << file.string() << ": RPA script " << read.script->system << " (checked)\n";
      continue;
    }
    wf::Result<wf::DeploymentResult> result = engine.deploy(file.string(), xml);
    if (!result.ok()) {
      if (result.status().code() == wf::StatusCode::InvalidArgument) {
        for (const wf::Diagnostic& d : wf::Engine::lint(file.string(), xml)) {
          err << d.toString() << "\n";
        }
      }
      return wf::Status(result.status().code(),
                        file.string() + ": not deployed: " + result.status().message());
    }
    for (const wf::Diagnostic& warning : result->warnings) err << warning.toString() << "\n";
    for (const wf::DeployedDefinition& d : result->definitions) {
      out << file.string() << ": " << d.key << " v" << d.version
          << (d.is_new ? " new" : " unchanged") << "\n";
      if (deployed != nullptr) deployed->push_back(d);
    }
  }
  return wf::Status::ok();
}

int runDeploy(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string db_url = kDefaultDbUrl;
  std::vector<std::string> paths;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      out << kUsage
          << "Deploys .bpmn files (folders are searched recursively); prints\n"
             "FILE: KEY vVERSION new|unchanged per process. --db defaults to "
          << kDefaultDbUrl << ".\n";
      return kExitClean;
    }
    if (arg == "--db") {
      if (i + 1 == args.size()) {
        err << "hall deploy: --db needs a URL\n" << kUsage;
        return kExitUsage;
      }
      db_url = args[++i];
      continue;
    }
    if (arg.rfind("--db=", 0) == 0) {
      db_url = arg.substr(5);
      continue;
    }
    if (!arg.empty() && arg[0] == '-') {
      err << "hall deploy: unknown option " << arg << "\n" << kUsage;
      return kExitUsage;
    }
    paths.push_back(arg);
  }
  if (paths.empty()) {
    err << kUsage;
    return kExitUsage;
  }
  wf::Result<std::vector<std::filesystem::path>> files = collectModelFiles(paths);
  if (!files.ok()) {
    err << "hall deploy: " << files.status().message() << "\n";
    return kExitUsage;
  }
  wf::Result<std::unique_ptr<wf::Engine>> engine = openEngine(db_url);
  if (!engine.ok()) {
    // The store's message names the database (never with its password).
    err << "hall deploy: " << engine.status().message() << "\n";
    return kExitErrors;
  }
  const wf::Status status = deployFiles(**engine, *files, out, err);
  if (!status.isOk()) {
    err << "hall deploy: " << status.message() << "\n";
    return kExitErrors;
  }
  return kExitClean;
}

}  // namespace hall::cli
