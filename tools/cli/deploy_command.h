// `hall deploy PATH… [--db URL]`: deploys BPMN models into a database and
// prints, per process, its key, version and whether that version is new.
// The deployment steps are shared with `hall serve`, which deploys the
// models folder when it starts.
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "portal/domain/hall_layout.h"
#include "wf/engine.h"

namespace hall::cli {

inline constexpr const char* kDefaultDbUrl = "sqlite:hall.db";

// Beijing time, the local time of every hall.
inline constexpr int kHallUtcOffsetMinutes = 480;

// Opens the engine on `db_url`, first creating the folder of a SQLite file
// ("sqlite:build/demo/hall.db" needs build/demo); dates count in Beijing time.
wf::Result<std::unique_ptr<wf::Engine>> openEngine(const std::string& db_url);

// Deploys each file in order, printing "FILE: KEY vN new|unchanged" on `out`
// per process and any warnings on `err`. Stops at the first failure; for a
// refused model it prints every diagnostic on `err` first. `deployed`
// (optional) receives what was deployed, and `hall_layout` (optional) the
// hall's layout when the files hold one (two layouts are an error: one hall
// per server).
wf::Status deployFiles(wf::Engine& engine, const std::vector<std::filesystem::path>& files,
                       std::ostream& out, std::ostream& err,
                       std::vector<wf::DeployedDefinition>* deployed = nullptr,
                       std::shared_ptr<const domain::HallLayout>* hall_layout = nullptr);

// `args` are the words after "deploy". 0 on success, 1 when a deployment
// failed, 2 on a usage error or a missing path.
int runDeploy(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace hall::cli
