#include "connectors/common/connector_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace connectors {

wf::Result<std::vector<ConnectorFile>> readConnectorFiles(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> paths;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".xml") paths.push_back(entry.path());
  }
  if (ec) return wf::Status::unavailable(dir.string() + ": " + ec.message());
  std::sort(paths.begin(), paths.end());
  std::vector<ConnectorFile> files;
  for (const std::filesystem::path& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    files.push_back({path, content.str()});
  }
  return files;
}

}  // namespace connectors
