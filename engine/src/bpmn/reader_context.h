// What the pieces of the BPMN reader share while reading one file: the parsed
// document, the diagnostics found so far, and per-process drafts that keep
// the XML-side facts (declared incoming/outgoing, the `default` reference)
// the validator needs but the executable model does not.
//
// Internal to src/bpmn; not thread-safe (one per readBpmn call).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "bpmn/bpmn_namespaces.h"
#include "expr/expression.h"
#include "model/model.h"
#include "wf/diagnostic.h"

namespace wf::bpmn {

class ReaderContext {
 public:
  ReaderContext(std::string_view file, const XmlDocument& doc) : file_(file), doc_(doc) {}

  const XmlDocument& doc() const { return doc_; }
  const std::string& file() const { return file_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }
  size_t errorCount() const { return error_count_; }

  void error(model::SourceLocation loc, std::string element_id, std::string message);
  void warning(model::SourceLocation loc, std::string element_id, std::string message);

  // Compiles expression text. On failure reports `<what> does not compile:
  // <reason>` at the text's position plus the error offset, and returns
  // nullopt; `what` names the owner, e.g. "condition of sequence flow 'F'".
  std::optional<expr::Expression> compile(const LocatedText& text, const std::string& what,
                                          const std::string& element_id);

  // Compiles an extension attribute value: `=expr` and `${expr}` are
  // expressions, anything else a string literal (so the runtime always
  // evaluates an Expression).
  std::optional<expr::Expression> compileValue(const LocatedText& text, const std::string& what,
                                               const std::string& element_id);

 private:
  std::string file_;
  const XmlDocument& doc_;
  std::vector<Diagnostic> diagnostics_;
  size_t error_count_ = 0;
};

// True for `=expr` and `${expr}`.
bool isExpressionText(std::string_view text);
// A FEEL string literal denoting `text`.
std::string feelStringLiteral(std::string_view text);

// XML-side facts about one element of a process draft, parallel to
// Process::elements.
struct ElementSource {
  pugi::xml_node node;
  std::string default_ref;  // the `default` attribute, empty when absent
  model::SourceLocation default_loc;
  std::vector<std::pair<std::string, model::SourceLocation>> declared_incoming;
  std::vector<std::pair<std::string, model::SourceLocation>> declared_outgoing;
};

// A sequence flow as written, before its references are resolved.
struct FlowSource {
  pugi::xml_node node;
  std::string id;
  std::string name;
  std::string source_ref;
  std::string target_ref;
  int scope = -1;  // element index of the enclosing sub-process, -1 for the process
  std::optional<expr::Expression> condition;
  bool has_condition = false;  // also when the condition failed to compile
  model::SourceLocation loc;
};

struct ProcessDraft {
  model::Process process;
  model::SourceLocation loc;
  std::vector<ElementSource> sources;  // parallel to process.elements
  std::vector<FlowSource> flow_sources;
  // Ids of flow nodes that were refused (unsupported or malformed): flows to
  // and from them are dropped silently rather than reported twice.
  std::unordered_set<std::string> refused_nodes;
  size_t errors_before = 0;  // ctx.errorCount() when the draft was started
};

// Every element id in the document (any namespace) with where it is first
// defined; filled before the processes are read.
using IdTable = std::unordered_map<std::string, pugi::xml_node>;

// extensions.cpp: hall:, camunda: and zeebe: settings of tasks, and
// multi-instance characteristics.
void readUserTask(ReaderContext& ctx, pugi::xml_node node, model::Element& element);
void readServiceTask(ReaderContext& ctx, pugi::xml_node node, model::Element& element);
void readScriptTask(ReaderContext& ctx, pugi::xml_node node, model::Element& element);
void readBusinessRuleTask(ReaderContext& ctx, pugi::xml_node node, model::Element& element);
// The timerEventDefinition `definition` of the event `node`.
void readTimer(ReaderContext& ctx, pugi::xml_node node, pugi::xml_node definition,
               model::Element& element);
void readMultiInstance(ReaderContext& ctx, pugi::xml_node activity, pugi::xml_node loop,
                       model::Element& element);
void readCallActivity(ReaderContext& ctx, pugi::xml_node node, model::Element& element);

// event_definitions.cpp: the event definition `definition` of the event
// `node` (its trigger, name, correlation key, timer); false when refused.
bool readEventDefinition(ReaderContext& ctx, const IdTable& ids, pugi::xml_node node,
                         pugi::xml_node definition, model::Element& element,
                         bool in_event_subprocess);
// The message a receive task or message event waits for (messageRef on
// `holder`) and, when `needs_key`, its correlation key; false when refused.
bool readMessageRef(ReaderContext& ctx, const IdTable& ids, pugi::xml_node node,
                    pugi::xml_node holder, model::Element& element, bool needs_key);

// bpmn_validator.cpp: resolves the flows of a draft and checks the graph.
void resolveAndValidate(ReaderContext& ctx, const IdTable& ids, ProcessDraft& draft);

// document_checks.cpp: references by id and URI/MIME-typed attributes.
void checkDocument(ReaderContext& ctx, const IdTable& ids, pugi::xml_node root);

// inclusive_reachability.cpp: fills reachable_from of inclusive joins.
void computeInclusiveReachability(model::Process& process);

// How a kind is named in messages: "exclusive gateway", "user task".
std::string kindPhrase(model::ElementKind kind);

}  // namespace wf::bpmn
