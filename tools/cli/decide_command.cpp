#include "tools/cli/decide_command.h"

#include "tools/cli/model_files.h"
#include "wf/engine.h"

namespace hall::cli {

namespace {

constexpr const char* kUsage = "usage: hall decide FILE --decision ID [--vars JSON]\n";

}  // namespace

int runDecide(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string file, decision, vars_text = "{}";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      out << kUsage
          << "Evaluates decision ID (its id or name) of a DMN file with the inputs given as a\n"
             "JSON object, and prints the result as JSON.\n";
      return kExitClean;
    }
    if ((arg == "--decision" || arg == "--vars") && i + 1 < args.size()) {
      (arg == "--decision" ? decision : vars_text) = args[++i];
    } else if (!arg.empty() && arg[0] != '-' && file.empty()) {
      file = arg;
    } else {
      err << "hall decide: unexpected argument " << arg << "\n" << kUsage;
      return kExitUsage;
    }
  }
  if (file.empty() || decision.empty()) {
    err << kUsage;
    return kExitUsage;
  }
  std::string error;
  std::optional<wf::Value> vars = wf::Value::parseJson(vars_text, &error);
  if (!vars || !vars->isObject()) {
    err << "hall decide: --vars: " << (vars ? "expected a JSON object" : error) << "\n";
    return kExitUsage;
  }
  wf::Result<std::string> xml = readModelFile(file);
  if (!xml.ok()) {
    err << "hall decide: " << xml.status().message() << "\n";
    return kExitUsage;
  }
  wf::Result<wf::Value> result = wf::Engine::decide(file, *xml, decision, *vars);
  if (!result.ok()) {
    if (result.status().details().find("diagnostics") != nullptr) {
      for (const wf::Diagnostic& d : wf::Engine::lint(file, *xml)) err << d.toString() << "\n";
    }
    err << "hall decide: " << result.status().message() << "\n";
    return kExitErrors;
  }
  out << result->toJson() << "\n";
  return kExitClean;
}

}  // namespace hall::cli
