// The connector files of a folder (models/connectors, models/connectors/rpa):
// every *.xml directly in it, sorted by name, read whole — what each reader
// of them (platform_config.h, rpa/rpa_script.h) starts from.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "wf/status.h"

namespace connectors {

struct ConnectorFile {
  std::filesystem::path path;
  std::string content;
};

// Unavailable when the folder cannot be listed.
wf::Result<std::vector<ConnectorFile>> readConnectorFiles(const std::filesystem::path& dir);

}  // namespace connectors
