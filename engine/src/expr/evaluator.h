// Walks a compiled Node tree against a VariableLookup. An Evaluator lives for
// one evaluation on one thread; the tree it reads is shared and immutable.
#pragma once

#include <optional>
#include <string_view>

#include "expr/expression.h"
#include "expr/node.h"

namespace wf::expr {

// A name scope pushed by filters (`item` and the item's members), context
// literals (earlier entries) and quantifiers; chained on the stack.
struct Frame {
  const Frame* parent = nullptr;
  std::string_view name;  // bound to *value when value is set
  const Value* value = nullptr;
  const Object* members = nullptr;  // names visible as members
};

class Evaluator {
 public:
  // `text` is the original expression text that node spans point into.
  Evaluator(std::string_view text, const VariableLookup& variables)
      : text_(text), variables_(variables) {}

  Result<Value> eval(const Node& n, const Frame* frame) const;

  // Evaluates a unary test node against `input`: true, false or null.
  Result<Value> test(const Node& t, const Value& input, const Frame* frame) const;

 private:
  std::string_view source(const Node& n) const { return text_.substr(n.begin_, n.end_ - n.begin_); }
  std::optional<Value> resolve(std::string_view name, const Frame* frame) const;
  Result<Value> arithmetic(const Node& n, const Value& a, const Value& b) const;
  Result<Value> compare(const Node& n, Op op, const Value& a, const Value& b) const;
  Result<Value> path(const Node& n, const Frame* frame) const;
  Result<Value> filter(const Node& n, const Frame* frame) const;
  Result<Value> quantified(const Node& n, const Frame* frame) const;
  Result<Value> call(const Node& n, const Frame* frame) const;
  Result<Value> isDefined(const Node& arg, const Frame* frame) const;

  std::string_view text_;
  const VariableLookup& variables_;
};

}  // namespace wf::expr
