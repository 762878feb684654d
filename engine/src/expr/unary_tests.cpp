// DMN unary tests: parsing through the shared parser, evaluation through the
// shared evaluator with `?` bound to the input.
#include "expr/unary_tests.h"

#include "expr/evaluator.h"
#include "expr/parser.h"

namespace wf::expr {

std::variant<UnaryTests, CompileError> UnaryTests::compile(
    std::string_view text, std::span<const std::string> names_with_spaces) {
  auto parsed = parseUnaryTests(text, 0, text.size(), names_with_spaces);
  if (auto* error = std::get_if<CompileError>(&parsed)) {
    return *error;
  }
  std::shared_ptr<const Node> root(std::move(std::get<NodePtr>(parsed)));
  return UnaryTests(std::string(text), std::move(root));
}

Result<Value> UnaryTests::evaluate(const Value& input, const VariableLookup& variables) const {
  const Frame input_frame{nullptr, "?", &input, nullptr};
  return Evaluator(text_, variables).test(*root_, input, &input_frame);
}

}  // namespace wf::expr
