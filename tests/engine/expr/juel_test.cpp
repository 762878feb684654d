// Tests for the Camunda 7 `${...}` dialect: the JUEL operators and keywords
// that models migrated from Camunda 7 use, evaluated with FEEL semantics.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/expr/expr_test_support.h"
#include "expr/expression.h"

namespace wf::expr {
namespace {


using testing::Case;
using testing::show;

Result<Value> run(std::string_view text) {
  const Value vars(Object{{"approved", true},
                          {"amount", 1500},
                          {"status", "open"},
                          {"blank", ""},
                          {"none", Array{}},
                          {"nothing", nullptr},
                          {"order", Object{{"total", 99}}}});
  return testing::evaluateText(text, vars);
}


TEST(JuelExpressions, TranslateTheCommonSubset) {
  const std::vector<Case> cases = {
      {"${approved}", true},
      {"${approved == true}", true},
      {"${amount == 1500}", true},
      {"${amount != 1500}", false},
      {"${amount > 1000 && approved}", true},
      {"${amount > 1000 and !approved}", false},
      {"${amount < 1000 || approved}", true},
      {"${amount < 1000 or approved}", true},
      {"${!approved}", false},
      {"${not approved}", false},
      {"${not(approved)}", false},
      {"${amount gt 1000}", true},
      {"${amount ge 1500}", true},
      {"${amount lt 1500}", false},
      {"${amount le 1500}", true},
      {"${amount eq 1500}", true},
      {"${amount ne 1500}", false},
      {"${status == 'open'}", true},
      {"${status == \"open\"}", true},
      {"${'it\\'s'}", "it's"},
      {"${empty blank}", true},
      {"${empty none}", true},
      {"${empty nothing}", true},
      {"${empty undefinedVariable}", true},
      {"${empty status}", false},
      {"${!empty status}", true},
      {"${order.total * 2}", 198},
      {"${amount > 1000 ? 'big' : 'small'}", "big"},
      {"${amount > 9000 ? 'big' : 'small'}", "small"},
      {"${approved?'yes':'no'}", "yes"},
      {"  ${ approved }  ", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const Result<Value> r = run(c.text);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(show(*r), show(c.expected));
  }
}

TEST(JuelExpressions, OperatorsOnlyJuelKnowsAreRejectedInFeel) {
  struct ErrorCase {
    const char* text;
    const char* message;
    size_t offset;
  };
  const ErrorCase cases[] = {
      {"=amount == 1500", "unexpected token '=='", 8},
      {"=approved && true", "unexpected token '&&'", 10},
      {"=!approved", "unexpected token '!'", 1},
      {"=status = 'open'", "unexpected character '''", 10},
      {"=empty status", "unexpected token 'status'", 7},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.text);
    auto compiled = Expression::compile(c.text);
    ASSERT_TRUE(std::holds_alternative<CompileError>(compiled));
    EXPECT_EQ(std::get<CompileError>(compiled).message, c.message);
    EXPECT_EQ(std::get<CompileError>(compiled).offset, c.offset);
  }
}

TEST(JuelExpressions, ErrorOffsetsCountTheDollarBrace) {
  auto compiled = Expression::compile("${amount > }");
  ASSERT_TRUE(std::holds_alternative<CompileError>(compiled));
  EXPECT_EQ(std::get<CompileError>(compiled).message, "unexpected end of expression");
  EXPECT_EQ(std::get<CompileError>(compiled).offset, 11u);

  compiled = Expression::compile("${amount > 1");
  ASSERT_TRUE(std::holds_alternative<CompileError>(compiled));
  EXPECT_EQ(std::get<CompileError>(compiled).message, "expected '}' to close '${'");
  EXPECT_EQ(std::get<CompileError>(compiled).offset, 12u);

  compiled = Expression::compile("${}");
  ASSERT_TRUE(std::holds_alternative<CompileError>(compiled));
  EXPECT_EQ(std::get<CompileError>(compiled).message, "empty expression");
  EXPECT_EQ(std::get<CompileError>(compiled).offset, 2u);
}

TEST(JuelExpressions, TypeErrorsQuoteTheOriginalText) {
  const Result<Value> r = run("${status * 2}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            R"~(type error: cannot multiply string by number in "status * 2")~");
}

}  // namespace
}  // namespace wf::expr
