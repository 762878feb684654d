// Tests for DMN unary tests (decision table input entries) against inputs.
#include "expr/unary_tests.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/expr/expr_test_support.h"

namespace wf::expr {
namespace {

using testing::show;

Result<Value> check(std::string_view tests, const Value& input) {
  auto compiled = UnaryTests::compile(tests);
  if (auto* error = std::get_if<CompileError>(&compiled)) {
    return Status::internal("compile error at " + std::to_string(error->offset) + ": " +
                            error->message);
  }
  const Value vars(Object{{"limit", 10}, {"allowed", Array{"A", "B"}}});
  return std::get<UnaryTests>(compiled).evaluate(input, ObjectLookup(vars));
}

struct Case {
  const char* tests;
  Value input;
  Value expected;
};

TEST(UnaryTests, MatchInputsAsDecisionTablesDo) {
  const Case cases[] = {
      {"-", 5, true},
      {"-", Value(), true},
      {"5", 5, true},
      {"5", 6, false},
      {"< 5", 4, true},
      {"< 5", 5, false},
      {"<= 5", 5, true},
      {"> limit", 11, true},
      {">= limit", 9, false},
      {"[1..5]", 5, true},
      {"(1..5)", 5, false},
      {"]1..5]", 1, false},
      {"\"a\",\"b\"", "b", true},
      {"\"a\", \"b\"", "c", false},
      {"not(\"a\", \"b\")", "c", true},
      {"not(\"a\", \"b\")", "a", false},
      {"not(< 5)", 7, true},
      {"< 0, > 10", 11, true},
      {"< 0, > 10", 5, false},
      {"allowed", "A", true},
      {"allowed", "C", false},
      {"? > 5 and ? < 10", 7, true},
      {"? > 5 and ? < 10", 12, false},
      {"count(?) > 1", Array{1, 2}, true},
      {"true", true, true},
      {"true", false, false},
      {"null", Value(), true},
      {"@\"2026-01-01\"", *parseDate("2026-01-01"), true},
      {"[@\"2026-01-01\"..@\"2026-12-31\"]", *parseDate("2027-01-01"), false},
      {"< 5", Value(), Value()},
      {"[1..5]", Value(), Value()},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.tests) + " with " + c.input.toJson());
    const Result<Value> r = check(c.tests, c.input);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(show(*r), show(c.expected));
  }
}

TEST(UnaryTests, ReportCompileErrorsWithOffsets) {
  struct ErrorCase {
    const char* tests;
    const char* message;
    size_t offset;
  };
  const ErrorCase cases[] = {
      {"", "empty unary tests", 0},
      {"< ", "unexpected end of expression", 2},
      {"1, ", "unexpected end of expression", 3},
      {"[1..", "unexpected end of expression", 4},
      {"not(1", "expected ')'", 5},
      {"foo(1)", "unknown function 'foo'", 0},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.tests);
    auto compiled = UnaryTests::compile(c.tests);
    ASSERT_TRUE(std::holds_alternative<CompileError>(compiled));
    EXPECT_EQ(std::get<CompileError>(compiled).message, c.message);
    EXPECT_EQ(std::get<CompileError>(compiled).offset, c.offset);
  }
}

TEST(UnaryTests, TypeErrorsAreInvalidArgument) {
  const Result<Value> r = check("< 5", "abc");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::InvalidArgument);
  EXPECT_EQ(r.status().message(), R"~(type error: cannot compare string with number in "< 5")~");
}

TEST(UnaryTests, ReadNamesWithSpacesTheyAreToldOf) {
  const std::vector<std::string> known = {"Upper Limit"};
  auto compiled = UnaryTests::compile("< Upper Limit", known);
  ASSERT_TRUE(std::holds_alternative<UnaryTests>(compiled));
  const Value vars(Object{{"Upper Limit", 10}});
  const UnaryTests& tests = std::get<UnaryTests>(compiled);
  EXPECT_EQ(show(*tests.evaluate(9, ObjectLookup(vars))), "boolean true");
  EXPECT_EQ(show(*tests.evaluate(10, ObjectLookup(vars))), "boolean false");
  EXPECT_TRUE(std::holds_alternative<CompileError>(UnaryTests::compile("< Upper Limit")));
}

}  // namespace
}  // namespace wf::expr
