// The compiled form of a FEEL expression: an immutable tree built once by the
// parser and shared by every evaluation. Nodes carry the byte span of the
// source text they came from, so that run-time errors can quote it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "expr/builtins.h"
#include "wf/value.h"

namespace wf::expr {

enum class NodeKind {
  Literal,     // literal_
  Name,        // name_: a variable, a filter member or a quantifier variable
  Path,        // children_[0].name_
  Filter,      // children_[0][children_[1]]: index or boolean filter
  List,        // [children_...]
  Context,     // {keys_[i]: children_[i]}
  Negate,      // -children_[0]
  Not,         // not(children_[0]), JUEL !x
  Empty,       // JUEL `empty x`
  Arithmetic,  // children_[0] op_ children_[1]
  Compare,     // children_[0] op_ children_[1]
  And,
  Or,
  If,       // if [0] then [1] else [2]
  Between,  // [0] between [1] and [2]
  In,       // [0] in [1], where [1] is a unary test node
  Call,     // builtin_(children_...)
  Some,     // some name_ in [0] satisfies [1]
  Every,    // every name_ in [0] satisfies [1]
  // Unary tests: evaluated against an input value rather than on their own.
  TestRange,    // [0]..[1] with low_closed_/high_closed_
  TestCompare,  // <op_> [0], e.g. `< 5`
  TestValue,    // a value: equal to it, or contained in it when it is a list
  TestAny,      // children_: true when any test holds
  TestNot,      // not(children_...)
  TestDash,     // `-`: always true
};

enum class Op { Add, Subtract, Multiply, Divide, Power, Eq, Ne, Lt, Le, Gt, Ge };

class Node {
 public:
  Node(NodeKind kind, size_t begin, size_t end) : kind_(kind), begin_(begin), end_(end) {}

  NodeKind kind_;
  size_t begin_;  // span in the original expression text
  size_t end_;
  Op op_ = Op::Add;
  Value literal_;
  std::string name_;
  std::vector<std::string> keys_;
  std::vector<std::unique_ptr<Node>> children_;
  const Builtin* builtin_ = nullptr;
  int height_ = 1;           // of the subtree; bounded by the parser
  bool uses_input_ = false;  // TestValue whose expression mentions `?`
  bool low_closed_ = true;
  bool high_closed_ = true;
};

using NodePtr = std::unique_ptr<Node>;

}  // namespace wf::expr
