// The built-in FEEL functions the engine supports, resolved by name at compile
// time so that evaluation calls through a plain function pointer.
#pragma once

#include <span>
#include <string_view>

#include "wf/status.h"
#include "wf/value.h"

namespace wf::expr {

// `source` is the text of the call, quoted in error messages.
using BuiltinFn = Result<Value> (*)(std::span<const Value> args, std::string_view source);

struct Builtin {
  std::string_view name;  // may contain spaces: "string length"
  int min_args;
  int max_args;  // -1: any number
  BuiltinFn fn;
};

// The built-in with this exact name, or nullptr.
const Builtin* findBuiltin(std::string_view name);

}  // namespace wf::expr
