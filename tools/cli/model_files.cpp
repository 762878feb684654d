#include "tools/cli/model_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "connectors/common/platform_config.h"
#include "connectors/rpa/rpa_script.h"
#include "portal/domain/catalogue_reader.h"
#include "portal/domain/hall_layout_reader.h"
#include "wf/engine.h"

namespace hall::cli {

wf::Result<std::vector<std::filesystem::path>> collectModelFiles(
    const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files;
  for (const std::string& given : paths) {
    const std::filesystem::path path(given);
    std::error_code ec;
    const std::filesystem::file_status status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
      return wf::Status::notFound(given + ": no such file or folder");
    }
    if (!std::filesystem::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::filesystem::path> found;
    auto it = std::filesystem::recursive_directory_iterator(
        path, std::filesystem::directory_options::skip_permission_denied, ec);
    if (ec) return wf::Status::unavailable(given + ": " + ec.message());
    for (const auto end = std::filesystem::recursive_directory_iterator(); it != end;
         it.increment(ec)) {
      if (ec) return wf::Status::unavailable(given + ": " + ec.message());
      const auto extension = it->path().extension();
      if (it->is_regular_file(ec) && (extension == kBpmnExtension || extension == kDmnExtension ||
                                      extension == kXmlExtension)) {
        found.push_back(it->path());
      }
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

wf::Result<std::string> readModelFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return wf::Status::unavailable(file.string() + ": cannot read");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return wf::Status::unavailable(file.string() + ": read failed");
  return content.str();
}

std::vector<wf::Diagnostic> modelDiagnostics(const std::string& file, std::string_view xml) {
  if (domain::isHallLayoutDocument(xml)) return domain::readHallLayout(file, xml).diagnostics;
  // A catalogue file is read with the catalogue files beside it, which it
  // refers to.
  if (domain::isCatalogueDocument(xml)) return domain::lintCatalogueFile(file);
  if (connectors::isConnectorDocument(xml)) {
    return connectors::readPlatformConfig(file, xml).diagnostics;
  }
  if (connectors::isRpaScriptDocument(xml)) return connectors::readRpaScript(file, xml).diagnostics;
  return wf::Engine::lint(file, xml);
}

}  // namespace hall::cli
