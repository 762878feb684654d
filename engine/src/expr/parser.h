// Recursive-descent parser from tokens to the Node tree. Two entry points:
// a full expression (FEEL, or the JUEL subset of Camunda 7 `${...}`), and a
// list of DMN unary tests (`< 5`, `[1..5]`, `"a","b"`, `not(...)`, `-`)
// evaluated against an input value.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "expr/expression.h"
#include "expr/lexer.h"
#include "expr/node.h"

namespace wf::expr {

// Parses text[begin, end); error offsets are into `text`. Words that spell
// one of `names_with_spaces` are read as that one name.
std::variant<NodePtr, CompileError> parseExpression(
    std::string_view text, size_t begin, size_t end, Dialect dialect,
    std::span<const std::string> names_with_spaces = {});

// Parses DMN unary tests in text[begin, end) into a test node.
std::variant<NodePtr, CompileError> parseUnaryTests(
    std::string_view text, size_t begin, size_t end,
    std::span<const std::string> names_with_spaces = {});

}  // namespace wf::expr
