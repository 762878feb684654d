// DmnModel: the immutable, evaluable form of one DMN file — its decisions
// (each a decision table or a literal expression, with every expression
// already compiled), its input data, its item definitions, and the decision
// requirement graph between them.
//
// Built only by readDmn and shared as shared_ptr<const DmnModel>, so any
// number of threads may evaluate decisions of one model at once.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "expr/expression.h"
#include "expr/unary_tests.h"
#include "model/model.h"
#include "wf/value.h"

namespace wf::dmn {

enum class HitPolicy { Unique, Any, Priority, First, Collect, RuleOrder, OutputOrder };
enum class Aggregation { None, Sum, Min, Max, Count };

const char* hitPolicyName(HitPolicy policy);
const char* aggregationName(Aggregation aggregation);

struct InputClause {
  std::string id;
  std::string label;  // the label, or the expression text when unlabelled
  expr::Expression expression;
  std::optional<expr::UnaryTests> allowed_values;  // <inputValues>
};

struct OutputClause {
  std::string id;
  std::string name;  // key in the result context when the table has several outputs
  std::optional<expr::UnaryTests> allowed_values;  // <outputValues>
  // The output values as literals, in the order that ranks them for PRIORITY
  // and OUTPUT ORDER; empty when the output lists none.
  std::vector<Value> priority;
  std::optional<expr::Expression> default_value;  // <defaultOutputEntry>
};

struct Rule {
  std::string id;
  std::vector<expr::UnaryTests> input_entries;   // one per input clause
  std::vector<expr::Expression> output_entries;  // one per output clause
};

struct DecisionTable {
  std::string id;
  HitPolicy hit_policy = HitPolicy::Unique;
  Aggregation aggregation = Aggregation::None;  // COLLECT only
  std::vector<InputClause> inputs;
  std::vector<OutputClause> outputs;
  std::vector<Rule> rules;
};

struct LiteralExpression {
  std::string id;
  expr::Expression expression;
};

struct Decision {
  std::string id;
  std::string name;  // the variable its result is bound to
  SourceLocation loc;
  std::vector<size_t> required_decisions;  // indices into DmnModel::decisions
  std::vector<size_t> required_inputs;     // indices into DmnModel::inputs
  // This decision's required decisions, transitively, each once, every one
  // after those it requires, and this decision last: the order to evaluate in.
  std::vector<size_t> evaluation_order;
  std::variant<DecisionTable, LiteralExpression> logic;
};

struct InputData {
  std::string id;
  std::string name;
  std::string type_ref;  // as written; empty when absent
};

// A named type: a simple type reference, or a structure of components.
struct ItemDefinition {
  std::string name;
  std::string type_ref;  // empty for a structure
  bool is_collection = false;
  std::vector<ItemDefinition> components;
};

struct DmnModel {
  std::string file;
  std::string id;
  std::string name;
  std::string name_space;  // the definitions' `namespace` attribute
  std::vector<Decision> decisions;
  std::vector<InputData> inputs;
  std::vector<ItemDefinition> item_definitions;

  // By id first, then by name; nullptr when there is no such decision.
  const Decision* findDecision(std::string_view id_or_name) const;
  const InputData* findInput(std::string_view id_or_name) const;
};

}  // namespace wf::dmn
