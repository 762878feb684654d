// Finding and reading the model files a CLI verb was pointed at: files are
// taken as given; folders are searched recursively for *.bpmn, *.dmn and
// *.xml (working-day calendars). The order is
// stable (each folder's files sorted by path) so output and deployments
// repeat exactly from run to run.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "wf/diagnostic.h"
#include "wf/status.h"

namespace hall::cli {

inline constexpr std::string_view kBpmnExtension = ".bpmn";
inline constexpr std::string_view kDmnExtension = ".dmn";
inline constexpr std::string_view kXmlExtension = ".xml";

// NotFound naming the first path that does not exist.
wf::Result<std::vector<std::filesystem::path>> collectModelFiles(
    const std::vector<std::string>& paths);

// Unavailable naming the file when it cannot be read.
wf::Result<std::string> readModelFile(const std::filesystem::path& file);

// The findings about a model file of any kind: a BPMN process, a DMN
// decision, a working-day calendar (the engine's), or the hall's layout.
std::vector<wf::Diagnostic> modelDiagnostics(const std::string& file, std::string_view xml);

}  // namespace hall::cli
