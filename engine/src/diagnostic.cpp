#include "wf/diagnostic.h"

#include <algorithm>

namespace wf {

std::string Diagnostic::toString() const {
  std::string out = file;
  out += ':' + std::to_string(line) + ':' + std::to_string(column) + ": ";
  out += severity == Severity::Error ? "error: " : "warning: ";
  out += message;
  return out;
}

Value Diagnostic::toValue() const {
  Object o;
  o["file"] = file;
  o["line"] = line;
  o["column"] = column;
  o["severity"] = severity == Severity::Error ? "error" : "warning";
  o["elementId"] = element_id;
  o["message"] = message;
  return Value(std::move(o));
}

bool hasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

}  // namespace wf
