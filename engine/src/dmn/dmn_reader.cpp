// DMN XML → DmnModel. One pass collects the ids and names of the
// definitions' children (decisions may require decisions declared after
// them), a second reads each decision with its expressions compiled against
// the names in the model, and a last one orders the requirement graph.
#include "dmn/dmn_reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include "wf/xml_document.h"

namespace wf::dmn {

const char* hitPolicyName(HitPolicy policy) {
  switch (policy) {
    case HitPolicy::Unique:
      return "UNIQUE";
    case HitPolicy::Any:
      return "ANY";
    case HitPolicy::Priority:
      return "PRIORITY";
    case HitPolicy::First:
      return "FIRST";
    case HitPolicy::Collect:
      return "COLLECT";
    case HitPolicy::RuleOrder:
      return "RULE ORDER";
    case HitPolicy::OutputOrder:
      return "OUTPUT ORDER";
  }
  return "?";
}

const char* aggregationName(Aggregation aggregation) {
  switch (aggregation) {
    case Aggregation::None:
      return "none";
    case Aggregation::Sum:
      return "SUM";
    case Aggregation::Min:
      return "MIN";
    case Aggregation::Max:
      return "MAX";
    case Aggregation::Count:
      return "COUNT";
  }
  return "?";
}

const Decision* DmnModel::findDecision(std::string_view id_or_name) const {
  for (const Decision& d : decisions) {
    if (d.id == id_or_name) {
      return &d;
    }
  }
  for (const Decision& d : decisions) {
    if (d.name == id_or_name) {
      return &d;
    }
  }
  return nullptr;
}

const InputData* DmnModel::findInput(std::string_view id_or_name) const {
  for (const InputData& i : inputs) {
    if (i.id == id_or_name) {
      return &i;
    }
  }
  for (const InputData& i : inputs) {
    if (i.name == id_or_name) {
      return &i;
    }
  }
  return nullptr;
}

namespace {

using xml::LocatedText;
using xml::XmlDocument;

// DMN 1.1 (as Camunda 7 writes it), 1.2, 1.3, 1.4 and 1.5.
constexpr std::array<std::string_view, 5> kDmnNamespaces = {
    "http://www.omg.org/spec/DMN/20151101/dmn.xsd", "http://www.omg.org/spec/DMN/20180521/MODEL/",
    "https://www.omg.org/spec/DMN/20191111/MODEL/", "https://www.omg.org/spec/DMN/20211108/MODEL/",
    "https://www.omg.org/spec/DMN/20230324/MODEL/",
};

// Children of definitions that describe the decisions but do not take part
// in evaluating them.
constexpr std::array<std::string_view, 9> kInertRootElements = {
    "description",     "extensionElements",    "textAnnotation",   "association",      "group",
    "knowledgeSource", "performanceIndicator", "organizationUnit", "elementCollection"};

// Children of a decision that document it.
constexpr std::array<std::string_view, 11> kInertDecisionElements = {"description",
                                                                     "extensionElements",
                                                                     "question",
                                                                     "allowedAnswers",
                                                                     "authorityRequirement",
                                                                     "supportedObjective",
                                                                     "impactedPerformanceIndicator",
                                                                     "decisionMaker",
                                                                     "decisionOwner",
                                                                     "usingProcess",
                                                                     "usingTask"};

// Boxed expressions other than decision tables and literal expressions.
constexpr std::array<std::string_view, 10> kUnsupportedExpressions = {
    "context",     "invocation", "relation", "list", "functionDefinition",
    "conditional", "for",        "every",    "some", "filter"};

template <size_t N>
bool oneOf(std::string_view word, const std::array<std::string_view, N>& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// What a definitions-level id names.
struct Target {
  enum Kind { Decision, Input } kind;
  size_t index;
};

class Reader {
 public:
  Reader(std::string_view file, const XmlDocument& doc) : file_(file), doc_(doc) {}

  ReadDmnResult read() {
    const pugi::xml_node root = doc_.root();
    const std::string root_ns = doc_.namespaceOf(root);
    if (XmlDocument::localName(root) != "definitions" || !oneOf(root_ns, kDmnNamespaces)) {
      error(doc_.locationOf(root), "",
            "not a DMN model: the root element is <" + std::string(root.name()) +
                "> in namespace '" + root_ns + "', expected DMN 1.1 to 1.5 <definitions>");
      return finish();
    }
    ns_ = root_ns;
    model_->file = file_;
    model_->id = root.attribute("id").value();
    model_->name = root.attribute("name").value();
    model_->name_space = root.attribute("namespace").value();
    checkLanguage(root, "expressionLanguage", model_->id);

    collect(root);
    for (size_t i = 0; i < decision_nodes_.size(); ++i) {
      readDecision(decision_nodes_[i], model_->decisions[i]);
    }
    orderRequirements();
    return finish();
  }

 private:
  // ---- diagnostics ----

  void error(SourceLocation loc, std::string id, std::string message) {
    ++errors_;
    diagnostics_.push_back(Diagnostic{file_, loc.line, loc.column, Severity::Error, std::move(id),
                                      std::move(message)});
  }
  void warning(SourceLocation loc, std::string id, std::string message) {
    diagnostics_.push_back(Diagnostic{file_, loc.line, loc.column, Severity::Warning, std::move(id),
                                      std::move(message)});
  }

  ReadDmnResult finish() {
    ReadDmnResult out;
    out.diagnostics = std::move(diagnostics_);
    if (errors_ == 0) {
      out.model = std::move(model_);
    }
    return out;
  }

  // ---- XML helpers ----

  bool isDmn(pugi::xml_node node) const {
    return node.type() == pugi::node_element && doc_.namespaceOf(node) == ns_;
  }
  bool is(pugi::xml_node node, std::string_view local) const {
    return isDmn(node) && XmlDocument::localName(node) == local;
  }
  pugi::xml_node child(pugi::xml_node parent, std::string_view local) const {
    for (pugi::xml_node c : parent.children()) {
      if (is(c, local)) {
        return c;
      }
    }
    return {};
  }
  SourceLocation loc(pugi::xml_node node) const { return doc_.locationOf(node); }

  // The id of the nearest element that has one, for diagnostics about
  // elements (such as <text>) that have none.
  static std::string idOf(pugi::xml_node node) {
    for (; node; node = node.parent()) {
      if (const char* id = node.attribute("id").value(); *id != '\0') {
        return id;
      }
    }
    return "";
  }

  // Only FEEL (and the JUEL `${...}` dialect Camunda 7 tables use) is
  // evaluated; a table written in another language is refused, not misread.
  bool checkLanguage(pugi::xml_node node, const char* attribute, const std::string& id) {
    const pugi::xml_attribute attr = node.attribute(attribute);
    if (!attr) {
      return true;
    }
    const std::string language = lower(attr.value());
    if (language.empty() || language.find("feel") != std::string::npos || language == "juel") {
      return true;
    }
    error(doc_.locationOf(node, attr), id,
          std::string(attribute) + " '" + attr.value() + "' is not supported (only FEEL)");
    return false;
  }

  // ---- pass 1: ids, names, input data, item definitions ----

  void collect(pugi::xml_node root) {
    for (pugi::xml_node node : root.children()) {
      if (!isDmn(node)) continue;  // DMNDI and other extensions
      const std::string_view local = XmlDocument::localName(node);
      const std::string id = node.attribute("id").value();
      if (local == "decision" || local == "inputData") {
        if (!registerNamed(node, id)) {
          continue;
        }
        if (local == "decision") {
          targets_.emplace(id, Target{Target::Decision, model_->decisions.size()});
          Decision d;
          d.id = id;
          d.name = node.attribute("name").value();
          d.loc = loc(node);
          model_->decisions.push_back(std::move(d));
          decision_nodes_.push_back(node);
        } else {
          targets_.emplace(id, Target{Target::Input, model_->inputs.size()});
          InputData input;
          input.id = id;
          input.name = node.attribute("name").value();
          input.type_ref = child(node, "variable").attribute("typeRef").value();
          model_->inputs.push_back(std::move(input));
        }
      } else if (local == "itemDefinition") {
        model_->item_definitions.push_back(readItemDefinition(node));
      } else if (local == "businessKnowledgeModel" || local == "decisionService" ||
                 local == "import") {
        error(loc(node), id, "<" + std::string(local) + "> is not supported");
      } else if (!oneOf(local, kInertRootElements)) {
        error(loc(node), id, "unexpected element <" + std::string(local) + "> in definitions");
      }
    }
  }

  // Checks the id and name of a decision or input data; false when the
  // element cannot be referred to and is left out.
  bool registerNamed(pugi::xml_node node, const std::string& id) {
    const std::string_view local = XmlDocument::localName(node);
    if (id.empty()) {
      error(loc(node), "", "<" + std::string(local) + "> has no id");
      return false;
    }
    if (targets_.count(id) != 0) {
      error(loc(node), id, "duplicate id '" + id + "'");
      return false;
    }
    const std::string name = node.attribute("name").value();
    if (name.empty()) {
      error(loc(node), id, "<" + std::string(local) + "> has no name");
      return true;
    }
    if (auto [it, fresh] = names_.emplace(name, id); !fresh) {
      error(loc(node), id,
            "name '" + name + "' is already used by '" + it->second +
                "'; decision and input data names are variables and must be unique");
    }
    if (name.find(' ') != std::string::npos) {
      names_with_spaces_.push_back(name);
    }
    return true;
  }

  ItemDefinition readItemDefinition(pugi::xml_node node) {
    ItemDefinition item;
    item.name = node.attribute("name").value();
    item.is_collection = std::string_view(node.attribute("isCollection").value()) == "true";
    // DMN 1.1 writes typeRef as an attribute, later versions as an element.
    item.type_ref = node.attribute("typeRef").value();
    if (pugi::xml_node type_ref = child(node, "typeRef")) {
      item.type_ref = doc_.textOf(type_ref).text;
    }
    for (pugi::xml_node component : node.children()) {
      if (is(component, "itemComponent")) {
        item.components.push_back(readItemDefinition(component));
      }
    }
    return item;
  }

  // ---- pass 2: decisions ----

  void readDecision(pugi::xml_node node, Decision& decision) {
    if (pugi::xml_node variable = child(node, "variable")) {
      const std::string_view name = variable.attribute("name").value();
      if (!name.empty() && name != decision.name) {
        warning(loc(variable), decision.id,
                "variable '" + std::string(name) + "' differs from the decision name '" +
                    decision.name + "'; the result is bound to the decision name");
      }
    }
    bool has_logic = false;
    for (pugi::xml_node c : node.children()) {
      if (!isDmn(c)) {
        continue;
      }
      const std::string_view local = XmlDocument::localName(c);
      if (local == "variable" || oneOf(local, kInertDecisionElements)) {
        continue;
      }
      if (local == "informationRequirement") {
        readRequirement(c, decision);
      } else if (local == "knowledgeRequirement") {
        error(loc(c), decision.id,
              "knowledge requirements (business knowledge models) are not supported");
      } else if (local == "decisionTable" || local == "literalExpression" ||
                 oneOf(local, kUnsupportedExpressions)) {
        if (has_logic) {
          error(loc(c), decision.id,
                "decision '" + decision.name + "' has more than one expression");
          continue;
        }
        has_logic = true;
        if (local == "decisionTable") {
          readDecisionTable(c, decision);
        } else if (local == "literalExpression") {
          readLiteral(c, decision);
        } else {
          error(loc(c), decision.id,
                "boxed expression <" + std::string(local) +
                    "> is not supported (only decision "
                    "tables and literal expressions)");
        }
      } else {
        error(loc(c), decision.id, "unexpected element <" + std::string(local) + "> in decision");
      }
    }
    if (!has_logic) {
      error(decision.loc, decision.id,
            "decision '" + decision.name + "' has no decision table or literal expression");
    }
  }

  void readRequirement(pugi::xml_node node, Decision& decision) {
    for (pugi::xml_node ref : node.children()) {
      if (!isDmn(ref)) {
        continue;
      }
      const std::string_view local = XmlDocument::localName(ref);
      if (local != "requiredDecision" && local != "requiredInput") {
        error(loc(ref), decision.id,
              "unexpected element <" + std::string(local) + "> in informationRequirement");
        continue;
      }
      const pugi::xml_attribute href = ref.attribute("href");
      std::string_view target = href.value();
      const size_t hash = target.find('#');
      if (hash != std::string_view::npos && hash != 0) {
        error(doc_.locationOf(ref, href), decision.id,
              "requirement '" + std::string(target) +
                  "' refers to another model; imports are "
                  "not supported");
        continue;
      }
      if (hash == 0) {
        target.remove_prefix(1);
      }
      auto it = targets_.find(std::string(target));
      const Target::Kind wanted = local == "requiredDecision" ? Target::Decision : Target::Input;
      if (it == targets_.end() || it->second.kind != wanted) {
        error(doc_.locationOf(ref, href), decision.id,
              std::string(local) + " '" + std::string(target) + "' names no " +
                  (wanted == Target::Decision ? "decision" : "input data") + " in this model");
        continue;
      }
      auto& list =
          wanted == Target::Decision ? decision.required_decisions : decision.required_inputs;
      list.push_back(it->second.index);
    }
  }

  // The text of a <text> child, compiled as an expression.
  std::optional<expr::Expression> compileText(pugi::xml_node owner, const std::string& what,
                                              bool empty_is_null) {
    const pugi::xml_node text_node = child(owner, "text");
    const LocatedText text = text_node ? doc_.textOf(text_node) : LocatedText{"", loc(owner)};
    if (text.text.empty()) {
      if (empty_is_null) {
        return std::get<expr::Expression>(expr::Expression::compile("null"));
      }
      error(text.loc, idOf(owner), what + " is empty");
      return std::nullopt;
    }
    auto compiled = expr::Expression::compile(text.text, names_with_spaces_);
    if (auto* failure = std::get_if<expr::CompileError>(&compiled)) {
      error(doc_.advance(text, failure->offset), idOf(owner),
            what + " does not compile: " + failure->message);
      return std::nullopt;
    }
    return std::get<expr::Expression>(std::move(compiled));
  }

  // Unary tests; an empty cell is `-` (any value), as Camunda Modeler writes it.
  std::optional<expr::UnaryTests> compileTests(pugi::xml_node owner, const std::string& what) {
    const pugi::xml_node text_node = child(owner, "text");
    LocatedText text = text_node ? doc_.textOf(text_node) : LocatedText{"", loc(owner)};
    if (text.text.empty()) {
      text.text = "-";
    }
    auto compiled = expr::UnaryTests::compile(text.text, names_with_spaces_);
    if (auto* failure = std::get_if<expr::CompileError>(&compiled)) {
      error(doc_.advance(text, failure->offset), idOf(owner),
            what + " does not compile: " + failure->message);
      return std::nullopt;
    }
    return std::get<expr::UnaryTests>(std::move(compiled));
  }

  void readLiteral(pugi::xml_node node, Decision& decision) {
    checkLanguage(node, "expressionLanguage", decision.id);
    if (child(node, "importedValues")) {
      error(loc(node), decision.id, "imported values are not supported");
      return;
    }
    auto compiled =
        compileText(node, "literal expression of decision '" + decision.name + "'", false);
    if (!compiled) {
      return;
    }
    decision.logic = LiteralExpression{node.attribute("id").value(), std::move(*compiled)};
  }

  void readDecisionTable(pugi::xml_node node, Decision& decision) {
    DecisionTable table;
    table.id = node.attribute("id").value();
    if (table.id.empty()) {
      table.id = decision.id;
    }
    const std::string& id = table.id;
    checkLanguage(node, "expressionLanguage", id);
    readHitPolicy(node, table);

    std::vector<pugi::xml_node> rule_nodes;
    for (pugi::xml_node c : node.children()) {
      if (!isDmn(c)) {
        continue;
      }
      const std::string_view local = XmlDocument::localName(c);
      if (local == "input") {
        readInput(c, table);
      } else if (local == "output") {
        readOutput(c, table);
      } else if (local == "rule") {
        rule_nodes.push_back(c);
      } else if (local != "description" && local != "extensionElements" && local != "annotation") {
        error(loc(c), id, "unexpected element <" + std::string(local) + "> in decision table");
      }
    }
    if (table.outputs.empty()) {
      error(loc(node), id, "decision table has no output");
      return;
    }
    checkOutputs(node, table);
    for (size_t r = 0; r < rule_nodes.size(); ++r) {
      readRule(rule_nodes[r], r, table);
    }
    decision.logic = std::move(table);
  }

  void readHitPolicy(pugi::xml_node node, DecisionTable& table) {
    static constexpr std::array<std::pair<std::string_view, HitPolicy>, 7> kPolicies = {{
        {"UNIQUE", HitPolicy::Unique},
        {"ANY", HitPolicy::Any},
        {"PRIORITY", HitPolicy::Priority},
        {"FIRST", HitPolicy::First},
        {"COLLECT", HitPolicy::Collect},
        {"RULE ORDER", HitPolicy::RuleOrder},
        {"OUTPUT ORDER", HitPolicy::OutputOrder},
    }};
    static constexpr std::array<std::pair<std::string_view, Aggregation>, 4> kAggregations = {{
        {"SUM", Aggregation::Sum},
        {"MIN", Aggregation::Min},
        {"MAX", Aggregation::Max},
        {"COUNT", Aggregation::Count},
    }};
    if (const pugi::xml_attribute attr = node.attribute("hitPolicy")) {
      const std::string_view value = attr.value();
      auto it = std::find_if(kPolicies.begin(), kPolicies.end(),
                             [&](const auto& p) { return p.first == value; });
      if (it == kPolicies.end()) {
        error(doc_.locationOf(node, attr), table.id,
              "unknown hit policy '" + std::string(value) + "'");
      } else {
        table.hit_policy = it->second;
      }
    }
    if (const pugi::xml_attribute attr = node.attribute("aggregation")) {
      const std::string_view value = attr.value();
      auto it = std::find_if(kAggregations.begin(), kAggregations.end(),
                             [&](const auto& a) { return a.first == value; });
      if (it == kAggregations.end()) {
        error(doc_.locationOf(node, attr), table.id,
              "unknown aggregation '" + std::string(value) + "'");
      } else if (table.hit_policy != HitPolicy::Collect) {
        error(doc_.locationOf(node, attr), table.id,
              "aggregation " + std::string(value) + " needs hit policy COLLECT, not " +
                  hitPolicyName(table.hit_policy));
      } else {
        table.aggregation = it->second;
      }
    }
  }

  void readInput(pugi::xml_node node, DecisionTable& table) {
    const std::string id = node.attribute("id").value();
    const pugi::xml_node expression = child(node, "inputExpression");
    std::string label = node.attribute("label").value();
    if (!expression) {
      error(loc(node), id.empty() ? table.id : id, "decision table input has no inputExpression");
      return;
    }
    checkLanguage(expression, "expressionLanguage", table.id);
    if (label.empty()) {
      label = doc_.textOf(child(expression, "text")).text;
    }
    auto compiled = compileText(expression, "input expression '" + label + "'", false);
    std::optional<expr::UnaryTests> allowed;
    if (pugi::xml_node values = child(node, "inputValues")) {
      allowed = compileTests(values, "input values of '" + label + "'");
    }
    if (!compiled) {
      return;
    }
    table.inputs.push_back(InputClause{id, label, std::move(*compiled), std::move(allowed)});
  }

  void readOutput(pugi::xml_node node, DecisionTable& table) {
    OutputClause output;
    output.id = node.attribute("id").value();
    output.name = node.attribute("name").value();
    const std::string what = output.name.empty() ? "the output" : "output '" + output.name + "'";
    if (pugi::xml_node values = child(node, "outputValues")) {
      output.allowed_values = compileTests(values, "output values of " + what);
      if (output.allowed_values) {
        output.priority = literalList(values);
      }
    }
    if (pugi::xml_node fallback = child(node, "defaultOutputEntry")) {
      output.default_value = compileText(fallback, "default output of " + what, false);
    }
    table.outputs.push_back(std::move(output));
  }

  // Output values as literals, to rank outputs by; empty when they are not
  // all literals (ranges, comparisons), which checkOutputs refuses where a
  // rank is needed.
  std::vector<Value> literalList(pugi::xml_node values) {
    const std::string text = doc_.textOf(child(values, "text")).text;
    auto compiled = expr::Expression::compile("[" + text + "]");
    if (!std::holds_alternative<expr::Expression>(compiled)) {
      return {};
    }
    const Value none(Object{});
    auto list = std::get<expr::Expression>(compiled).evaluate(expr::ObjectLookup(none));
    if (!list.ok() || !list->isArray()) {
      return {};
    }
    return list->asArray();
  }

  void checkOutputs(pugi::xml_node node, const DecisionTable& table) {
    if (table.outputs.size() > 1) {
      std::map<std::string, int> seen;
      for (const OutputClause& output : table.outputs) {
        if (output.name.empty()) {
          error(loc(node), table.id, "a decision table with several outputs must name each one");
        } else if (++seen[output.name] == 2) {
          error(loc(node), table.id, "duplicate output name '" + output.name + "'");
        }
      }
      if (table.aggregation != Aggregation::None) {
        error(loc(node), table.id,
              std::string("aggregation ") + aggregationName(table.aggregation) +
                  " needs a single output, the table has " + std::to_string(table.outputs.size()));
      }
    }
    if (table.hit_policy == HitPolicy::Priority || table.hit_policy == HitPolicy::OutputOrder) {
      const bool ranked = std::any_of(table.outputs.begin(), table.outputs.end(),
                                      [](const OutputClause& o) { return !o.priority.empty(); });
      for (const OutputClause& output : table.outputs) {
        if (output.allowed_values && output.priority.empty()) {
          error(loc(node), table.id,
                "hit policy " + std::string(hitPolicyName(table.hit_policy)) +
                    " ranks by output values, but those of '" + output.name +
                    "' are not a list of literal values");
        }
      }
      if (!ranked) {
        error(loc(node), table.id,
              "hit policy " + std::string(hitPolicyName(table.hit_policy)) +
                  " needs output values to rank the outputs by");
      }
    }
  }

  void readRule(pugi::xml_node node, size_t index, DecisionTable& table) {
    Rule rule;
    rule.id = node.attribute("id").value();
    const std::string name = rule.id.empty() ? "#" + std::to_string(index + 1) : rule.id;
    std::vector<pugi::xml_node> inputs;
    std::vector<pugi::xml_node> outputs;
    for (pugi::xml_node c : node.children()) {
      if (is(c, "inputEntry")) {
        inputs.push_back(c);
      } else if (is(c, "outputEntry")) {
        outputs.push_back(c);
      }
    }
    bool ok = true;
    if (inputs.size() != table.inputs.size() || outputs.size() != table.outputs.size()) {
      error(loc(node), name,
            "rule " + name + " has " + std::to_string(inputs.size()) + " input and " +
                std::to_string(outputs.size()) + " output entries; the table has " +
                std::to_string(table.inputs.size()) + " inputs and " +
                std::to_string(table.outputs.size()) + " outputs");
      return;
    }
    for (size_t i = 0; i < inputs.size(); ++i) {
      checkLanguage(inputs[i], "expressionLanguage", name);
      auto tests = compileTests(
          inputs[i], "input entry of rule " + name + " for '" + table.inputs[i].label + "'");
      if (tests) {
        rule.input_entries.push_back(std::move(*tests));
      } else {
        ok = false;
      }
    }
    for (size_t o = 0; o < outputs.size(); ++o) {
      checkLanguage(outputs[o], "expressionLanguage", name);
      const std::string& output_name = table.outputs[o].name;
      auto value = compileText(outputs[o],
                               "output entry of rule " + name +
                                   (output_name.empty() ? "" : " for '" + output_name + "'"),
                               true);
      if (value) {
        rule.output_entries.push_back(std::move(*value));
      } else {
        ok = false;
      }
    }
    if (ok) {
      table.rules.push_back(std::move(rule));
    }
  }

  // ---- pass 3: the requirement graph ----

  void orderRequirements() {
    enum class Mark { None, Visiting, Done };
    std::vector<Mark> marks(model_->decisions.size(), Mark::None);
    std::vector<size_t> order;  // of the whole graph, requirements first
    std::vector<size_t> path;   // the decisions being visited, for the cycle message
    bool cyclic = false;
    // Recursion depth is bounded by the number of decisions in one file.
    auto visit = [&](auto& self, size_t d) -> void {
      if (marks[d] == Mark::Done) {
        return;
      }
      if (marks[d] == Mark::Visiting) {
        auto from = std::find(path.begin(), path.end(), d);
        std::string cycle;
        for (auto it = from; it != path.end(); ++it) {
          cycle += "'" + model_->decisions[*it].name + "' → ";
        }
        cycle += "'" + model_->decisions[d].name + "'";
        const Decision& at = model_->decisions[d];
        error(at.loc, at.id, "decision requirements form a cycle: " + cycle);
        cyclic = true;
        return;
      }
      marks[d] = Mark::Visiting;
      path.push_back(d);
      for (size_t r : model_->decisions[d].required_decisions) {
        self(self, r);
      }
      path.pop_back();
      marks[d] = Mark::Done;
      order.push_back(d);
    };
    for (size_t d = 0; d < model_->decisions.size(); ++d) {
      visit(visit, d);
    }
    if (cyclic) {
      return;
    }
    for (Decision& decision : model_->decisions) {
      std::vector<bool> needed(model_->decisions.size(), false);
      markNeeded(decision, needed);
      for (size_t d : order) {
        if (needed[d]) {
          decision.evaluation_order.push_back(d);
        }
      }
    }
  }

  void markNeeded(const Decision& decision, std::vector<bool>& needed) const {
    const size_t self = static_cast<size_t>(&decision - model_->decisions.data());
    if (needed[self]) {
      return;
    }
    needed[self] = true;
    for (size_t r : decision.required_decisions) {
      markNeeded(model_->decisions[r], needed);
    }
  }

  std::string file_;
  const XmlDocument& doc_;
  std::string ns_;
  std::shared_ptr<DmnModel> model_ = std::make_shared<DmnModel>();
  std::vector<pugi::xml_node> decision_nodes_;  // parallel to model_->decisions
  std::unordered_map<std::string, Target> targets_;
  std::map<std::string, std::string> names_;  // decision and input data names → ids
  std::vector<std::string> names_with_spaces_;
  std::vector<Diagnostic> diagnostics_;
  size_t errors_ = 0;
};

}  // namespace

bool isDmnDocument(std::string_view xml) {
  XmlDocument doc;
  if (doc.parse(xml)) return false;
  const pugi::xml_node root = doc.root();
  return XmlDocument::localName(root) == "definitions" &&
         oneOf(doc.namespaceOf(root), kDmnNamespaces);
}

ReadDmnResult readDmn(std::string_view file, std::string_view xml) {
  XmlDocument doc;
  if (std::optional<xml::XmlError> failure = doc.parse(xml)) {
    ReadDmnResult out;
    out.diagnostics.push_back(Diagnostic{std::string(file), failure->loc.line, failure->loc.column,
                                         Severity::Error, failure->element_id, failure->message});
    return out;
  }
  return Reader(file, doc).read();
}

}  // namespace wf::dmn
