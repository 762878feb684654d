// Tests for compile errors: the message, and the byte offset into the text
// as the modeller wrote it (including a `=` prefix), which the model reader
// turns into file:line:col.
#include <gtest/gtest.h>

#include <string>

#include "expr/expression.h"

namespace wf::expr {
namespace {

struct ErrorCase {
  std::string text;
  std::string message;
  size_t offset;
};

TEST(FeelCompileErrors, NameTheProblemAndItsOffset) {
  const ErrorCase cases[] = {
      {"", "empty expression", 0},
      {"=", "empty expression", 1},
      {"   ", "empty expression", 3},
      {"(1 + 2))", "unexpected token ')'", 7},
      {"=(1 + 2))", "unexpected token ')'", 8},
      {"1 +", "unexpected end of expression", 3},
      {"foo(1)", "unknown function 'foo'", 0},
      {"= 1 + bar(2)", "unknown function 'bar'", 6},
      {"\"abc", "unterminated string", 0},
      {"= a + \"abc", "unterminated string", 6},
      {"if a > 1 \"x\" else \"y\"", "expected 'then'", 9},
      {"if a then 1", "expected 'else'", 11},
      {"(1 + 2", "expected ')'", 6},
      {"[1, 2", "expected ']'", 5},
      {"{a 1}", "expected ':'", 3},
      {"{a: 1, a: 2}", "duplicate context key 'a'", 7},
      {"{1: 2}", "expected a context key", 1},
      {"a.", "expected a name after '.'", 2},
      {"a # b", "unexpected character '#'", 2},
      {"\"\\q\"", "bad escape in string", 1},
      {"\"\\u12\"", "bad \\u escape", 5},
      {"\"\\ud800\"", "unpaired surrogate in \\u escape", 1},
      {"@\"yesterday\"", "invalid temporal literal \"yesterday\"", 0},
      {"@x", "expected '\"' after '@'", 1},
      {"x in [1..5", "expected ']', '[' or ')' to close the range", 10},
      {"a b", "unexpected token 'b'", 2},
      {"1 2", "unexpected token '2'", 2},
      {"12abc", "invalid number", 0},
      {"then", "unexpected token 'then'", 0},
      {"some in xs satisfies true", "expected a variable name", 5},
      {"every x in xs true", "expected 'satisfies'", 14},
      {"1 between 2 3", "expected 'and'", 12},
      {"substring(\"a\")", "function 'substring' expects 2 to 3 arguments, got 1", 0},
      {"count(1, 2)", "function 'count' expects 1 argument, got 2", 0},
      {"sum()", "function 'sum' expects 1 or more arguments, got 0", 0},
      {"not 5", "unexpected token 'not'", 0},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.text);
    auto compiled = Expression::compile(c.text);
    ASSERT_TRUE(std::holds_alternative<CompileError>(compiled));
    EXPECT_EQ(std::get<CompileError>(compiled).message, c.message);
    EXPECT_EQ(std::get<CompileError>(compiled).offset, c.offset);
  }
}

TEST(FeelCompileErrors, DeepNestingIsRefusedNotACrash) {
  const std::string deep = std::string(5000, '(') + "1" + std::string(5000, ')');
  auto compiled = Expression::compile(deep);
  ASSERT_TRUE(std::holds_alternative<CompileError>(compiled));
  EXPECT_EQ(std::get<CompileError>(compiled).message, "expression nested too deeply");

  std::string minus(5000, '-');
  compiled = Expression::compile(minus + "1");
  ASSERT_TRUE(std::holds_alternative<CompileError>(compiled));

  const std::string fine = std::string(50, '(') + "1" + std::string(50, ')');
  EXPECT_TRUE(std::holds_alternative<Expression>(Expression::compile(fine)));
}

TEST(FeelCompileErrors, LongOperatorChainsAreBoundedButOrdinaryOnesCompile) {
  std::string chain = "1";
  for (int i = 0; i < 100000; ++i) chain += " + 1";
  auto compiled = Expression::compile(chain);
  ASSERT_TRUE(std::holds_alternative<CompileError>(compiled));
  EXPECT_EQ(std::get<CompileError>(compiled).message, "expression nested too deeply");

  std::string path = "a";
  for (int i = 0; i < 100000; ++i) path += ".b";
  EXPECT_TRUE(std::holds_alternative<CompileError>(Expression::compile(path)));

  std::string ok = "1";
  for (int i = 0; i < 300; ++i) ok += " + 1";
  compiled = Expression::compile(ok);
  ASSERT_TRUE(std::holds_alternative<Expression>(compiled));
  const Value none(Object{});
  const Result<Value> r = std::get<Expression>(compiled).evaluate(ObjectLookup(none));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->asNumber(), 301);
}

TEST(FeelCompileErrors, BuiltinNamesWithSpacesNeedTheirParenthesis) {
  // `string length` without a call is two names, not a function.
  auto compiled = Expression::compile("string length");
  ASSERT_TRUE(std::holds_alternative<CompileError>(compiled));
  EXPECT_EQ(std::get<CompileError>(compiled).message, "unexpected token 'length'");
  EXPECT_EQ(std::get<CompileError>(compiled).offset, 7u);
}

}  // namespace
}  // namespace wf::expr
