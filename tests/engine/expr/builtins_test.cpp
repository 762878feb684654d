// Tests for the built-in FEEL functions: results, null in gives null out,
// and type errors for arguments of the wrong kind.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/expr/expr_test_support.h"
#include "expr/expression.h"

namespace wf::expr {
namespace {


using testing::Case;
using testing::show;

Value variables() {
  return Value(Object{{"xs", Array{3, 1, 2}}, {"s", "Hall 政务"}, {"nothing", nullptr}});
}

Result<Value> run(std::string_view text) { return testing::evaluateText(text, variables()); }


void expectAll(const std::vector<Case>& cases) { testing::expectAll(cases, variables()); }

TEST(FeelBuiltins, StringFunctions) {
  expectAll({
      {"string length(\"abc\")", 3},
      {"string length(s)", 7},  // code points, not bytes
      {"string length(\"\")", 0},
      {"contains(\"foobar\", \"oba\")", true},
      {"contains(\"foobar\", \"x\")", false},
      {"starts with(\"foobar\", \"foo\")", true},
      {"starts with(\"foobar\", \"bar\")", false},
      {"ends with(\"foobar\", \"bar\")", true},
      {"ends with(s, \"政务\")", true},
      {"upper case(\"aBc 政\")", "ABC 政"},
      {"lower case(\"aBc\")", "abc"},
      {"substring(\"foobar\", 3)", "obar"},
      {"substring(\"foobar\", 3, 3)", "oba"},
      {"substring(\"foobar\", -2, 1)", "a"},
      {"substring(\"foobar\", 1, 100)", "foobar"},
      {"substring(\"foobar\", 7)", ""},
      {"substring(s, 6, 2)", "政务"},
      {"substring(\"foobar\", 0)", Value()},
  });
}

TEST(FeelBuiltins, Conversions) {
  expectAll({
      {"string(12)", "12"},
      {"string(1.5)", "1.5"},
      {"string(true)", "true"},
      {"string(\"x\")", "x"},
      {"string(null)", Value()},
      {"string(@\"2026-10-01\")", "2026-10-01"},
      {"string(@\"P1Y2M\")", "P1Y2M"},
      {"string([1, \"a\"])", "[1,\"a\"]"},
      {"number(\"12.5\")", 12.5},
      {"number(\"-3\")", -3},
      {"number(\"abc\")", Value()},
      {"number(\"12abc\")", Value()},
      {"number(\"\")", Value()},
      {"number(7)", 7},
      {"date(\"2026-10-01\")", *parseDate("2026-10-01")},
      {"date(2024, 2, 29)", *parseDate("2024-02-29")},
      {"date(2026, 2, 29)", Value()},
      {"date(\"not a date\")", Value()},
      {"date(date and time(\"2026-10-01T23:30:00+08:00\"))", *parseDate("2026-10-01")},
      {"date and time(\"2026-10-01T08:30:00Z\")", *parseDateTime("2026-10-01T08:30:00Z")},
      {"date and time(\"2026-10-01\")", *parseDateTime("2026-10-01T00:00:00")},
      {"duration(\"P3DT4H\")", *parseDuration("P3DT4H")},
      {"duration(\"P5WD\")", *parseDuration("P5WD")},
      {"duration(\"5 days\")", Value()},
  });
}

TEST(FeelBuiltins, ListAndNumberFunctions) {
  expectAll({
      {"count(xs)", 3},
      {"count([])", 0},
      {"sum(xs)", 6},
      {"sum(1, 2, 3.5)", 6.5},
      {"sum([])", Value()},
      {"sum([1, null])", Value()},
      {"min(xs)", 1},
      {"max(xs)", 3},
      {"min(4, 2, 8)", 2},
      {"max(\"a\", \"c\", \"b\")", "c"},
      {"max([@\"2026-01-01\", @\"2026-03-01\"])", *parseDate("2026-03-01")},
      {"min([])", Value()},
      {"mean(xs)", 2},
      {"mean([1, 2])", 1.5},
      {"mean([])", Value()},
      {"abs(-3)", 3},
      {"abs(@\"-P1D\")", *parseDuration("P1D")},
      {"floor(1.7)", 1},
      {"floor(-1.2)", -2},
      {"ceiling(1.2)", 2},
      {"floor(1.567, 2)", 1.56},
      {"list contains(xs, 2)", true},
      {"list contains(xs, 9)", false},
      {"list contains([1, null], null)", true},
      {"not(1 > 2)", true},
  });
}

TEST(FeelBuiltins, NullArgumentGivesNull) {
  expectAll({
      {"string length(null)", Value()},
      {"contains(nothing, \"a\")", Value()},
      {"starts with(\"a\", null)", Value()},
      {"upper case(nothing)", Value()},
      {"substring(null, 1)", Value()},
      {"count(nothing)", Value()},
      {"abs(null)", Value()},
      {"date(null)", Value()},
      {"duration(null)", Value()},
      {"list contains(null, 1)", Value()},
      {"max(1, null)", Value()},
  });
}

TEST(FeelBuiltins, WrongKindIsATypeError) {
  struct ErrorCase {
    const char* text;
    const char* message;
  };
  const ErrorCase cases[] = {
      {"string length(5)",
       R"~(type error: string length expects a string, got number in "string length(5)")~"},
      {"count(\"abc\")", R"~(type error: count expects a list, got string in "count("abc")")~"},
      {"sum([1, \"a\"])", R"~(type error: sum expects numbers, got string in "sum([1, "a"])")~"},
      {"abs(\"x\")", R"~(type error: abs expects a number, got string in "abs("x")")~"},
      {"max(1, \"a\")", R"~(type error: max cannot compare string with number in "max(1, "a")")~"},
      {"contains(1, \"a\")",
       R"~(type error: contains expects a string, got number in "contains(1, "a")")~"},
      {"date(true)", R"~(type error: date expects a string, got boolean in "date(true)")~"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.text);
    const Result<Value> r = run(c.text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::InvalidArgument);
    EXPECT_EQ(r.status().message(), c.message);
  }
}

}  // namespace
}  // namespace wf::expr
