// A compiled FEEL expression (the subset the engine supports).
//
// Expressions are compiled once, at deploy time, into an immutable tree that
// is shared by every evaluation; evaluation is thread-safe. Compile errors
// carry the offset in the expression text so the model reader can name the
// file:line:col. Run-time type errors are returned as Status, never thrown:
// the runtime turns them into an incident on the instance.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "wf/status.h"
#include "wf/value.h"

namespace wf::expr {

// Where names in an expression are looked up: the variable scopes of an
// element instance, a decision's inputs, a test's map.
class VariableLookup {
 public:
  virtual ~VariableLookup() = default;
  // The value of a top-level variable, or nullopt when it is not defined.
  virtual std::optional<Value> get(std::string_view name) const = 0;
};

// Lookup in a plain object value; handy for tests and for job payloads.
class ObjectLookup final : public VariableLookup {
 public:
  explicit ObjectLookup(const Value& object) : object_(object) {}
  std::optional<Value> get(std::string_view name) const override;

 private:
  const Value& object_;
};

struct CompileError {
  std::string message;
  size_t offset = 0;  // byte offset into the text given to compile()
};

class Node;  // the compiled tree; defined in the implementation

class Expression {
 public:
  // Compiles FEEL text. The text may be written `=expr` (Zeebe style) or
  // `${expr}` (Camunda 7 style); offsets in errors refer to the original text.
  // `names_with_spaces` are the names in scope that contain spaces (DMN
  // inputs such as `Monthly Salary`): FEEL reads their words as one name.
  static std::variant<Expression, CompileError> compile(
      std::string_view text, std::span<const std::string> names_with_spaces = {});

  Result<Value> evaluate(const VariableLookup& variables) const;

  const std::string& text() const { return text_; }

 private:
  Expression(std::string text, std::shared_ptr<const Node> root)
      : text_(std::move(text)), root_(std::move(root)) {}

  std::string text_;
  std::shared_ptr<const Node> root_;
};

}  // namespace wf::expr
