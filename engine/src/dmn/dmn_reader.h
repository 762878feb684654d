// Reads DMN XML (the 1.1 to 1.5 namespaces; what Camunda Modeler, Trisotech
// and the DMN TCK write) into an evaluable DmnModel. With the BPMN reader,
// the only code that sees XML.
//
// Every diagnostic names file:line:col and the element id. Expressions and
// unary tests are compiled here; one that does not compile, or a construct
// the evaluator does not support (boxed contexts, invocations, business
// knowledge models, imports), is an error, and a model with any error yields
// no DmnModel. Cycles in the decision requirement graph are errors too.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "dmn/dmn_model.h"
#include "wf/diagnostic.h"

namespace wf::dmn {

struct ReadDmnResult {
  std::shared_ptr<const DmnModel> model;  // null when there are errors
  std::vector<Diagnostic> diagnostics;    // errors and warnings
};

// `file` is used only to name the place in diagnostics.
ReadDmnResult readDmn(std::string_view file, std::string_view xml);

// Whether a document is DMN (its root is a DMN 1.1–1.5 <definitions>), so
// that a deployment or lint can tell decisions from processes.
bool isDmnDocument(std::string_view xml);

}  // namespace wf::dmn
