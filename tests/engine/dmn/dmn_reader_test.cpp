// The DMN reader: what it builds from a model, and the diagnostics that
// refuse a model, each with its file:line:col and element id.
#include "dmn/dmn_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/dmn/dmn_test_support.h"

namespace wf::dmn::test {
namespace {

constexpr const char* kHeader =
    R"(<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="defs" name="t" namespace="urn:t">)";

// Line 1 is the definitions start tag, so the body starts on line 2.
std::string model(const std::string& body) {
  return std::string(kHeader) + "\n" + body + "\n</definitions>\n";
}

// A one-decision body: decision D with a literal expression `text`.
std::string literal(const std::string& text) {
  return R"(<decision id="d" name="D"><literalExpression><text>)" + text +
         "</text></literalExpression></decision>";
}

TEST(DmnReader, BuildsDecisionsInputsRequirementsAndEvaluationOrder) {
  auto m = loadFixture("requirements.dmn");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->name, "requirements");
  ASSERT_EQ(m->decisions.size(), 4u);
  ASSERT_EQ(m->inputs.size(), 2u);
  const Decision* total = m->findDecision("Total");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total, m->findDecision("d_total"));
  EXPECT_EQ(total->loc.line, 8);
  std::vector<std::string> order;
  for (size_t i : total->evaluation_order) {
    order.push_back(m->decisions[i].name);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"Page Fee", "Subtotal", "Tax", "Total"}));
  const Decision* page_fee = m->findDecision("Page Fee");
  ASSERT_EQ(page_fee->required_inputs.size(), 1u);
  EXPECT_EQ(m->inputs[page_fee->required_inputs[0]].name, "Pages");
  EXPECT_EQ(m->findInput("i_base")->type_ref, "number");
}

TEST(DmnReader, ReadsHitPolicyAggregationClausesAndRules) {
  auto m = loadFixture("collect.dmn");
  ASSERT_NE(m, nullptr);
  const auto& table = std::get<DecisionTable>(m->findDecision("Bonus Sum")->logic);
  EXPECT_EQ(table.hit_policy, HitPolicy::Collect);
  EXPECT_EQ(table.aggregation, Aggregation::Sum);
  ASSERT_EQ(table.inputs.size(), 1u);
  EXPECT_EQ(table.inputs[0].label, "age");
  EXPECT_EQ(table.rules.size(), 4u);
  EXPECT_EQ(table.rules[2].id, "d_sum_r3");
  auto p = loadFixture("priority.dmn");
  ASSERT_NE(p, nullptr);
  const auto& ranked = std::get<DecisionTable>(p->decisions[0].logic);
  EXPECT_EQ(
      Value(Array(ranked.outputs[0].priority.begin(), ranked.outputs[0].priority.end())).toJson(),
      R"(["high","medium","low"])");
}

TEST(DmnReader, ReadsItemDefinitionsOfEveryVersion) {
  const std::string xml = model(R"(<itemDefinition name="tLoan" id="tLoan">
  <itemComponent name="principal"><typeRef>number</typeRef></itemComponent>
  <itemComponent name="terms" isCollection="true"><typeRef>number</typeRef></itemComponent>
</itemDefinition>
<itemDefinition name="tAmount" typeRef="number"/>)" +
                                literal("1"));
  ReadDmnResult r = readDmn("items.dmn", xml);
  ASSERT_NE(r.model, nullptr);
  ASSERT_EQ(r.model->item_definitions.size(), 2u);
  const ItemDefinition& loan = r.model->item_definitions[0];
  EXPECT_EQ(loan.name, "tLoan");
  ASSERT_EQ(loan.components.size(), 2u);
  EXPECT_EQ(loan.components[1].name, "terms");
  EXPECT_TRUE(loan.components[1].is_collection);
  EXPECT_EQ(loan.components[0].type_ref, "number");
  EXPECT_EQ(r.model->item_definitions[1].type_ref, "number");
}

TEST(DmnReader, WarnsWhenTheVariableIsNotNamedAfterTheDecision) {
  ReadDmnResult r = readDmn(
      "v.dmn",
      model(
          R"(<decision id="d" name="D"><variable name="E"/><literalExpression><text>1</text></literalExpression></decision>)"));
  ASSERT_NE(r.model, nullptr);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, Severity::Warning);
  EXPECT_EQ(r.diagnostics[0].element_id, "d");
}

struct Refusal {
  const char* name;
  std::string xml;
  const char* element_id;
  const char* message;  // a part of the message
  int line;
  int column;  // 0: not checked
};

TEST(DmnReader, RefusesModelsItCannotEvaluateNamingThePlace) {
  const std::string table_head = R"(<decision id="d" name="D"><decisionTable id="t")";
  const std::string one_input =
      R"(><input id="in" label="x"><inputExpression><text>x</text></inputExpression></input>)";
  const std::vector<Refusal> cases = {
      {"malformed XML", "<definitions>\n<decision>\n</definitions>", "", "", 3, 0},
      {"not DMN", R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>)", "",
       "not a DMN model", 1, 1},
      {"literal that does not compile", model(literal("1 +")), "d",
       "literal expression of decision 'D' does not compile: unexpected end of expression", 2, 55},
      {"empty literal", model(literal("")), "d", "literal expression of decision 'D' is empty", 2,
       0},
      {"input entry that does not compile",
       model(
           table_head + one_input +
           R"(<output id="o"/><rule id="r1"><inputEntry id="ie"><text>[1..</text></inputEntry><outputEntry><text>1</text></outputEntry></rule></decisionTable></decision>)"),
       "ie", "input entry of rule r1 for 'x' does not compile", 2, 0},
      {"output entry that does not compile",
       model(
           table_head + one_input +
           R"(<output id="o"/><rule id="r1"><inputEntry><text>-</text></inputEntry><outputEntry id="oe"><text>"a" +</text></outputEntry></rule></decisionTable></decision>)"),
       "oe", "output entry of rule r1 does not compile", 2, 0},
      {"boxed context", model(R"(<decision id="d" name="D"><context id="c"/></decision>)"), "d",
       "boxed expression <context> is not supported", 2, 27},
      {"invocation", model(R"(<decision id="d" name="D"><invocation/></decision>)"), "d",
       "boxed expression <invocation> is not supported", 2, 0},
      {"business knowledge model",
       model(R"(<businessKnowledgeModel id="bkm" name="B"/>)" + literal("1")), "bkm",
       "<businessKnowledgeModel> is not supported", 2, 1},
      {"knowledge requirement",
       model(
           R"(<decision id="d" name="D"><knowledgeRequirement><requiredKnowledge href="#b"/></knowledgeRequirement><literalExpression><text>1</text></literalExpression></decision>)"),
       "d", "knowledge requirements", 2, 0},
      {"import", model(R"(<import namespace="urn:x" locationURI="x.dmn"/>)" + literal("1")), "",
       "<import> is not supported", 2, 1},
      {"requirement of an unknown decision",
       model(
           R"(<decision id="d" name="D"><informationRequirement><requiredDecision href="#nope"/></informationRequirement><literalExpression><text>1</text></literalExpression></decision>)"),
       "d", "requiredDecision 'nope' names no decision in this model", 2, 0},
      {"requirement of another model",
       model(
           R"(<decision id="d" name="D"><informationRequirement><requiredInput href="other.dmn#i"/></informationRequirement><literalExpression><text>1</text></literalExpression></decision>)"),
       "d", "refers to another model", 2, 0},
      {"cycle",
       model(
           R"(<decision id="a" name="A"><informationRequirement><requiredDecision href="#b"/></informationRequirement><literalExpression><text>B</text></literalExpression></decision>
<decision id="b" name="B"><informationRequirement><requiredDecision href="#a"/></informationRequirement><literalExpression><text>A</text></literalExpression></decision>)"),
       "a", "decision requirements form a cycle: 'A' → 'B' → 'A'", 2, 1},
      {"decision without logic", model(R"(<decision id="d" name="D"/>)"), "d",
       "has no decision table or literal expression", 2, 1},
      {"duplicate names", model(R"(<inputData id="i" name="D"/>)" + literal("1")), "d",
       "name 'D' is already used by 'i'", 2, 0},
      {"duplicate ids", model(R"(<inputData id="d" name="X"/>)" + literal("1")), "d",
       "duplicate id 'd'", 2, 0},
      {"unknown hit policy",
       model(table_head + R"( hitPolicy="BEST")" + one_input +
             R"(<output id="o"/></decisionTable></decision>)"),
       "t", "unknown hit policy 'BEST'", 2, 0},
      {"aggregation without COLLECT",
       model(table_head + R"( hitPolicy="FIRST" aggregation="SUM")" + one_input +
             R"(<output id="o"/></decisionTable></decision>)"),
       "t", "aggregation SUM needs hit policy COLLECT, not FIRST", 2, 0},
      {"aggregation of several outputs",
       model(table_head + R"( hitPolicy="COLLECT" aggregation="MAX")" + one_input +
             R"(<output id="o1" name="a"/><output id="o2" name="b"/></decisionTable></decision>)"),
       "t", "aggregation MAX needs a single output", 2, 0},
      {"outputs without names",
       model(table_head + one_input +
             R"(<output id="o1"/><output id="o2"/></decisionTable></decision>)"),
       "t", "must name each one", 2, 0},
      {"PRIORITY without output values",
       model(table_head + R"( hitPolicy="PRIORITY")" + one_input +
             R"(<output id="o"/></decisionTable></decision>)"),
       "t", "hit policy PRIORITY needs output values", 2, 0},
      {"OUTPUT ORDER with ranges for output values",
       model(
           table_head + R"( hitPolicy="OUTPUT ORDER")" + one_input +
           R"(<output id="o" name="n"><outputValues><text>[1..5]</text></outputValues></output></decisionTable></decision>)"),
       "t", "those of 'n' are not a list of literal values", 2, 0},
      {"rule with too few entries",
       model(
           table_head + one_input +
           R"(<output id="o"/><rule id="r1"><outputEntry><text>1</text></outputEntry></rule></decisionTable></decision>)"),
       "r1", "rule r1 has 0 input and 1 output entries; the table has 1 inputs and 1 outputs", 2,
       0},
      {"table without outputs", model(table_head + one_input + "</decisionTable></decision>"), "t",
       "decision table has no output", 2, 0},
      {"another expression language",
       model(
           R"(<decision id="d" name="D"><literalExpression expressionLanguage="javascript"><text>1</text></literalExpression></decision>)"),
       "d", "expressionLanguage 'javascript' is not supported", 2, 0},
  };
  for (const Refusal& c : cases) {
    SCOPED_TRACE(c.name);
    ReadDmnResult r = readDmn("bad.dmn", c.xml);
    EXPECT_EQ(r.model, nullptr);
    ASSERT_FALSE(r.diagnostics.empty());
    const Diagnostic& d = r.diagnostics.front();
    EXPECT_EQ(d.severity, Severity::Error);
    EXPECT_EQ(d.file, "bad.dmn");
    EXPECT_NE(d.message.find(c.message), std::string::npos) << d.toString();
    EXPECT_EQ(d.element_id, c.element_id) << d.toString();
    EXPECT_EQ(d.line, c.line) << d.toString();
    if (c.column != 0) {
      EXPECT_EQ(d.column, c.column) << d.toString();
    }
  }
}

TEST(DmnReader, ReportsEveryErrorNotOnlyTheFirst) {
  ReadDmnResult r = readDmn("two.dmn", model(literal("1 +") + "\n" +
                                             R"(<decision id="e" name="E"><context/></decision>)"));
  EXPECT_EQ(r.model, nullptr);
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].element_id, "d");
  EXPECT_EQ(r.diagnostics[1].element_id, "e");
  EXPECT_EQ(r.diagnostics[1].line, 3);
}

}  // namespace
}  // namespace wf::dmn::test
