// Extension attributes and elements of tasks and multi-instance activities:
// hall: (ours), camunda: (Camunda 7 Modeler) and zeebe: (Camunda 8 Modeler),
// so models from either modeler run unchanged. Where several say the same
// thing, hall: wins over zeebe: over camunda:.
#include <cctype>
#include <cstdlib>
#include <regex>
#include <string>

#include "bpmn/reader_context.h"
#include "calendar/timer_cycle.h"

namespace wf::bpmn {
namespace {

std::string trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

std::vector<std::string> splitList(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string item = trim(text.substr(start, comma - start));
    if (!item.empty()) out.push_back(std::move(item));
    start = comma + 1;
  }
  return out;
}

bool isNumber(const std::string& text) {
  if (text.empty()) return false;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

// ISO 8601 durations, plus the working-day designator of hall calendars (P5WD).
bool isIsoDuration(const std::string& text) {
  static const std::regex kDuration(
      R"(-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+WD)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?)");
  return std::regex_match(text, kDuration);
}

// The first extension element `ns:local` inside the BPMN extensionElements
// of `node`.
pugi::xml_node extension(const XmlDocument& doc, pugi::xml_node node, std::string_view ns,
                         std::string_view local) {
  for (pugi::xml_node holder : node.children()) {
    if (!doc.is(holder, kBpmnNs, "extensionElements")) continue;
    for (pugi::xml_node child : holder.children()) {
      if (doc.is(child, ns, local)) return child;
    }
  }
  return {};
}

std::string qualified(std::string_view ns, std::string_view local) {
  std::string prefix = ns == kHallNs ? "hall:" : ns == kCamundaNs ? "camunda:" : "zeebe:";
  return prefix + std::string(local);
}

// Reads one attribute of the given namespaces (in order of precedence).
struct Found {
  pugi::xml_node owner;
  pugi::xml_attribute attr;
  std::string name;  // prefixed as in messages: "hall:priority"
  explicit operator bool() const { return static_cast<bool>(attr); }
};

Found findAttribute(const XmlDocument& doc, pugi::xml_node node,
                    std::initializer_list<std::string_view> namespaces, std::string_view local) {
  for (std::string_view ns : namespaces) {
    if (pugi::xml_attribute attr = doc.attribute(node, ns, local)) {
      return {node, attr, qualified(ns, local)};
    }
  }
  return {};
}

class Extensions {
 public:
  Extensions(ReaderContext& ctx, pugi::xml_node node, model::Element& element)
      : ctx_(ctx),
        doc_(ctx.doc()),
        node_(node),
        element_(element),
        what_(kindPhrase(element.kind) + " '" + element.id + "'") {}

  void userTask() {
    if (Found f = findAttribute(doc_, node_, {kHallNs}, "queue")) {
      if (isExpressionText(f.attr.value())) {
        element_.queue_expr = value(f);
      } else {
        element_.queue = literal(f);
      }
    }
    if (Found f = findAttribute(doc_, node_, {kHallNs}, "calendar")) {
      element_.calendar = literal(f);
    }
    const pugi::xml_node zeebe_assignment =
        extension(doc_, node_, kZeebeNs, "assignmentDefinition");
    if (Found f = findAttribute(doc_, node_, {kHallNs, kCamundaNs}, "candidateGroups")) {
      element_.candidate_groups = splitList(literal(f));
    } else if (pugi::xml_attribute a = zeebe_assignment.attribute("candidateGroups")) {
      element_.candidate_groups =
          splitList(literal({zeebe_assignment, a, "zeebe:candidateGroups"}));
    }
    if (Found f = findAttribute(doc_, node_, {kHallNs, kCamundaNs}, "candidateUsers")) {
      element_.candidate_users = splitList(literal(f));
    } else if (pugi::xml_attribute a = zeebe_assignment.attribute("candidateUsers")) {
      element_.candidate_users = splitList(literal({zeebe_assignment, a, "zeebe:candidateUsers"}));
    }
    if (Found f = findAttribute(doc_, node_, {kHallNs, kCamundaNs}, "assignee")) {
      element_.assignee = value(f);
    } else if (pugi::xml_attribute a = zeebe_assignment.attribute("assignee")) {
      element_.assignee = value({zeebe_assignment, a, "zeebe:assignee"});
    }
    if (Found f = findAttribute(doc_, node_, {kHallNs, kCamundaNs}, "priority")) {
      const LocatedText text = doc_.textOf(f.owner, f.attr);
      if (isExpressionText(text.text) || isNumber(text.text)) {
        element_.priority = ctx_.compile(text, f.name + " of " + what_, element_.id);
      } else {
        ctx_.error(text.loc, element_.id,
                   f.name + " of " + what_ + " must be a number or an expression, not '" +
                       text.text + "'");
      }
    }
    taskTime("dueIn", "dueDate", element_.due, element_.due_is_duration);
    taskTime("followUpIn", "followUpDate", element_.follow_up, element_.follow_up_is_duration);
    if (Found f = findAttribute(doc_, node_, {kHallNs}, "form")) {
      element_.form_key = literal(f);
    } else if (pugi::xml_node form = extension(doc_, node_, kZeebeNs, "formDefinition")) {
      element_.form_key = form.attribute("formKey").value();
    } else if (Found c = findAttribute(doc_, node_, {kCamundaNs}, "formKey")) {
      element_.form_key = literal(c);
    }
  }

  // A time of a user task: hall:<in> (a duration from creation, working
  // days allowed), or camunda:<date> / zeebe:taskSchedule <date> (a date-time).
  void taskTime(const char* in, const char* date, std::optional<expr::Expression>& out,
                bool& is_duration) {
    if (Found f = findAttribute(doc_, node_, {kHallNs}, in)) {
      const LocatedText text = doc_.textOf(f.owner, f.attr);
      is_duration = true;
      if (isExpressionText(text.text)) {
        out = ctx_.compile(text, f.name + " of " + what_, element_.id);
      } else if (isIsoDuration(text.text)) {
        out = ctx_.compileValue(text, f.name + " of " + what_, element_.id);
      } else {
        ctx_.error(text.loc, element_.id,
                   f.name + " of " + what_ + " is not an ISO 8601 duration (like P5D): '" +
                       text.text + "'");
      }
    } else if (Found c = findAttribute(doc_, node_, {kCamundaNs}, date)) {
      out = value(c);
    } else if (pugi::xml_node schedule = extension(doc_, node_, kZeebeNs, "taskSchedule")) {
      if (pugi::xml_attribute a = schedule.attribute(date)) {
        out = value({schedule, a, "zeebe:" + std::string(date)});
      }
    }
  }

  void serviceTask() {
    for (std::string_view local : {"class", "delegateExpression", "expression"}) {
      if (Found f = findAttribute(doc_, node_, {kCamundaNs}, local)) {
        ctx_.error(
            doc_.locationOf(node_, f.attr), element_.id,
            f.name + " on " + what_ + " is not supported; name a connector with hall:connector");
        return;
      }
    }
    const pugi::xml_node zeebe_task = extension(doc_, node_, kZeebeNs, "taskDefinition");
    if (Found f = findAttribute(doc_, node_, {kHallNs}, "connector")) {
      element_.connector_type = literal(f);
    } else if (zeebe_task) {
      if (pugi::xml_attribute type = zeebe_task.attribute("type")) {
        element_.connector_type = literal({zeebe_task, type, "zeebe:taskDefinition type"});
      }
      if (pugi::xml_attribute retries = zeebe_task.attribute("retries")) {
        readRetries({zeebe_task, retries, "zeebe:taskDefinition retries"});
      }
    } else if (Found type = findAttribute(doc_, node_, {kCamundaNs}, "type")) {
      if (std::string_view(type.attr.value()) != "external") {
        ctx_.error(doc_.locationOf(node_, type.attr), element_.id,
                   "camunda:type=\"" + std::string(type.attr.value()) + "\" on " + what_ +
                       " is not supported (only \"external\" with camunda:topic)");
        return;
      }
      if (Found topic = findAttribute(doc_, node_, {kCamundaNs}, "topic")) {
        element_.connector_type = literal(topic);
      }
    }
    if (Found f = findAttribute(doc_, node_, {kHallNs}, "retries")) readRetries(f);
    if (element_.connector_type.empty()) {
      ctx_.error(element_.loc, element_.id,
                 what_ +
                     " has no connector type (set hall:connector, camunda:topic or "
                     "zeebe:taskDefinition type)");
    }
  }

  void scriptTask() {
    if (pugi::xml_attribute format = node_.attribute("scriptFormat")) {
      std::string lower = trim(format.value());
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower != "feel" && lower != "text/x-feel") {
        ctx_.error(doc_.locationOf(node_, format), element_.id,
                   "script format '" + std::string(format.value()) + "' of " + what_ +
                       " is not supported (only FEEL)");
        return;
      }
    }
    const pugi::xml_node zeebe_script = extension(doc_, node_, kZeebeNs, "script");
    pugi::xml_node script;
    for (pugi::xml_node child : node_.children()) {
      if (doc_.is(child, kBpmnNs, "script")) script = child;
    }
    if (script && !doc_.textOf(script).text.empty()) {
      element_.script = ctx_.compile(doc_.textOf(script), "script of " + what_, element_.id);
    } else if (pugi::xml_attribute expression = zeebe_script.attribute("expression")) {
      element_.script = ctx_.compile(doc_.textOf(zeebe_script, expression),
                                     "zeebe:script expression of " + what_, element_.id);
    } else {
      ctx_.error(element_.loc, element_.id, what_ + " has no script");
    }
    if (Found f = findAttribute(doc_, node_, {kHallNs, kCamundaNs}, "resultVariable")) {
      element_.result_variable = literal(f);
    } else if (pugi::xml_attribute result = zeebe_script.attribute("resultVariable")) {
      element_.result_variable = result.value();
    }
  }

  // The decision comes from hall:decision, camunda:decisionRef or
  // zeebe:calledDecision; its result must go somewhere, so a result
  // variable is required.
  void businessRuleTask() {
    const pugi::xml_node zeebe_called = extension(doc_, node_, kZeebeNs, "calledDecision");
    if (Found f = findAttribute(doc_, node_, {kHallNs}, "decision")) {
      element_.decision_ref = literal(f);
    } else if (Found c = findAttribute(doc_, node_, {kCamundaNs}, "decisionRef")) {
      element_.decision_ref = literal(c);
    } else if (pugi::xml_attribute z = zeebe_called.attribute("decisionId")) {
      element_.decision_ref = trim(z.value());
    }
    if (Found f = findAttribute(doc_, node_, {kHallNs, kCamundaNs}, "resultVariable")) {
      element_.result_variable = literal(f);
    } else if (pugi::xml_attribute z = zeebe_called.attribute("resultVariable")) {
      element_.result_variable = trim(z.value());
    }
    if (element_.decision_ref.empty()) {
      ctx_.error(element_.loc, element_.id,
                 what_ +
                     " names no decision (set hall:decision, camunda:decisionRef or "
                     "zeebe:calledDecision decisionId)");
    } else if (element_.decision_ref.front() == '=' || element_.decision_ref.rfind("${", 0) == 0) {
      ctx_.error(element_.loc, element_.id,
                 what_ + " names its decision by an expression, which is not supported");
    }
    if (element_.result_variable.empty()) {
      ctx_.error(element_.loc, element_.id,
                 what_ +
                     " has no result variable (set hall:resultVariable, "
                     "camunda:resultVariable or zeebe:calledDecision resultVariable)");
    }
  }

  // An intermediate timer: timeDuration (from now; working days with
  // hall:calendar) or timeDate, each a literal or an expression.
  void timer(pugi::xml_node definition) {
    if (Found f = findAttribute(doc_, node_, {kHallNs}, "calendar")) {
      element_.calendar = literal(f);
    }
    // A timer's value is an expression of the definitions' language; the
    // engine runs FEEL (the default when none is declared) only.
    const std::string_view language = doc_.root().attribute("expressionLanguage").value();
    if (!language.empty() && language.find("FEEL") == std::string_view::npos &&
        language.find("feel") == std::string_view::npos) {
      ctx_.error(element_.loc, element_.id,
                 "the timer of " + what_ + " is written in " + std::string(language) +
                     " (the definitions' expressionLanguage), which the engine does not run; "
                     "only FEEL is supported");
      return;
    }
    bool found = false;
    for (pugi::xml_node child : definition.children()) {
      if (child.type() != pugi::node_element || doc_.namespaceOf(child) != kBpmnNs) continue;
      const std::string_view local = XmlDocument::localName(child);
      const LocatedText text = doc_.textOf(child);
      if (local == "timeCycle") {
        found = true;
        timeCycle(text);
        continue;
      }
      if (local != "timeDuration" && local != "timeDate") continue;
      found = true;
      element_.due_is_duration = local == "timeDuration";
      const std::string what = "bpmn:" + std::string(local) + " of " + what_;
      if (isExpressionText(text.text)) {
        element_.due = ctx_.compile(text, what, element_.id);
      } else if (element_.due_is_duration ? isIsoDuration(text.text)
                                          : (parseDateTime(text.text) || parseDate(text.text))) {
        element_.due = ctx_.compileValue(text, what, element_.id);
      } else {
        ctx_.error(text.loc, element_.id,
                   what + " is not an ISO 8601 " +
                       (element_.due_is_duration ? "duration (like PT1H or P5WD)"
                                                 : "date-time (like 2026-10-08T09:00:00+08:00)") +
                       ": '" + text.text + "'");
      }
    }
    if (!found) {
      ctx_.error(element_.loc, element_.id,
                 what_ + " has a timer with no timeDuration, timeDate or timeCycle");
    }
  }

  // A repeating timer: on a start event (of the process or of a
  // non-interrupting event sub-process) and on a non-interrupting boundary
  // event, whose repeated firing makes sense.
  void timeCycle(const LocatedText& text) {
    const bool repeats_ok =
        element_.kind == model::ElementKind::StartEvent ||
        (element_.kind == model::ElementKind::BoundaryEvent &&
         std::string_view(node_.attribute("cancelActivity").value()) == "false");
    if (!repeats_ok) {
      ctx_.error(text.loc, element_.id,
                 "timeCycle on " + what_ +
                     " is not supported (only on start events and non-interrupting boundary "
                     "events; use timeDuration or timeDate)");
      return;
    }
    const std::string what = "bpmn:timeCycle of " + what_;
    if (isExpressionText(text.text)) {
      element_.cycle = ctx_.compile(text, what, element_.id);
    } else if (calendar::parseTimerCycle(text.text)) {
      element_.cycle = ctx_.compileValue(text, what, element_.id);
    } else {
      ctx_.error(text.loc, element_.id,
                 what +
                     " is not an ISO 8601 repeating interval (like R/PT1H, R3/PT10M or "
                     "R/2026-01-01T08:30:00+08:00/P1D): '" +
                     text.text + "'");
    }
  }

  // The called process: bpmn calledElement or zeebe:calledElement processId;
  // which version: camunda:calledElementBinding (latest, deployment,
  // version with camunda:calledElementVersion) or zeebe bindingType. In and
  // out mappings: camunda:in/out (source or sourceExpression to target, or
  // variables="all"), or zeebe:ioMapping input/output; zeebe propagates all
  // variables both ways unless told not to, as Camunda 8 does.
  void callActivity() {
    const pugi::xml_node zeebe_called = extension(doc_, node_, kZeebeNs, "calledElement");
    element_.called_element = trim(node_.attribute("calledElement").value());
    if (element_.called_element.empty()) {
      element_.called_element = trim(zeebe_called.attribute("processId").value());
    }
    if (element_.called_element.empty()) {
      ctx_.error(element_.loc, element_.id,
                 what_ + " names no process (set calledElement or zeebe:calledElement processId)");
    } else if (isExpressionText(element_.called_element)) {
      ctx_.error(element_.loc, element_.id,
                 what_ + " names its process by an expression, which is not supported");
    }
    if (Found f = findAttribute(doc_, node_, {kCamundaNs}, "calledElementBinding")) {
      element_.binding = literal(f);
    } else if (pugi::xml_attribute b = zeebe_called.attribute("bindingType")) {
      element_.binding = trim(b.value());
    }
    if (element_.binding != "latest" && element_.binding != "deployment" &&
        element_.binding != "version") {
      ctx_.error(element_.loc, element_.id,
                 "binding '" + element_.binding + "' of " + what_ +
                     " is not supported (latest, deployment or version)");
    }
    if (element_.binding == "version") {
      Found v = findAttribute(doc_, node_, {kCamundaNs}, "calledElementVersion");
      const std::string text = v ? trim(v.attr.value()) : std::string();
      char* end = nullptr;
      const long version = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || end != text.c_str() + text.size() || version < 1) {
        ctx_.error(element_.loc, element_.id,
                   what_ +
                       " binds a version but camunda:calledElementVersion is not a version "
                       "number: '" +
                       text + "'");
      } else {
        element_.called_version = static_cast<int>(version);
      }
    }
    if (zeebe_called) {
      element_.pass_all_in =
          std::string_view(zeebe_called.attribute("propagateAllParentVariables").value()) !=
          "false";
      element_.pass_all_out =
          std::string_view(zeebe_called.attribute("propagateAllChildVariables").value()) != "false";
    }
    for (pugi::xml_node holder : node_.children()) {
      if (!doc_.is(holder, kBpmnNs, "extensionElements")) continue;
      for (pugi::xml_node child : holder.children()) {
        if (doc_.is(child, kCamundaNs, "in") || doc_.is(child, kCamundaNs, "out")) {
          camundaMapping(child, doc_.is(child, kCamundaNs, "in"));
        } else if (doc_.is(child, kZeebeNs, "ioMapping")) {
          for (pugi::xml_node m : child.children()) {
            const bool in = doc_.is(m, kZeebeNs, "input");
            if (in || doc_.is(m, kZeebeNs, "output")) zeebeMapping(m, in);
          }
        }
      }
    }
  }

  void multiInstance(pugi::xml_node loop) {
    const std::string mi_what = "multi-instance of " + what_;
    model::MultiInstance mi;
    mi.sequential = std::string_view(loop.attribute("isSequential").value()) == "true";
    const std::string_view behavior = loop.attribute("behavior").value();
    if (behavior == "Complex" || behavior == "One") {
      ctx_.error(doc_.locationOf(loop, loop.attribute("behavior")), element_.id,
                 "behavior=\"" + std::string(behavior) + "\" on " + mi_what +
                     " is not supported (events are not thrown per instance)");
    }
    for (pugi::xml_node child : loop.children()) {
      if (child.type() != pugi::node_element || doc_.namespaceOf(child) != kBpmnNs) continue;
      const std::string_view local = XmlDocument::localName(child);
      if (local == "loopCardinality") {
        mi.loop_cardinality =
            ctx_.compile(doc_.textOf(child), "loop cardinality of " + what_, element_.id);
        if (!mi.loop_cardinality) return;
      } else if (local == "completionCondition") {
        mi.completion_condition =
            ctx_.compile(doc_.textOf(child), "completion condition of " + what_, element_.id);
        if (!mi.completion_condition) return;
      } else if (local != "documentation" && local != "extensionElements") {
        ctx_.error(doc_.locationOf(child), element_.id,
                   "bpmn:" + std::string(local) + " in " + mi_what +
                       " is not supported (use hall:collection or zeebe:loopCharacteristics)");
        return;
      }
    }

    bool has_collection = false;
    const pugi::xml_node zeebe_loop = extension(doc_, loop, kZeebeNs, "loopCharacteristics");
    Found collection = findAttribute(doc_, loop, {kHallNs, kCamundaNs}, "collection");
    if (!collection) collection = findAttribute(doc_, node_, {kHallNs, kCamundaNs}, "collection");
    if (collection) {
      has_collection = true;
      // A bare name is a variable; FEEL reads a bare name as that variable.
      mi.input_collection = ctx_.compile(doc_.textOf(collection.owner, collection.attr),
                                         collection.name + " of " + mi_what, element_.id);
      if (!mi.input_collection) return;
      Found variable = findAttribute(doc_, loop, {kHallNs, kCamundaNs}, "elementVariable");
      if (!variable)
        variable = findAttribute(doc_, node_, {kHallNs, kCamundaNs}, "elementVariable");
      if (variable) mi.input_element = literal(variable);
    } else if (pugi::xml_attribute input = zeebe_loop.attribute("inputCollection")) {
      has_collection = true;
      mi.input_collection =
          ctx_.compile(doc_.textOf(zeebe_loop, input),
                       "zeebe:loopCharacteristics inputCollection of " + mi_what, element_.id);
      if (!mi.input_collection) return;
      mi.input_element = zeebe_loop.attribute("inputElement").value();
    }
    if (zeebe_loop) {
      mi.output_collection = zeebe_loop.attribute("outputCollection").value();
      if (pugi::xml_attribute output = zeebe_loop.attribute("outputElement")) {
        mi.output_element =
            ctx_.compile(doc_.textOf(zeebe_loop, output),
                         "zeebe:loopCharacteristics outputElement of " + mi_what, element_.id);
        if (!mi.output_element) return;
      }
    }
    if (!has_collection && !mi.loop_cardinality) {
      ctx_.error(doc_.locationOf(loop), element_.id,
                 mi_what + " has neither a collection nor a loop cardinality");
      return;
    }
    element_.multi_instance = std::move(mi);
  }

 private:
  void camundaMapping(pugi::xml_node m, bool in) {
    const std::string tag = in ? "camunda:in" : "camunda:out";
    if (std::string_view(m.attribute("variables").value()) == "all") {
      (in ? element_.pass_all_in : element_.pass_all_out) = true;
      return;
    }
    const std::string target = trim(m.attribute("target").value());
    std::optional<expr::Expression> source;
    if (pugi::xml_attribute a = m.attribute("sourceExpression")) {
      source = ctx_.compile(doc_.textOf(m, a), tag + " sourceExpression of " + what_, element_.id);
    } else if (pugi::xml_attribute b = m.attribute("source")) {
      source = ctx_.compile(doc_.textOf(m, b), tag + " source of " + what_, element_.id);
    } else {
      ctx_.error(doc_.locationOf(m), element_.id, tag + " of " + what_ + " has no source");
      return;
    }
    addMapping(m, std::move(source), target, in, tag);
  }

  void zeebeMapping(pugi::xml_node m, bool in) {
    const std::string tag = in ? "zeebe:input" : "zeebe:output";
    const pugi::xml_attribute a = m.attribute("source");
    if (!a) {
      ctx_.error(doc_.locationOf(m), element_.id, tag + " of " + what_ + " has no source");
      return;
    }
    std::optional<expr::Expression> source =
        ctx_.compileValue(doc_.textOf(m, a), tag + " source of " + what_, element_.id);
    addMapping(m, std::move(source), trim(m.attribute("target").value()), in, tag);
  }

  void addMapping(pugi::xml_node m, std::optional<expr::Expression> source,
                  const std::string& target, bool in, const std::string& tag) {
    if (target.empty()) {
      ctx_.error(doc_.locationOf(m), element_.id, tag + " of " + what_ + " has no target");
      return;
    }
    if (!source) return;  // reported by compile
    (in ? element_.inputs : element_.outputs).push_back({std::move(*source), target});
  }

  // A plain string setting; expressions are not evaluated for these.
  std::string literal(const Found& f) {
    const LocatedText text = doc_.textOf(f.owner, f.attr);
    if (isExpressionText(text.text)) {
      ctx_.error(text.loc, element_.id,
                 f.name + " of " + what_ + " must be a literal, not an expression");
      return {};
    }
    return text.text;
  }

  std::optional<expr::Expression> value(const Found& f) {
    return ctx_.compileValue(doc_.textOf(f.owner, f.attr), f.name + " of " + what_, element_.id);
  }

  void readRetries(const Found& f) {
    const std::string text = trim(f.attr.value());
    char* end = nullptr;
    const long retries = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || end != text.c_str() + text.size() || retries < 0 || retries > 1000) {
      ctx_.error(
          doc_.locationOf(f.owner, f.attr), element_.id,
          f.name + " of " + what_ + " must be a whole number from 0 to 1000, not '" + text + "'");
      return;
    }
    element_.retries = static_cast<int>(retries);
  }

  ReaderContext& ctx_;
  const XmlDocument& doc_;
  pugi::xml_node node_;
  model::Element& element_;
  std::string what_;
};

}  // namespace

void readUserTask(ReaderContext& ctx, pugi::xml_node node, model::Element& element) {
  Extensions(ctx, node, element).userTask();
}

void readServiceTask(ReaderContext& ctx, pugi::xml_node node, model::Element& element) {
  Extensions(ctx, node, element).serviceTask();
}

void readScriptTask(ReaderContext& ctx, pugi::xml_node node, model::Element& element) {
  Extensions(ctx, node, element).scriptTask();
}

void readBusinessRuleTask(ReaderContext& ctx, pugi::xml_node node, model::Element& element) {
  Extensions(ctx, node, element).businessRuleTask();
}

void readTimer(ReaderContext& ctx, pugi::xml_node node, pugi::xml_node definition,
               model::Element& element) {
  Extensions(ctx, node, element).timer(definition);
}

void readCallActivity(ReaderContext& ctx, pugi::xml_node node, model::Element& element) {
  Extensions(ctx, node, element).callActivity();
}

void readMultiInstance(ReaderContext& ctx, pugi::xml_node activity, pugi::xml_node loop,
                       model::Element& element) {
  Extensions(ctx, activity, element).multiInstance(loop);
}

}  // namespace wf::bpmn
