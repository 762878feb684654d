#include "bpmn/reader_context.h"

#include <cstdlib>
#include <utility>
#include <variant>

namespace wf::bpmn {

void ReaderContext::error(model::SourceLocation loc, std::string element_id, std::string message) {
  ++error_count_;
  diagnostics_.push_back(Diagnostic{file_, loc.line, loc.column, Severity::Error,
                                    std::move(element_id), std::move(message)});
}

void ReaderContext::warning(model::SourceLocation loc, std::string element_id,
                            std::string message) {
  diagnostics_.push_back(Diagnostic{file_, loc.line, loc.column, Severity::Warning,
                                    std::move(element_id), std::move(message)});
}

std::optional<expr::Expression> ReaderContext::compile(const LocatedText& text,
                                                       const std::string& what,
                                                       const std::string& element_id) {
  if (text.text.empty() || text.text == "=" || text.text == "${}") {
    error(text.loc, element_id, what + " is empty");
    return std::nullopt;
  }
  auto compiled = expr::Expression::compile(text.text);
  if (auto* failure = std::get_if<expr::CompileError>(&compiled)) {
    error(doc_.advance(text, failure->offset), element_id,
          what + " does not compile: " + failure->message);
    return std::nullopt;
  }
  return std::get<expr::Expression>(std::move(compiled));
}

std::optional<expr::Expression> ReaderContext::compileValue(const LocatedText& text,
                                                            const std::string& what,
                                                            const std::string& element_id) {
  if (isExpressionText(text.text)) return compile(text, what, element_id);
  LocatedText literal = text;
  literal.text = feelStringLiteral(text.text);
  return compile(literal, what, element_id);
}

bool isExpressionText(std::string_view text) {
  return text.starts_with("=") || text.starts_with("${");
}

std::string feelStringLiteral(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string kindPhrase(model::ElementKind kind) {
  switch (kind) {
    case model::ElementKind::StartEvent:
      return "start event";
    case model::ElementKind::EndEvent:
      return "end event";
    case model::ElementKind::Task:
      return "task";
    case model::ElementKind::UserTask:
      return "user task";
    case model::ElementKind::ServiceTask:
      return "service task";
    case model::ElementKind::ScriptTask:
      return "script task";
    case model::ElementKind::BusinessRuleTask:
      return "business rule task";
    case model::ElementKind::ReceiveTask:
      return "receive task";
    case model::ElementKind::IntermediateThrowEvent:
      return "intermediate throw event";
    case model::ElementKind::EventBasedGateway:
      return "event-based gateway";
    case model::ElementKind::CallActivity:
      return "call activity";
    case model::ElementKind::IntermediateCatchEvent:
      return "intermediate catch event";
    case model::ElementKind::BoundaryEvent:
      return "boundary event";
    case model::ElementKind::ExclusiveGateway:
      return "exclusive gateway";
    case model::ElementKind::ParallelGateway:
      return "parallel gateway";
    case model::ElementKind::InclusiveGateway:
      return "inclusive gateway";
    case model::ElementKind::SubProcess:
      return "sub-process";
  }
  return "element";
}

}  // namespace wf::bpmn
