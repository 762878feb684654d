// `hall decide FILE --decision ID [--vars JSON]`: evaluates a decision of a
// DMN file with the given inputs, without any database, and prints the
// result as JSON — so an analyst can try a decision table before deploying.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "tools/cli/exit_codes.h"

namespace hall::cli {

// Returns 0 and prints the result; 1 when the model is refused (its
// diagnostics are printed) or the evaluation fails; 2 on a usage error.
int runDecide(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace hall::cli
