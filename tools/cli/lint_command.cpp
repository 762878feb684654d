#include "tools/cli/lint_command.h"

#include "tools/cli/model_files.h"
#include "wf/diagnostic.h"
#include "wf/engine.h"

namespace hall::cli {

int runLint(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::vector<std::string> paths;
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") {
      out << "usage: hall lint PATH...\n"
             "Checks .bpmn files (folders are searched recursively) and prints\n"
             "file:line:col: error|warning: message for each finding.\n"
             "Exit status: 0 no errors, 1 errors found, 2 usage error.\n";
      return kExitClean;
    }
    if (!arg.empty() && arg[0] == '-') {
      err << "hall lint: unknown option " << arg << "\nusage: hall lint PATH...\n";
      return kExitUsage;
    }
    paths.push_back(arg);
  }
  if (paths.empty()) {
    err << "usage: hall lint PATH...\n";
    return kExitUsage;
  }
  wf::Result<std::vector<std::filesystem::path>> files = collectModelFiles(paths);
  if (!files.ok()) {
    err << "hall lint: " << files.status().message() << "\n";
    return kExitUsage;
  }

  int errors = 0;
  int warnings = 0;
  bool unreadable = false;
  for (const std::filesystem::path& file : *files) {
    wf::Result<std::string> xml = readModelFile(file);
    if (!xml.ok()) {
      err << "hall lint: " << xml.status().message() << "\n";
      unreadable = true;
      continue;
    }
    for (const wf::Diagnostic& d : modelDiagnostics(file.string(), *xml)) {
      out << d.toString() << "\n";
      (d.severity == wf::Severity::Error ? errors : warnings) += 1;
    }
  }
  err << files->size() << (files->size() == 1 ? " file" : " files") << ", " << errors
      << (errors == 1 ? " error" : " errors") << ", " << warnings
      << (warnings == 1 ? " warning" : " warnings") << "\n";
  if (unreadable) return kExitUsage;
  return errors > 0 ? kExitErrors : kExitClean;
}

}  // namespace hall::cli
