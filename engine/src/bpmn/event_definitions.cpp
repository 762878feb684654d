// Event definitions: what an event catches or throws. Each event kind runs
// only the triggers that make sense for it; the rest are refused at deploy
// with the place, never skipped at run time.
//
// Names come from the definitions' root elements: a message's or signal's
// name (its id when unnamed), an error's errorCode, an escalation's
// escalationCode. A message catch needs a correlation key (hall:correlationKey
// on the event, or zeebe:subscription correlationKey on the message); only a
// process-level message start event, which creates the instance, has none.
#include <array>
#include <string>

#include "bpmn/reader_context.h"

namespace wf::bpmn {
namespace {

using model::ElementKind;
using model::Trigger;

struct TriggerName {
  std::string_view local;
  Trigger trigger;
};

constexpr std::array<TriggerName, 6> kTriggers = {{
    {"timerEventDefinition", Trigger::Timer},
    {"messageEventDefinition", Trigger::Message},
    {"signalEventDefinition", Trigger::Signal},
    {"errorEventDefinition", Trigger::Error},
    {"escalationEventDefinition", Trigger::Escalation},
    {"terminateEventDefinition", Trigger::Terminate},
}};

bool allowed(ElementKind kind, Trigger t, bool in_event_subprocess) {
  switch (kind) {
    case ElementKind::StartEvent:
      return t == Trigger::Timer || t == Trigger::Message || t == Trigger::Signal ||
             (in_event_subprocess && (t == Trigger::Error || t == Trigger::Escalation));
    case ElementKind::EndEvent:
      return t == Trigger::Terminate || t == Trigger::Error || t == Trigger::Escalation ||
             t == Trigger::Signal || t == Trigger::Message;
    case ElementKind::IntermediateCatchEvent:
      return t == Trigger::Timer || t == Trigger::Message || t == Trigger::Signal;
    case ElementKind::IntermediateThrowEvent:
      return t == Trigger::Signal || t == Trigger::Escalation || t == Trigger::Message;
    case ElementKind::BoundaryEvent:
      return t == Trigger::Timer || t == Trigger::Message || t == Trigger::Signal ||
             t == Trigger::Error || t == Trigger::Escalation;
    default:
      return false;
  }
}

bool throws(ElementKind kind) {
  return kind == ElementKind::EndEvent || kind == ElementKind::IntermediateThrowEvent;
}

// The root element a definition refers to by `attr`, or an empty node.
pugi::xml_node referenced(const IdTable& ids, pugi::xml_node definition, const char* attr) {
  const std::string ref = definition.attribute(attr).value();
  if (ref.empty()) return {};
  auto it = ids.find(ref);
  return it == ids.end() ? pugi::xml_node() : it->second;
}

// The bpmn:<kind> root element that `holder`'s `attr` names, and its name
// (its id when unnamed) in `name`; an empty node after reporting a missing
// reference (a reference to something else is the document checks' to report).
pugi::xml_node namedRoot(ReaderContext& ctx, const IdTable& ids, pugi::xml_node holder,
                         const char* attr, const char* kind, const std::string& what,
                         model::Element& element) {
  const XmlDocument& doc = ctx.doc();
  const pugi::xml_node root = referenced(ids, holder, attr);
  if (!root || !doc.is(root, kBpmnNs, kind)) {
    if (!holder.attribute(attr)) {
      ctx.error(doc.locationOf(holder), element.id, what + " names no " + kind + " (" + attr + ")");
    }
    return {};
  }
  element.event_name = root.attribute("name").value();
  if (element.event_name.empty()) element.event_name = root.attribute("id").value();
  return root;
}

}  // namespace

bool readMessageRef(ReaderContext& ctx, const IdTable& ids, pugi::xml_node node,
                    pugi::xml_node holder, model::Element& element, bool needs_key) {
  const XmlDocument& doc = ctx.doc();
  const std::string what = kindPhrase(element.kind) + " '" + element.id + "'";
  const pugi::xml_node message =
      namedRoot(ctx, ids, holder, "messageRef", "message", what, element);
  if (!message) return false;
  // A message that carries an item reaches the process through the event's
  // data output (or leaves through its data input), which must name it.
  if (const pugi::xml_attribute item = message.attribute("itemRef")) {
    const bool sends = element.kind == ElementKind::IntermediateThrowEvent ||
                       element.kind == ElementKind::EndEvent;
    const char* port = sends ? "dataInput" : "dataOutput";
    bool carried = false;
    for (pugi::xml_node child : node.children()) {
      if (doc.is(child, kBpmnNs, port) &&
          std::string_view(child.attribute("itemSubjectRef").value()) == item.value()) {
        carried = true;
      }
    }
    if (!carried) {
      ctx.error(doc.locationOf(holder), element.id,
                what + (sends ? " sends" : " receives") + " message '" +
                    std::string(message.attribute("id").value()) + "' of item '" + item.value() +
                    "' but has no bpmn:" + port + " for it");
      return false;
    }
  }
  if (isExpressionText(element.event_name)) {
    ctx.error(doc.locationOf(message), element.id,
              "the name of message '" + std::string(message.attribute("id").value()) +
                  "' is an expression, which is not supported");
    return false;
  }
  if (!needs_key) return true;
  LocatedText key;
  if (pugi::xml_attribute a = doc.attribute(node, kHallNs, "correlationKey")) {
    key = doc.textOf(node, a);
  } else {
    for (pugi::xml_node holder_ext : message.children()) {
      if (!doc.is(holder_ext, kBpmnNs, "extensionElements")) continue;
      for (pugi::xml_node sub : holder_ext.children()) {
        if (!doc.is(sub, kZeebeNs, "subscription")) continue;
        if (pugi::xml_attribute a = sub.attribute("correlationKey")) key = doc.textOf(sub, a);
      }
    }
  }
  if (key.text.empty()) {
    ctx.error(element.loc, element.id,
              what +
                  " has no correlation key (set hall:correlationKey, or zeebe:subscription "
                  "correlationKey on message '" +
                  std::string(message.attribute("id").value()) + "')");
    return false;
  }
  // `=caseCode` and a bare `caseCode` both name the variable.
  element.correlation_key = ctx.compile(key, "correlation key of " + what, element.id);
  return element.correlation_key.has_value();
}

bool readEventDefinition(ReaderContext& ctx, const IdTable& ids, pugi::xml_node node,
                         pugi::xml_node definition, model::Element& element,
                         bool in_event_subprocess) {
  const XmlDocument& doc = ctx.doc();
  const std::string what = kindPhrase(element.kind) + " '" + element.id + "'";
  const std::string_view local = XmlDocument::localName(definition);
  Trigger trigger = Trigger::None;
  for (const TriggerName& t : kTriggers) {
    if (t.local == local) trigger = t.trigger;
  }
  if (trigger == Trigger::None || !allowed(element.kind, trigger, in_event_subprocess)) {
    ctx.error(doc.locationOf(definition), element.id,
              what + " with bpmn:" + std::string(local) + " is not supported");
    return false;
  }
  element.trigger = trigger;
  switch (trigger) {
    case Trigger::Timer:
      readTimer(ctx, node, definition, element);
      return true;
    case Trigger::Message: {
      const bool catches = !throws(element.kind);
      // A process-level message start creates its instance: nothing to
      // correlate with yet.
      const bool needs_key =
          catches && !(element.kind == ElementKind::StartEvent && element.parent < 0);
      if (!readMessageRef(ctx, ids, node, definition, element, needs_key)) return false;
      // Sending a message is the work of a connector, like a service task.
      if (!catches) readServiceTask(ctx, node, element);
      return true;
    }
    case Trigger::Signal:
      return static_cast<bool>(
          namedRoot(ctx, ids, definition, "signalRef", "signal", what, element));
    case Trigger::Error:
    case Trigger::Escalation: {
      const bool error = trigger == Trigger::Error;
      const pugi::xml_node ref = referenced(ids, definition, error ? "errorRef" : "escalationRef");
      if (ref && doc.is(ref, kBpmnNs, error ? "error" : "escalation")) {
        element.event_name = ref.attribute(error ? "errorCode" : "escalationCode").value();
      }
      if (throws(element.kind) && element.event_name.empty()) {
        ctx.error(doc.locationOf(definition), element.id,
                  what + " throws " + (error ? "an error" : "an escalation") + " without a " +
                      (error ? "code (errorRef to a bpmn:error with errorCode)"
                             : "code (escalationRef to a bpmn:escalation with escalationCode)"));
        return false;
      }
      if (error && element.kind == ElementKind::BoundaryEvent &&
          std::string_view(node.attribute("cancelActivity").value()) == "false") {
        ctx.error(doc.locationOf(node), element.id,
                  "error boundary event '" + element.id + "' must interrupt its activity");
        return false;
      }
      return true;
    }
    case Trigger::Terminate:
    case Trigger::None:
      return true;
  }
  return true;
}

}  // namespace wf::bpmn
