// `hall lint PATH…`: checks BPMN models without deploying them and prints
// one line per finding, `file:line:col: error|warning: message`, on stdout
// (a summary goes to stderr, so editors and CI can parse stdout as is).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "tools/cli/exit_codes.h"

namespace hall::cli {

// `args` are the words after "lint". Returns 0 when no model has an error
// (warnings allowed), 1 when one has, 2 on a usage error or a missing path.
int runLint(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace hall::cli
