// FEEL equality and ordering of values, shared by the operators and by the
// built-ins that compare (min, max, list contains).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "wf/status.h"
#include "wf/value.h"

namespace wf::expr {

// FEEL `=`: deep, numbers by value, date-times by instant. Values of
// different kinds are not equal (rather than null) so that `x = "a"` is a
// usable gateway condition whatever x holds; null equals only null.
bool feelEquals(const Value& a, const Value& b);

// Ordering of two non-null values of the same orderable kind: -1, 0 or 1.
// nullopt when the kinds cannot be ordered against each other (booleans,
// lists, a number against a string, years-months against days-time).
std::optional<int> feelCompare(const Value& a, const Value& b);

// `type error: <what> in "<source>"`, InvalidArgument.
Status typeError(std::string_view what, std::string_view source);

// `<what> in "<source>"`, InvalidArgument, for errors that are not about types.
Status evalError(std::string_view what, std::string_view source);

}  // namespace wf::expr
