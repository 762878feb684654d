// PrintResult<T>: what the ticket printer's functions return — a value, or a
// PrintError saying which TicketSlip field (if any) is at fault and why.
//
// Devices depend on nothing of ours but devices/protocol, so this is a small
// local type rather than the engine's wf::Result. A plain value type: copy it
// and share it between threads as freely as T.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace devices::printer {

struct PrintError {
  std::string field;    // the TicketSlip field at fault, e.g. "number"; empty when none is
  std::string message;  // for people, e.g. "must not be empty"

  // "number: must not be empty", or just the message when no field is at fault.
  std::string describe() const { return field.empty() ? message : field + ": " + message; }
};

template <typename T>
class [[nodiscard]] PrintResult {
 public:
  PrintResult(T value) : value_(std::move(value)) {}           // NOLINT: implicit by design
  PrintResult(PrintError error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }

  // Preconditions: ok() for value(), !ok() for error().
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  const PrintError& error() const { return error_; }

  const T& operator*() const& { return *value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  PrintError error_;
};

}  // namespace devices::printer
