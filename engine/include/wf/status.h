// Status and Result<T>: how every fallible call in the engine reports failure.
//
// A Status is a code, a message for people, and optional structured details
// (a JSON value, e.g. the list of diagnostics of a refused deployment).
// Result<T> holds either a T or a non-ok Status. Both are cheap to move and
// carry no thread affinity.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "wf/value.h"

namespace wf {

enum class StatusCode {
  Ok,
  InvalidArgument,   // bad input: a model, a variable, a request field
  NotFound,          // no such definition, instance, task or job
  Conflict,          // the entity is not in a state that allows the command
  Unauthenticated,   // missing or wrong credentials
  PermissionDenied,  // known caller, forbidden action
  Unavailable,       // the store or another dependency failed; retrying may help
  Internal,          // a broken invariant
};

const char* statusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, Value details = Value())
      : code_(code), message_(std::move(message)), details_(std::move(details)) {}

  static Status ok() { return Status(); }
  static Status invalid(std::string m, Value d = Value()) {
    return {StatusCode::InvalidArgument, std::move(m), std::move(d)};
  }
  static Status notFound(std::string m) { return {StatusCode::NotFound, std::move(m)}; }
  static Status conflict(std::string m) { return {StatusCode::Conflict, std::move(m)}; }
  static Status unavailable(std::string m) { return {StatusCode::Unavailable, std::move(m)}; }
  static Status internal(std::string m) { return {StatusCode::Internal, std::move(m)}; }
  static Status unauthenticated(std::string m) {
    return {StatusCode::Unauthenticated, std::move(m)};
  }
  static Status permissionDenied(std::string m) {
    return {StatusCode::PermissionDenied, std::move(m)};
  }

  bool isOk() const { return code_ == StatusCode::Ok; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const Value& details() const { return details_; }
  std::string toString() const;

 private:
  StatusCode code_ = StatusCode::Ok;
  std::string message_;
  Value details_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(data_).isOk());
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace wf

#define WF_CONCAT_INNER(a, b) a##b
#define WF_CONCAT(a, b) WF_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                  \
  do {                                         \
    ::wf::Status wf_status_ = (expr);          \
    if (!wf_status_.isOk()) return wf_status_; \
  } while (false)

#define WF_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()

#define ASSIGN_OR_RETURN(lhs, expr) \
  WF_ASSIGN_OR_RETURN_IMPL(WF_CONCAT(wf_result_, __LINE__), lhs, expr)

// Broken invariants stop loudly, also in release builds.
#define WF_CHECK(cond)                                         \
  do {                                                         \
    if (!(cond)) ::wf::checkFailed(#cond, __FILE__, __LINE__); \
  } while (false)

namespace wf {
[[noreturn]] void checkFailed(const char* what, const char* file, int line);
}  // namespace wf
