// Decision tables: match every rule against the input values, then apply the
// hit policy. Outputs are computed only for matching rules, so an output
// entry of a rule that does not match can never fail an evaluation.
#include "dmn/decision_table.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "expr/comparison.h"

namespace wf::dmn {
namespace {

// The outputs of one matched rule, and its rank for PRIORITY / OUTPUT ORDER.
struct Hit {
  size_t rule = 0;
  Value value;  // the single output, or an object keyed by output name
  std::vector<size_t> rank;
};

Status tableError(const DecisionTable& table, const std::string& message) {
  return Status::invalid("decision table '" + table.id + "': " + message);
}

Status ruleError(const DecisionTable& table, size_t rule, const std::string& message) {
  const Rule& r = table.rules[rule];
  const std::string name = r.id.empty() ? "#" + std::to_string(rule + 1) : "'" + r.id + "'";
  return tableError(table, "rule " + name + ": " + message);
}

// Whether a non-null value satisfies the allowed values of a clause; null is
// "not known" and left to the rules.
Result<bool> allowed(const std::optional<expr::UnaryTests>& tests, const Value& value,
                     const expr::VariableLookup& variables) {
  if (!tests || value.isNull()) {
    return true;
  }
  ASSIGN_OR_RETURN(Value ok, tests->evaluate(value, variables));
  return ok.isBool() && ok.asBool();
}

// Position of `value` in the output's priority list; values outside the list
// (only possible without allowed values) rank last.
size_t priorityOf(const OutputClause& output, const Value& value) {
  for (size_t i = 0; i < output.priority.size(); ++i) {
    if (expr::feelEquals(output.priority[i], value)) {
      return i;
    }
  }
  return output.priority.size();
}

Value shape(const DecisionTable& table, std::vector<Value> values) {
  if (table.outputs.size() == 1) {
    return std::move(values[0]);
  }
  Object object;
  for (size_t i = 0; i < table.outputs.size(); ++i) {
    object.emplace(table.outputs[i].name, std::move(values[i]));
  }
  return Value(std::move(object));
}

Result<Value> defaults(const DecisionTable& table, const expr::VariableLookup& variables) {
  bool any = false;
  std::vector<Value> values;
  for (const OutputClause& output : table.outputs) {
    if (!output.default_value) {
      values.emplace_back();
      continue;
    }
    any = true;
    auto v = output.default_value->evaluate(variables);
    if (!v.ok()) {
      return tableError(table, "default output of '" + output.name + "': " + v.status().message());
    }
    values.push_back(std::move(*v));
  }
  if (!any) {
    return Value();
  }
  return shape(table, std::move(values));
}

Result<Value> aggregate(const DecisionTable& table, const std::vector<Hit>& hits) {
  if (table.aggregation == Aggregation::Count) {
    return Value(static_cast<double>(hits.size()));
  }
  std::optional<Value> acc;
  for (const Hit& hit : hits) {
    // Null outputs carry no amount; they are left out as FEEL's list
    // functions would refuse them.
    if (hit.value.isNull()) {
      continue;
    }
    if (table.aggregation == Aggregation::Sum) {
      if (!hit.value.isNumber()) {
        return ruleError(table, hit.rule,
                         std::string("SUM needs numbers, got ") + valueKindName(hit.value.kind()));
      }
      acc = Value((acc ? acc->asNumber() : 0.0) + hit.value.asNumber());
      continue;
    }
    if (!acc) {
      acc = hit.value;
      continue;
    }
    const std::optional<int> order = expr::feelCompare(hit.value, *acc);
    if (!order) {
      return ruleError(table, hit.rule,
                       std::string(aggregationName(table.aggregation)) + " cannot compare " +
                           valueKindName(hit.value.kind()) + " with " + valueKindName(acc->kind()));
    }
    if ((table.aggregation == Aggregation::Min && *order < 0) ||
        (table.aggregation == Aggregation::Max && *order > 0)) {
      acc = hit.value;
    }
  }
  return acc ? *acc : Value();
}

}  // namespace

Result<Value> evaluateDecisionTable(const DecisionTable& table,
                                    const expr::VariableLookup& variables) {
  std::vector<Value> inputs;
  inputs.reserve(table.inputs.size());
  for (const InputClause& input : table.inputs) {
    auto v = input.expression.evaluate(variables);
    if (!v.ok()) {
      return tableError(table, "input '" + input.label + "': " + v.status().message());
    }
    ASSIGN_OR_RETURN(bool ok, allowed(input.allowed_values, *v, variables));
    if (!ok) {
      return tableError(table, "input '" + input.label + "' is " + v->toJson() +
                                   ", not one of its input values " + input.allowed_values->text());
    }
    inputs.push_back(std::move(*v));
  }

  std::vector<Hit> hits;
  for (size_t r = 0; r < table.rules.size(); ++r) {
    const Rule& rule = table.rules[r];
    bool matches = true;
    for (size_t i = 0; i < inputs.size() && matches; ++i) {
      auto test = rule.input_entries[i].evaluate(inputs[i], variables);
      if (!test.ok()) {
        return ruleError(
            table, r,
            "input entry for '" + table.inputs[i].label + "': " + test.status().message());
      }
      matches = test->isBool() && test->asBool();
    }
    if (!matches) {
      continue;
    }
    Hit hit;
    hit.rule = r;
    std::vector<Value> values;
    for (size_t o = 0; o < table.outputs.size(); ++o) {
      const OutputClause& output = table.outputs[o];
      auto v = rule.output_entries[o].evaluate(variables);
      if (!v.ok()) {
        return ruleError(table, r, "output '" + output.name + "': " + v.status().message());
      }
      ASSIGN_OR_RETURN(bool ok, allowed(output.allowed_values, *v, variables));
      if (!ok) {
        return ruleError(table, r,
                         "output '" + output.name + "' is " + v->toJson() +
                             ", not one of its output values " + output.allowed_values->text());
      }
      hit.rank.push_back(priorityOf(output, *v));
      values.push_back(std::move(*v));
    }
    hit.value = shape(table, std::move(values));
    hits.push_back(std::move(hit));
    // FIRST needs no more than the first match.
    if (table.hit_policy == HitPolicy::First) {
      break;
    }
  }

  if (hits.empty()) {
    if (table.hit_policy == HitPolicy::Collect && table.aggregation == Aggregation::Count) {
      return Value(0);
    }
    return defaults(table, variables);
  }

  switch (table.hit_policy) {
    case HitPolicy::Unique:
      if (hits.size() > 1) {
        std::string ids;
        for (const Hit& hit : hits) {
          ids += (ids.empty() ? "" : ", ") + table.rules[hit.rule].id;
        }
        return tableError(
            table, "hit policy UNIQUE but " + std::to_string(hits.size()) + " rules match: " + ids);
      }
      return hits[0].value;
    case HitPolicy::First:
      return hits[0].value;
    case HitPolicy::Any:
      for (const Hit& hit : hits) {
        if (!(hit.value == hits[0].value)) {
          return tableError(table, "hit policy ANY but rules '" + table.rules[hits[0].rule].id +
                                       "' and '" + table.rules[hit.rule].id +
                                       "' match with different outputs " + hits[0].value.toJson() +
                                       " and " + hit.value.toJson());
        }
      }
      return hits[0].value;
    case HitPolicy::Priority: {
      // min_element keeps the first of equals, so ties go to rule order.
      auto best = std::min_element(hits.begin(), hits.end(),
                                   [](const Hit& a, const Hit& b) { return a.rank < b.rank; });
      return best->value;
    }
    case HitPolicy::OutputOrder:
      std::stable_sort(hits.begin(), hits.end(),
                       [](const Hit& a, const Hit& b) { return a.rank < b.rank; });
      [[fallthrough]];
    case HitPolicy::RuleOrder:
    case HitPolicy::Collect: {
      if (table.hit_policy == HitPolicy::Collect && table.aggregation != Aggregation::None) {
        return aggregate(table, hits);
      }
      Array list;
      list.reserve(hits.size());
      for (Hit& hit : hits) {
        list.push_back(std::move(hit.value));
      }
      return Value(std::move(list));
    }
  }
  return Status::internal("unknown hit policy");
}

}  // namespace wf::dmn
