// Evaluates a decision of a DmnModel against input values: its required
// decisions first (each once, in requirement order), each result bound to
// the decision's name, then the decision itself.
//
// Stateless and thread-safe: any number of evaluations may share one model.
// Errors (a rule set that breaks its hit policy, a run-time type error, a
// value outside the allowed values) are InvalidArgument naming the decision
// and the rule or clause; an unknown decision is NotFound.
#pragma once

#include <string_view>

#include "dmn/dmn_model.h"
#include "wf/status.h"
#include "wf/value.h"

namespace wf::dmn {

// `inputs` is an object whose members are the input data by name (and any
// further variables the expressions use); null counts as no inputs. Input
// data missing from it are null.
Result<Value> evaluateDecision(const DmnModel& model, std::string_view decision_id_or_name,
                               const Value& inputs);

// As evaluateDecision, but returns an object with the result of every
// decision evaluated on the way, by decision name (the requested one included).
Result<Value> evaluateDecisionWithRequirements(const DmnModel& model,
                                               std::string_view decision_id_or_name,
                                               const Value& inputs);

}  // namespace wf::dmn
