// Compiled DMN unary tests: the input-entry cells of a decision table
// (`< 5`, `[1..5]`, `"a","b"`, `not("x")`, `-`, `? > count(limits)`).
//
// Like Expression, compiled once into an immutable tree and evaluated many
// times, from any thread. `?` names the input value inside a test.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "expr/expression.h"

namespace wf::expr {

class UnaryTests {
 public:
  // `names_with_spaces` as for Expression::compile.
  static std::variant<UnaryTests, CompileError> compile(
      std::string_view text, std::span<const std::string> names_with_spaces = {});

  // True when `input` satisfies any of the tests (or none, under not(...)),
  // false when it does not, null when that cannot be decided (a null input
  // against a range). Type errors are InvalidArgument, as for Expression.
  Result<Value> evaluate(const Value& input, const VariableLookup& variables) const;

  const std::string& text() const { return text_; }

 private:
  UnaryTests(std::string text, std::shared_ptr<const Node> root)
      : text_(std::move(text)), root_(std::move(root)) {}

  std::string text_;
  std::shared_ptr<const Node> root_;
};

}  // namespace wf::expr
