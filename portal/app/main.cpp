// The `hall` executable: dispatches a verb to its command.
#include <iostream>
#include <string>
#include <vector>

#include "portal/app/serve_command.h"
#include "tools/cli/decide_command.h"
#include "tools/cli/deploy_command.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/lint_command.h"

namespace {

constexpr const char* kUsage =
    "usage: hall <command> [options]\n"
    "\n"
    "commands:\n"
    "  lint PATH...                 check .bpmn and .dmn models (folders searched recursively)\n"
    "  deploy PATH... [--db URL]    deploy models; prints each key, version, new or not\n"
    "  decide FILE --decision ID [--vars JSON]\n"
    "                               evaluate a decision of a DMN file; prints the result\n"
    "  serve [--db URL] [--models DIR] [--port N] [--host H] [--demo]\n"
    "                               deploy the models folder and serve the HTTP API\n"
    "  --help                       this text; `hall <command> --help` for one command\n"
    "\n"
    "--db defaults to sqlite:hall.db. Exit status: 0 ok, 1 errors, 2 usage.\n";

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty()) {
    std::cerr << kUsage;
    return hall::cli::kExitUsage;
  }
  const std::string& verb = words.front();
  const std::vector<std::string> args(words.begin() + 1, words.end());
  if (verb == "--help" || verb == "-h" || verb == "help") {
    std::cout << kUsage;
    return hall::cli::kExitClean;
  }
  if (verb == "lint") return hall::cli::runLint(args, std::cout, std::cerr);
  if (verb == "deploy") return hall::cli::runDeploy(args, std::cout, std::cerr);
  if (verb == "serve") return hall::app::runServe(args, std::cout, std::cerr);
  if (verb == "decide") return hall::cli::runDecide(args, std::cout, std::cerr);
  std::cerr << "hall: unknown command " << verb << "\n" << kUsage;
  return hall::cli::kExitUsage;
}
