// Evaluation of one decision table against the variables in scope: the
// inputs, the rules that match, and the hit policy that turns their outputs
// into the table's result. Internal to src/dmn.
#pragma once

#include "dmn/dmn_model.h"
#include "expr/expression.h"
#include "wf/status.h"
#include "wf/value.h"

namespace wf::dmn {

// The result of the table: for a single-hit policy the output of the chosen
// rule (a value for one output column, an object keyed by output name for
// several), for a multi-hit policy a list of those or, with an aggregation,
// one number. No matching rule gives the default outputs, or null.
Result<Value> evaluateDecisionTable(const DecisionTable& table,
                                    const expr::VariableLookup& variables);

}  // namespace wf::dmn
