// Diagnostic: one finding about a model, for people. Names the place
// (file:line:col and the element id) so an analyst can go straight to it.
#pragma once

#include <string>
#include <vector>

#include "wf/value.h"

namespace wf {

enum class Severity { Error, Warning };

// A 1-based place in a model file; 0 when unknown.
struct SourceLocation {
  int line = 0;
  int column = 0;
};

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  Severity severity = Severity::Error;
  std::string element_id;  // empty when the finding is not about one element
  std::string message;

  // "file:line:col: error: message" — the format of `hall lint`.
  std::string toString() const;
  Value toValue() const;
};

bool hasErrors(const std::vector<Diagnostic>& diagnostics);

}  // namespace wf
