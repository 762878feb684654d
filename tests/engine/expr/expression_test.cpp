// Tests for FEEL expressions: literals, names and paths, operators, logic,
// ranges, filters, quantifiers, null semantics and run-time type errors.
#include "expr/expression.h"

#include <gtest/gtest.h>

#include "engine/expr/expr_test_support.h"

#include <string>
#include <thread>
#include <vector>

namespace wf::expr {
namespace {

using testing::Case;
using testing::show;

Value variables() {
  return Value(Object{
      {"applicant",
       Object{{"age", 30}, {"name", "Li Wei"}, {"address", Object{{"city", "Hefei"}}}}},
      {"a", 2},
      {"b", 3},
      {"s", "abc"},
      {"flag", true},
      {"nothing", nullptr},
      {"xs", Array{1, 2, 3, 4, 5}},
      {"people", Array{Object{{"name", "A"}, {"age", 12}}, Object{{"name", "B"}, {"age", 40}},
                       Object{{"name", "C"}, {"age", 19}}}},
      {"材料", "身份证"},
  });
}

Result<Value> run(std::string_view text, const Value& vars = variables()) {
  return testing::evaluateText(text, vars);
}


void expectAll(const std::vector<Case>& cases) { testing::expectAll(cases, variables()); }

TEST(FeelLiterals, EvaluateToTheirValues) {
  expectAll({
      {"42", 42},
      {"3.25", 3.25},
      {"\"hello\"", "hello"},
      {R"~("a\"b\\c\n\u4E2D")~", "a\"b\\c\n中"},
      {R"~("\ud83d\ude00")~", "\xF0\x9F\x98\x80"},
      {"true", true},
      {"false", false},
      {"null", Value()},
      {"[1, 2, \"x\"]", Array{1, 2, "x"}},
      {"[]", Array{}},
      {"{a: 1, \"b c\": 2}", Object{{"a", 1}, {"b c", 2}}},
      {"{first name: \"Li\"}", Object{{"first name", "Li"}}},
      {"{a: 1, b: a + 1}", Object{{"a", 1}, {"b", 2}}},
      {"{}", Object{}},
      {"@\"2026-01-01\"", *parseDate("2026-01-01")},
      {"@\"P5D\"", *parseDuration("P5D")},
      {"@\"2026-01-01T08:00:00+08:00\"", *parseDateTime("2026-01-01T08:00:00+08:00")},
      {"(((1)))", 1},
  });
}

TEST(FeelNames, ResolveVariablesAndPaths) {
  expectAll({
      {"a", 2},
      {"applicant.age", 30},
      {"applicant.address.city", "Hefei"},
      {"applicant.missing", Value()},
      {"applicant.missing.deeper", Value()},
      {"unknown", Value()},
      {"unknown.path", Value()},
      {"nothing.x", Value()},
      {"a.x", Value()},
      {"people.name", Array{"A", "B", "C"}},
      {"材料", "身份证"},
      {"{x: {y: 5}}.x.y", 5},
  });
}

TEST(FeelArithmetic, FollowsPrecedence) {
  expectAll({
      {"1 + 2 * 3", 7},
      {"(1 + 2) * 3", 9},
      {"10 - 4 - 3", 3},
      {"7 / 2", 3.5},
      {"2 ** 3", 8},
      {"2 * 3 ** 2", 18},
      {"-a + 5", 3},
      {"-(a + b)", -5},
      {"a * b - 1", 5},
      {"\"ab\" + \"cd\"", "abcd"},
      {"s + \"!\"", "abc!"},
      {"0.1 + 0.2", 0.30000000000000004},
  });
}

TEST(FeelArithmetic, NullOperandGivesNull) {
  expectAll({
      {"null + 1", Value()},
      {"1 - null", Value()},
      {"unknown * 2", Value()},
      {"nothing / 2", Value()},
      {"-nothing", Value()},
      {"\"a\" + null", Value()},
  });
}

TEST(FeelComparison, ComparesSameKinds) {
  expectAll({
      {"1 < 2", true},
      {"2 <= 2", true},
      {"3 > 4", false},
      {"4 >= 5", false},
      {"1 = 1.0", true},
      {"1 != 2", true},
      {"\"a\" < \"b\"", true},
      {"\"abc\" = s", true},
      {"[1, 2] = [1, 2]", true},
      {"{a: 1} = {a: 1}", true},
      {"{a: 1} = {a: 2}", false},
      {"applicant.age >= 18", true},
      {"1 = \"1\"", false},
      {"1 != \"1\"", true},
  });
}

TEST(FeelComparison, NullEqualsOnlyNullAndOrderingWithNullIsNull) {
  expectAll({
      {"null = null", true},
      {"nothing = null", true},
      {"unknown = null", true},
      {"a = null", false},
      {"a != null", true},
      {"null < 1", Value()},
      {"1 >= unknown", Value()},
  });
}

TEST(FeelLogic, UsesThreeValuedLogic) {
  expectAll({
      {"true and true", true},
      {"true and false", false},
      {"true and null", Value()},
      {"false and null", false},
      {"null and false", false},
      {"null and null", Value()},
      {"true or null", true},
      {"null or true", true},
      {"false or null", Value()},
      {"false or false", false},
      {"a > 1 and b > 2", true},
      {"a > 5 or b > 2", true},
      {"not(true)", false},
      {"not(false)", true},
      {"not(null)", Value()},
      {"not(5)", Value()},
      {"true and 5", Value()},
  });
}

TEST(FeelLogic, AndStopsAtFalseBeforeEvaluatingAnError) {
  expectAll({
      {"false and \"a\" * 2 = 1", false},
      {"true or \"a\" * 2 = 1", true},
  });
}

TEST(FeelIn, TestsMembershipRangesAndComparisons) {
  expectAll({
      {"2 in [1, 2, 3]", true},
      {"5 in [1, 2, 3]", false},
      {"3 in [1..5]", true},
      {"1 in (1..5]", false},
      {"5 in (1..5]", true},
      {"5 in [1..5)", false},
      {"5 in [1..5[", false},
      {"1 in ]1..5]", false},
      {"2 in ]1..5[", true},
      {"a in [a..b]", true},
      {"4 in (1, 4, 9)", true},
      {"4 in (< 0, > 3)", true},
      {"4 in < 3", false},
      {"4 in >= 4", true},
      {"\"b\" in [\"a\", \"b\"]", true},
      {"2 in xs", true},
      {"9 in xs", false},
      {"4 in 4", true},
      {"null in [1, null]", true},
      {"null in [1..5]", Value()},
      {"@\"2026-03-01\" in [@\"2026-01-01\"..@\"2026-12-31\"]", true},
  });
}

TEST(FeelBetween, IsInclusiveAndNullAware) {
  expectAll({
      {"3 between 1 and 5", true},
      {"1 between 1 and 5", true},
      {"5 between 1 and 5", true},
      {"6 between 1 and 5", false},
      {"null between 1 and 5", Value()},
      {"applicant.age between 18 and 60 and flag", true},
  });
}

TEST(FeelIf, NonTrueConditionTakesElse) {
  expectAll({
      {"if a > 1 then \"big\" else \"small\"", "big"},
      {"if a > 5 then \"big\" else \"small\"", "small"},
      {"if null then 1 else 2", 2},
      {"if 5 then 1 else 2", 2},
      {"if flag then if a = 2 then \"x\" else \"y\" else \"z\"", "x"},
      {"1 + (if true then 1 else 2)", 2},
  });
}

TEST(FeelFilter, IndexesFromOneAndFromTheEnd) {
  expectAll({
      {"xs[1]", 1},
      {"xs[5]", 5},
      {"xs[-1]", 5},
      {"xs[-5]", 1},
      {"xs[0]", Value()},
      {"xs[6]", Value()},
      {"xs[-6]", Value()},
      {"xs[a]", 2},
      {"xs[1.5]", Value()},
      {"[][1]", Value()},
      {"nothing[1]", Value()},
      {"people[2].name", "B"},
      {"\"solo\"[1]", "solo"},
  });
}

TEST(FeelFilter, KeepsItemsWhereConditionHolds) {
  expectAll({
      {"xs[item > 3]", Array{4, 5}},
      {"xs[item > 9]", Array{}},
      {"people[age > 18].name", Array{"B", "C"}},
      {"people[item.age < 18].name", Array{"A"}},
      {"people[age > a * 10]", Array{Object{{"name", "B"}, {"age", 40}}}},
      {"count(people[age >= 18])", 2},
      {"[][item > 1]", Array{}},
      {"[1, null, 3][item > 1]", Array{3}},
  });
}

TEST(FeelQuantifiers, SomeAndEvery) {
  expectAll({
      {"some x in xs satisfies x > 4", true},
      {"some x in xs satisfies x > 5", false},
      {"every x in xs satisfies x > 0", true},
      {"every x in xs satisfies x > 1", false},
      {"every p in people satisfies p.age > 10", true},
      {"some x in [] satisfies x > 1", false},
      {"every x in [] satisfies x > 1", true},
  });
}

TEST(FeelArithmetic, NumberDividedByZeroIsNull) {
  expectAll({
      {"a / 0", nullptr},
      {"(10 + 20) / 0", nullptr},
      {"a / 0 = null", true},
  });
}

TEST(FeelNames, WithSpacesAreReadAsOneNameWhenTheCompilerIsToldOfThem) {
  const std::vector<std::string> known = {"Monthly Salary", "Full Name", "Full Name Suffix"};
  const Value vars(Object{{"Monthly Salary", 1000},
                          {"Full Name", "Li Wei"},
                          {"Full Name Suffix", "Jr"},
                          {"Monthly", 7},
                          {"x", 3}});
  const std::vector<std::pair<const char*, Value>> cases = {
      {"12 * Monthly Salary", 12000},
      {"Monthly  Salary + 1", 1001},
      {"Monthly + 1", 8},
      {"\"Hello \" + Full Name", "Hello Li Wei"},
      {"Full Name Suffix", "Jr"},
      {"Monthly Salary > 10 and x between 1 and 5", true},
      {"if Monthly Salary > 10 then Full Name else x", "Li Wei"},
      {"Full Name in [\"Li Wei\"]", true},
  };
  for (const auto& [text, expected] : cases) {
    SCOPED_TRACE(text);
    auto compiled = Expression::compile(text, known);
    ASSERT_TRUE(std::holds_alternative<Expression>(compiled));
    const Result<Value> r = std::get<Expression>(compiled).evaluate(ObjectLookup(vars));
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(show(*r), show(expected));
  }
  // Without being told, two names in a row are still a compile error.
  EXPECT_TRUE(std::holds_alternative<CompileError>(Expression::compile("Monthly Salary")));
  EXPECT_TRUE(std::holds_alternative<CompileError>(Expression::compile("Monthly Wage", known)));
}

TEST(FeelTypeErrors, AreInvalidArgumentNamingTheExpression) {
  struct ErrorCase {
    const char* text;
    const char* message;
  };
  const ErrorCase cases[] = {
      {"\"a\" * 2", R"~(type error: cannot multiply string by number in ""a" * 2")~"},
      {"s * 2", R"~(type error: cannot multiply string by number in "s * 2")~"},
      {"s + 1", R"~(type error: cannot add number to string in "s + 1")~"},
      {"1 - s", R"~(type error: cannot subtract string from number in "1 - s")~"},
      {"true < 3", R"~(type error: cannot compare boolean with number in "true < 3")~"},
      {"true < false", R"~(type error: cannot compare boolean with boolean in "true < false")~"},
      {"-s", R"~(type error: cannot negate string in "-s")~"},
      {"1 + (2 * \"x\")", R"~(type error: cannot multiply number by string in "2 * "x"")~"},
      {"1 between \"a\" and 3",
       R"~(type error: cannot compare number with string in "1 between "a" and 3")~"},
      {"[1, 2] < [3]", R"~(type error: cannot compare list with list in "[1, 2] < [3]")~"},
      {"=s ** 2", R"~(type error: cannot raise string to the power of number in "s ** 2")~"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.text);
    const Result<Value> r = run(c.text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::InvalidArgument);
    EXPECT_EQ(r.status().message(), c.message);
  }
}

TEST(FeelIsDefined, TellsMissingFromNull) {
  expectAll({
      {"is defined(a)", true},
      {"is defined(nothing)", true},
      {"is defined(unknown)", false},
      {"is defined(applicant.age)", true},
      {"is defined(applicant.height)", false},
      {"is defined(unknown.x)", false},
  });
}

TEST(FeelPrefixes, EqualsSignAndPlainTextAreFeel) {
  expectAll({
      {"=a + b", 5},
      {"  = a + b", 5},
      {"a + b", 5},
  });
}

TEST(Expression, KeepsItsTextAndEvaluatesManyTimesWithDifferentVariables) {
  auto compiled = Expression::compile("=amount > limit");
  ASSERT_TRUE(std::holds_alternative<Expression>(compiled));
  const Expression& e = std::get<Expression>(compiled);
  EXPECT_EQ(e.text(), "=amount > limit");
  const Value low(Object{{"amount", 5}, {"limit", 10}});
  const Value high(Object{{"amount", 50}, {"limit", 10}});
  EXPECT_EQ(show(*e.evaluate(ObjectLookup(low))), show(false));
  EXPECT_EQ(show(*e.evaluate(ObjectLookup(high))), show(true));
}

TEST(Expression, EvaluatesConcurrentlyFromManyThreads) {
  auto compiled = Expression::compile("=sum(xs[item > limit]) + count(xs)");
  ASSERT_TRUE(std::holds_alternative<Expression>(compiled));
  const Expression& e = std::get<Expression>(compiled);
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const Value vars(Object{{"xs", Array{1, 2, 3, 4}}, {"limit", t}});
      // sum of xs above t, plus 4.
      const double expected = (t == 0 ? 10 : t == 1 ? 9 : t == 2 ? 7 : 4) + 4;
      for (int i = 0; i < 2000; ++i) {
        const Result<Value> r = e.evaluate(ObjectLookup(vars));
        if (!r.ok() || !r->isNumber() || r->asNumber() != expected) ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST(Expression, CopiesShareTheCompiledTree) {
  auto compiled = Expression::compile("a * 10");
  ASSERT_TRUE(std::holds_alternative<Expression>(compiled));
  const Expression copy = std::get<Expression>(compiled);
  compiled = Expression::compile("1");
  EXPECT_EQ(show(*copy.evaluate(ObjectLookup(variables()))), show(20));
}

}  // namespace
}  // namespace wf::expr
