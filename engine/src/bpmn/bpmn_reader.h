// Reads BPMN 2.0 XML (as bpmn.io and Camunda Modeler write it) into the
// executable model, and validates it. The only code besides the DMN reader
// that sees XML.
//
// Every diagnostic names file:line:col and the element id. A model with an
// error diagnostic yields no Definitions: an element the engine cannot run
// is refused here, never ignored at run time.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "wf/diagnostic.h"

namespace wf::bpmn {

struct ReadResult {
  std::shared_ptr<const model::Definitions> definitions;  // null when there are errors
  std::vector<Diagnostic> diagnostics;                     // errors and warnings
};

// `file` is used only to name the place in diagnostics.
ReadResult readBpmn(std::string_view file, std::string_view xml);

}  // namespace wf::bpmn
