// What the FEEL tests share: compiling and evaluating a text against a set of
// variables, and table-driven expectations that compare kind and value.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "expr/expression.h"

namespace wf::expr::testing {

// Kind and JSON together, so that a date never passes for a string.
inline std::string show(const Value& v) {
  return std::string(valueKindName(v.kind())) + " " + v.toJson();
}

// Compiles `text` and evaluates it with `vars`; a compile error becomes an
// Internal status naming its offset.
inline Result<Value> evaluateText(std::string_view text, const Value& vars) {
  auto compiled = Expression::compile(text);
  if (auto* error = std::get_if<CompileError>(&compiled)) {
    return Status::internal("compile error at " + std::to_string(error->offset) + ": " +
                            error->message);
  }
  return std::get<Expression>(compiled).evaluate(ObjectLookup(vars));
}

struct Case {
  const char* text;
  Value expected;
};

// Each case evaluates without error to its expected value (kind included).
inline void expectAll(const std::vector<Case>& cases, const Value& vars) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const Result<Value> r = evaluateText(c.text, vars);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(show(*r), show(c.expected));
  }
}

}  // namespace wf::expr::testing
