// HallRpa: the data exchange robot (RPA) as `hall serve` runs it — the
// scripts of models/connectors/rpa/ and, for each line system it can reach,
// the job types rpa.push and rpa.fetch (connectors/rpa/rpa_connector.h).
// A web line system needs an address (its script's baseUrl or --city) and
// the robot's credentials: the script's userEnv/passwordEnv variables, else
// its file beside the database (the user, a newline, the password). A JSON
// line system needs its platform file (models/connectors/<system>.xml) for
// the address, signing key and retries. What cannot be connected is said
// once at start; the hall keeps working without it (a task of a system not
// connected fails with a clear error and waits as an incident).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "connectors/common/city_client.h"
#include "connectors/rpa/rpa_connector.h"
#include "wf/engine.h"

namespace hall::app {

class HallRpa {
 public:
  using KeyOf = std::function<wf::Result<std::string>(const connectors::PlatformConfig&)>;

  // Registers rpa.push and rpa.fetch on `engine` when at least one line
  // system is connected (before the engine's workers start).
  static wf::Result<std::unique_ptr<HallRpa>> open(
      wf::Engine& engine, const std::filesystem::path& scripts_dir,
      const std::map<std::string, connectors::PlatformConfig>& platforms,
      const std::optional<std::string>& city_url, const std::string& db_url, const KeyOf& key_of,
      std::ostream& out);

 private:
  HallRpa() = default;

  std::vector<std::unique_ptr<connectors::CityClient>> clients_;
  connectors::RpaConnector connector_;
};

}  // namespace hall::app
