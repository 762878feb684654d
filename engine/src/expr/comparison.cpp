// FEEL equality and ordering, and the wording of run-time errors.
#include "expr/comparison.h"

namespace wf::expr {

namespace {

template <typename T>
int threeWay(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

std::optional<int> compareDurations(const Duration& a, const Duration& b) {
  const bool a_ym = a.millis == 0 && a.working_days == 0;
  const bool b_ym = b.millis == 0 && b.working_days == 0;
  const bool a_dt = a.months == 0 && a.working_days == 0;
  const bool b_dt = b.months == 0 && b.working_days == 0;
  const bool a_wd = a.months == 0 && a.millis == 0;
  const bool b_wd = b.months == 0 && b.millis == 0;
  // A zero duration belongs to every family, so check the families pairwise.
  if (a_dt && b_dt) {
    return threeWay(a.millis, b.millis);
  }
  if (a_ym && b_ym) {
    return threeWay(a.months, b.months);
  }
  if (a_wd && b_wd) {
    return threeWay(a.working_days, b.working_days);
  }
  return std::nullopt;
}

}  // namespace

bool feelEquals(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) {
    return false;
  }
  if (a.isArray()) {
    const Array& x = a.asArray();
    const Array& y = b.asArray();
    if (x.size() != y.size()) {
      return false;
    }
    for (size_t i = 0; i < x.size(); ++i) {
      if (!feelEquals(x[i], y[i])) {
        return false;
      }
    }
    return true;
  }
  if (a.isObject()) {
    const Object& x = a.asObject();
    const Object& y = b.asObject();
    if (x.size() != y.size()) {
      return false;
    }
    for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
      if (i->first != j->first || !feelEquals(i->second, j->second)) {
        return false;
      }
    }
    return true;
  }
  return a == b;
}

std::optional<int> feelCompare(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) {
    return std::nullopt;
  }
  switch (a.kind()) {
    case ValueKind::Number:
      if (a.asNumber() != a.asNumber() || b.asNumber() != b.asNumber()) {
        return std::nullopt;  // NaN has no place in an order
      }
      return threeWay(a.asNumber(), b.asNumber());
    case ValueKind::String:
      // Byte order of UTF-8 is code point order.
      return threeWay(a.asString(), b.asString());
    case ValueKind::Date:
      return threeWay(a.asDate().days, b.asDate().days);
    case ValueKind::DateTime:
      return threeWay(a.asDateTime().epoch_millis, b.asDateTime().epoch_millis);
    case ValueKind::Duration:
      return compareDurations(a.asDuration(), b.asDuration());
    default:
      return std::nullopt;
  }
}

Status typeError(std::string_view what, std::string_view source) {
  std::string message = "type error: ";
  message += what;
  message += " in \"";
  message += source;
  message += '"';
  return Status::invalid(std::move(message));
}

Status evalError(std::string_view what, std::string_view source) {
  std::string message(what);
  message += " in \"";
  message += source;
  message += '"';
  return Status::invalid(std::move(message));
}

}  // namespace wf::expr
