// Elements → model: walks the definitions, reads every process that is
// executable, refuses what the engine cannot run, and hands each process
// draft to the validator.
#include "bpmn/bpmn_reader.h"

#include <array>
#include <string>
#include <utility>

#include "bpmn/bpmn_namespaces.h"
#include "bpmn/reader_context.h"

namespace wf::bpmn {
namespace {

using model::ElementKind;
using model::SourceLocation;

std::optional<ElementKind> flowNodeKind(std::string_view local) {
  static constexpr std::array<std::pair<std::string_view, ElementKind>, 19> kKinds = {{
      {"startEvent", ElementKind::StartEvent},
      {"endEvent", ElementKind::EndEvent},
      {"task", ElementKind::Task},
      {"manualTask", ElementKind::Task},
      {"userTask", ElementKind::UserTask},
      {"serviceTask", ElementKind::ServiceTask},
      {"sendTask", ElementKind::ServiceTask},
      {"scriptTask", ElementKind::ScriptTask},
      {"businessRuleTask", ElementKind::BusinessRuleTask},
      {"receiveTask", ElementKind::ReceiveTask},
      {"intermediateCatchEvent", ElementKind::IntermediateCatchEvent},
      {"intermediateThrowEvent", ElementKind::IntermediateThrowEvent},
      {"boundaryEvent", ElementKind::BoundaryEvent},
      {"exclusiveGateway", ElementKind::ExclusiveGateway},
      {"parallelGateway", ElementKind::ParallelGateway},
      {"inclusiveGateway", ElementKind::InclusiveGateway},
      {"eventBasedGateway", ElementKind::EventBasedGateway},
      {"subProcess", ElementKind::SubProcess},
      {"callActivity", ElementKind::CallActivity},
  }};
  for (const auto& [name, kind] : kKinds) {
    if (name == local) return kind;
  }
  return std::nullopt;
}

bool isActivity(ElementKind kind) {
  switch (kind) {
    case ElementKind::Task:
    case ElementKind::UserTask:
    case ElementKind::ServiceTask:
    case ElementKind::ScriptTask:
    case ElementKind::BusinessRuleTask:
    case ElementKind::ReceiveTask:
    case ElementKind::SubProcess:
    case ElementKind::CallActivity:
      return true;
    default:
      return false;
  }
}

template <size_t N>
bool oneOf(std::string_view local, const std::array<std::string_view, N>& names) {
  for (std::string_view name : names) {
    if (name == local) return true;
  }
  return false;
}

// Definitions-level elements that describe but do not run anything. Event
// definitions here only matter through eventDefinitionRef, which is refused
// where it is used.
constexpr std::array<std::string_view, 24> kInertRootElements = {"documentation",
                                                                 "extensionElements",
                                                                 "import",
                                                                 "itemDefinition",
                                                                 "message",
                                                                 "error",
                                                                 "signal",
                                                                 "escalation",
                                                                 "resource",
                                                                 "interface",
                                                                 "dataStore",
                                                                 "category",
                                                                 "correlationProperty",
                                                                 "partnerEntity",
                                                                 "partnerRole",
                                                                 "endPoint",
                                                                 "relationship",
                                                                 "extension",
                                                                 "timerEventDefinition",
                                                                 "messageEventDefinition",
                                                                 "signalEventDefinition",
                                                                 "errorEventDefinition",
                                                                 "escalationEventDefinition",
                                                                 "conditionalEventDefinition"};

// Kept but ignored inside a process or sub-process: artifacts, lanes and data
// objects (which only matter through the associations refused on activities).
constexpr std::array<std::string_view, 12> kInertScopeElements = {
    "documentation",  "extensionElements",   "laneSet",
    "textAnnotation", "association",         "group",
    "dataObject",     "dataObjectReference", "dataStoreReference",
    "auditing",       "monitoring",          "supports"};

// Children of a sub-process that belong to it as an activity, not to its
// inner scope: readElement deals with them.
constexpr std::array<std::string_view, 14> kActivityChildren = {"incoming",
                                                                "outgoing",
                                                                "documentation",
                                                                "extensionElements",
                                                                "multiInstanceLoopCharacteristics",
                                                                "standardLoopCharacteristics",
                                                                "ioSpecification",
                                                                "property",
                                                                "dataInputAssociation",
                                                                "dataOutputAssociation",
                                                                "resourceRole",
                                                                "performer",
                                                                "humanPerformer",
                                                                "potentialOwner"};

class Reader {
 public:
  explicit Reader(ReaderContext& ctx) : ctx_(ctx), doc_(ctx.doc()) {}

  std::vector<model::Process> read() {
    const pugi::xml_node root = doc_.root();
    if (!doc_.is(root, kBpmnNs, "definitions")) {
      ctx_.error(doc_.locationOf(root), "",
                 "the root element '" + std::string(root.name()) +
                     "' is not a BPMN 2.0 definitions element (namespace " + std::string(kBpmnNs) +
                     ")");
      return {};
    }
    collectIds(root);
    checkDocument(ctx_, ids_, root);
    bool any_process = false;
    for (pugi::xml_node child : root.children()) {
      if (child.type() != pugi::node_element || doc_.namespaceOf(child) != kBpmnNs) continue;
      const std::string_view local = XmlDocument::localName(child);
      if (local == "process") {
        any_process = true;
        readProcess(child);
      } else if (local == "collaboration") {
        readCollaboration(child);
      } else if (!oneOf(local, kInertRootElements)) {
        unsupported(child, nullptr);
      }
    }
    if (processes_.empty() && !any_executable_) {
      ctx_.error(doc_.locationOf(root), idOf(root),
                 any_process ? "no executable process in the definitions (set "
                               "isExecutable=\"true\" on the process to run)"
                             : "no process in the definitions");
    }
    return std::move(processes_);
  }

 private:
  static std::string idOf(pugi::xml_node node) { return node.attribute("id").value(); }

  std::string bpmnName(pugi::xml_node node) const {
    return "bpmn:" + std::string(XmlDocument::localName(node));
  }

  void collectIds(pugi::xml_node node) {
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string id = idOf(child);
      if (!id.empty()) {
        auto [it, inserted] = ids_.emplace(id, child);
        if (!inserted) {
          const SourceLocation first = doc_.locationOf(it->second);
          ctx_.error(doc_.locationOf(child), id,
                     "duplicate id '" + id + "' (first defined at " + std::to_string(first.line) +
                         ":" + std::to_string(first.column) + ")");
        }
      }
      collectIds(child);
    }
  }

  void unsupported(pugi::xml_node node, ProcessDraft* draft) {
    const std::string id = idOf(node);
    if (draft != nullptr && !id.empty()) draft->refused_nodes.insert(id);
    ctx_.error(doc_.locationOf(node), id,
               id.empty() ? "element " + bpmnName(node) + " is not supported"
                          : "element '" + id + "' (" + bpmnName(node) + ") is not supported");
  }

  void readCollaboration(pugi::xml_node node) {
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element || doc_.namespaceOf(child) != kBpmnNs) continue;
      const std::string_view local = XmlDocument::localName(child);
      if (local == "participant" || local == "documentation" || local == "extensionElements" ||
          local == "textAnnotation" || local == "association" || local == "group") {
        continue;
      }
      unsupported(child, nullptr);
    }
  }

  void readProcess(pugi::xml_node node) {
    const std::string id = idOf(node);
    const SourceLocation loc = doc_.locationOf(node);
    if (std::string_view(node.attribute("isExecutable").value()) != "true") {
      ctx_.warning(loc, id,
                   "process '" + id +
                       "' is not executable (isExecutable is not \"true\"); "
                       "it is not deployed");
      return;
    }
    any_executable_ = true;
    if (id.empty()) {
      ctx_.error(loc, "", "element bpmn:process has no id");
      return;
    }
    if (const pugi::xml_attribute type = node.attribute("processType");
        type && std::string_view(type.value()) == "Public") {
      ctx_.error(doc_.locationOf(node, type), id,
                 "process '" + id +
                     "' is public (processType=\"Public\") and so cannot be "
                     "executable");
    }
    ProcessDraft draft;
    draft.errors_before = ctx_.errorCount();
    draft.loc = loc;
    draft.process.key = id;
    draft.process.name = node.attribute("name").value();
    draft.process.file = ctx_.file();
    readScope(node, -1, draft);
    resolveAndValidate(ctx_, ids_, draft);
    processes_.push_back(std::move(draft.process));
  }

  void readScope(pugi::xml_node container, int parent, ProcessDraft& draft) {
    for (pugi::xml_node child : container.children()) {
      if (child.type() != pugi::node_element || doc_.namespaceOf(child) != kBpmnNs) continue;
      const std::string_view local = XmlDocument::localName(child);
      if (local == "sequenceFlow") {
        readFlow(child, parent, draft);
      } else if (auto kind = flowNodeKind(local)) {
        readElement(child, *kind, parent, draft);
      } else if (oneOf(local, kInertScopeElements)) {
        continue;
      } else if (parent >= 0 && oneOf(local, kActivityChildren)) {
        continue;
      } else {
        unsupported(child, &draft);
      }
    }
  }

  void readFlow(pugi::xml_node node, int parent, ProcessDraft& draft) {
    FlowSource flow;
    flow.node = node;
    flow.id = idOf(node);
    flow.loc = doc_.locationOf(node);
    if (flow.id.empty()) {
      ctx_.error(flow.loc, "", "element bpmn:sequenceFlow has no id");
      return;
    }
    flow.name = node.attribute("name").value();
    flow.source_ref = node.attribute("sourceRef").value();
    flow.target_ref = node.attribute("targetRef").value();
    flow.scope = parent;
    if (const pugi::xml_attribute immediate = node.attribute("isImmediate")) {
      ctx_.error(doc_.locationOf(node, immediate), flow.id,
                 "isImmediate on sequence flow '" + flow.id +
                     "' applies only to non-executable processes");
    }
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element || doc_.namespaceOf(child) != kBpmnNs) continue;
      const std::string_view local = XmlDocument::localName(child);
      if (local == "conditionExpression") {
        flow.has_condition = true;
        flow.condition = ctx_.compile(doc_.textOf(child),
                                      "condition of sequence flow '" + flow.id + "'", flow.id);
      } else if (local != "documentation" && local != "extensionElements") {
        ctx_.error(doc_.locationOf(child), flow.id,
                   bpmnName(child) + " on sequence flow '" + flow.id + "' is not supported");
      }
    }
    draft.flow_sources.push_back(std::move(flow));
  }

  void readElement(pugi::xml_node node, ElementKind kind, int parent, ProcessDraft& draft) {
    const SourceLocation loc = doc_.locationOf(node);
    const std::string id = idOf(node);
    if (id.empty()) {
      ctx_.error(loc, "", "element " + bpmnName(node) + " has no id");
      return;
    }
    const std::string what = kindPhrase(kind) + " '" + id + "'";

    model::Element element;
    element.id = id;
    element.name = node.attribute("name").value();
    element.kind = kind;
    element.parent = parent;
    element.loc = loc;
    element.triggered_by_event =
        kind == ElementKind::SubProcess &&
        std::string_view(node.attribute("triggeredByEvent").value()) == "true";
    ElementSource source;
    source.node = node;

    if (isActivity(kind)) {
      for (const char* attr_name : {"completionQuantity", "startQuantity"}) {
        const pugi::xml_attribute attr = node.attribute(attr_name);
        if (attr && std::string_view(attr.value()) != "1") {
          ctx_.error(doc_.locationOf(node, attr), id,
                     std::string(attr_name) + "=\"" + attr.value() + "\" on " + what +
                         " is not supported (only 1)");
        }
      }
      if (std::string_view(node.attribute("isForCompensation").value()) == "true") {
        ctx_.error(loc, id, "compensation activity " + what + " is not supported");
      }
    }
    if (const pugi::xml_attribute def = node.attribute("default")) {
      source.default_ref = def.value();
      source.default_loc = doc_.locationOf(node, def);
    }

    bool multi_instance_seen = false;
    bool event_definition_seen = false;
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element || doc_.namespaceOf(child) != kBpmnNs) continue;
      const std::string_view local = XmlDocument::localName(child);
      if (local == "incoming" || local == "outgoing") {
        auto& list = local == "incoming" ? source.declared_incoming : source.declared_outgoing;
        list.emplace_back(doc_.textOf(child).text, doc_.locationOf(child));
      } else if (local == "documentation" || local == "extensionElements") {
        continue;
      } else if (local == "multiInstanceLoopCharacteristics" && isActivity(kind)) {
        if (multi_instance_seen) {
          ctx_.error(doc_.locationOf(child), id, what + " has more than one loop characteristics");
          continue;
        }
        multi_instance_seen = true;
        readMultiInstance(ctx_, node, child, element);
      } else if (local == "standardLoopCharacteristics" && isActivity(kind)) {
        ctx_.error(doc_.locationOf(child), id,
                   "standard loop (bpmn:standardLoopCharacteristics) on " + what +
                       " is not supported; use multi-instance");
      } else if (isEvent(kind) &&
                 (local.ends_with("EventDefinition") || local == "eventDefinitionRef")) {
        if (event_definition_seen) {
          draft.refused_nodes.insert(id);
          ctx_.error(doc_.locationOf(child), id,
                     "multiple event definitions on " + what + " are not supported");
        } else if (!readEventDefinition(ctx_, ids_, node, child, element,
                                        inEventSubProcess(parent, draft))) {
          draft.refused_nodes.insert(id);
        }
        event_definition_seen = true;
      } else if (kind == ElementKind::ScriptTask && local == "script") {
        continue;  // readScriptTask
      } else if (kind == ElementKind::UserTask && local == "rendering") {
        continue;
      } else if (kind == ElementKind::SubProcess && !oneOf(local, kActivityChildren)) {
        continue;  // the inner scope, read below
      } else {
        ctx_.error(doc_.locationOf(child), id,
                   bpmnName(child) + " on " + what + " is not supported");
      }
    }
    if (kind == ElementKind::BoundaryEvent) {
      element.attached_to_id = node.attribute("attachedToRef").value();
      element.cancel_activity =
          std::string_view(node.attribute("cancelActivity").value()) != "false";
    }
    if (kind == ElementKind::StartEvent) {
      element.cancel_activity =
          std::string_view(node.attribute("isInterrupting").value()) != "false";
    }
    if ((kind == ElementKind::IntermediateCatchEvent || kind == ElementKind::BoundaryEvent) &&
        !event_definition_seen) {
      draft.refused_nodes.insert(id);
      ctx_.error(loc, id,
                 what +
                     " has no event definition (a timer, message, signal, error or "
                     "escalation)");
    }
    if (kind == ElementKind::ReceiveTask) {
      element.trigger = model::Trigger::Message;
      if (!readMessageRef(ctx_, ids_, node, node, element, true)) draft.refused_nodes.insert(id);
    }
    if (draft.refused_nodes.contains(id)) return;

    switch (kind) {
      case ElementKind::UserTask:
        readUserTask(ctx_, node, element);
        break;
      case ElementKind::ServiceTask:
        readServiceTask(ctx_, node, element);
        break;
      case ElementKind::ScriptTask:
        readScriptTask(ctx_, node, element);
        break;
      case ElementKind::BusinessRuleTask:
        readBusinessRuleTask(ctx_, node, element);
        break;
      case ElementKind::CallActivity:
        readCallActivity(ctx_, node, element);
        break;
      default:
        break;
    }

    const int index = static_cast<int>(draft.process.elements.size());
    element.index = index;
    draft.process.element_index.emplace(id, index);
    draft.process.elements.push_back(std::move(element));
    draft.sources.push_back(std::move(source));
    if (parent >= 0) draft.process.elements[static_cast<size_t>(parent)].children.push_back(index);
    if (kind == ElementKind::SubProcess) readScope(node, index, draft);
  }

  static bool isEvent(ElementKind kind) {
    return kind == ElementKind::StartEvent || kind == ElementKind::EndEvent ||
           kind == ElementKind::IntermediateCatchEvent ||
           kind == ElementKind::IntermediateThrowEvent || kind == ElementKind::BoundaryEvent;
  }

  static bool inEventSubProcess(int parent, const ProcessDraft& draft) {
    return parent >= 0 && draft.process.elements[static_cast<size_t>(parent)].triggered_by_event;
  }

  ReaderContext& ctx_;
  const XmlDocument& doc_;
  IdTable ids_;
  std::vector<model::Process> processes_;
  bool any_executable_ = false;
};

}  // namespace

ReadResult readBpmn(std::string_view file, std::string_view xml) {
  XmlDocument doc;
  ReaderContext ctx(file, doc);
  ReadResult result;
  if (auto syntax = doc.parse(xml)) {
    ctx.error(syntax->loc, syntax->element_id, syntax->message);
    result.diagnostics = std::move(ctx.diagnostics());
    return result;
  }
  Reader reader(ctx);
  std::vector<model::Process> processes = reader.read();
  result.diagnostics = std::move(ctx.diagnostics());
  if (ctx.errorCount() > 0) return result;
  auto definitions = std::make_shared<model::Definitions>();
  definitions->file = std::string(file);
  definitions->processes = std::move(processes);
  result.definitions = std::move(definitions);
  return result;
}

}  // namespace wf::bpmn
