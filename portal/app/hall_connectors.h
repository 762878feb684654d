// HallConnectors: the city platforms as `hall serve` runs them — the
// connector files of the models folder (models/connectors/*.xml), the
// city's address (`--city`, or each file's baseUrl), the shared signing key
// (the file's env variable, else its key file beside the database, made on
// first start), and each platform's connector registered as the job types
// it handles. The e-licence library takes `elicense.issue`, naming the
// licence's holder from the case desk.
//
// Without a city address the hall keeps its own licence register
// (portal/domain/hall_licence.h) and says so at start.
//
// Destroy it after the engine's job workers have stopped.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "connectors/common/city_client.h"
#include "connectors/elicense/elicense_connector.h"
#include "portal/domain/case_desk.h"
#include "wf/engine.h"

namespace hall::app {

struct HallConnectorsOptions {
  std::filesystem::path connectors_dir;  // models/connectors
  std::optional<std::string> city_url;   // --city
  std::string db_url;                    // where key files live
};

class HallConnectors {
 public:
  // Registers the job handlers on `engine` (before its workers start).
  static wf::Result<std::unique_ptr<HallConnectors>> open(wf::Engine& engine,
                                                          hall::domain::CaseDesk& desk,
                                                          const HallConnectorsOptions& options,
                                                          std::ostream& out);
  ~HallConnectors();

  // Whether the city's e-licence library issues licences (else the hall's
  // own register must take elicense.issue).
  bool issuesLicences() const { return elicense_ != nullptr; }

 private:
  class CaseHolders;
  HallConnectors() = default;

  std::unique_ptr<CaseHolders> holders_;
  std::unique_ptr<connectors::CityClient> elicense_client_;
  std::unique_ptr<connectors::ElicenseConnector> elicense_;
};

}  // namespace hall::app
