// The built-in FEEL functions. As in FEEL, a null where a value is needed
// gives null; a value of the wrong kind is a type error (an incident at run
// time) rather than a silent null, so that bad data is noticed.
#include "expr/builtins.h"

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>

#include "expr/comparison.h"

namespace wf::expr {

namespace {

using Args = std::span<const Value>;

Status wrongKind(std::string_view fn, std::string_view expected, const Value& got,
                 std::string_view source) {
  std::string what(fn);
  what += " expects ";
  what += expected;
  what += ", got ";
  what += valueKindName(got.kind());
  return typeError(what, source);
}

bool anyNull(Args args) {
  for (const Value& v : args) {
    if (v.isNull()) return true;
  }
  return false;
}

// Characters, not bytes: FEEL counts Unicode code points.
size_t codePoints(std::string_view s) {
  size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Byte offset of the code point with index `cp` (0-based), or s.size().
size_t byteOffset(std::string_view s, size_t cp) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == cp) return i;
      ++seen;
    }
  }
  return s.size();
}

Result<Value> requireStrings(std::string_view fn, Args args, std::string_view source) {
  for (const Value& v : args) {
    if (!v.isString()) return wrongKind(fn, "a string", v, source);
  }
  return Value(true);
}

Result<Value> stringLength(Args args, std::string_view source) {
  if (args[0].isNull()) return Value();
  if (!args[0].isString()) return wrongKind("string length", "a string", args[0], source);
  return Value(static_cast<double>(codePoints(args[0].asString())));
}

template <bool (*Test)(std::string_view, std::string_view)>
Result<Value> stringTest(std::string_view fn, Args args, std::string_view source) {
  if (anyNull(args)) return Value();
  ASSIGN_OR_RETURN(Value ok, requireStrings(fn, args, source));
  (void)ok;
  return Value(Test(args[0].asString(), args[1].asString()));
}

bool containsTest(std::string_view s, std::string_view p) {
  return s.find(p) != std::string_view::npos;
}
bool startsTest(std::string_view s, std::string_view p) { return s.starts_with(p); }
bool endsTest(std::string_view s, std::string_view p) { return s.ends_with(p); }

Result<Value> containsFn(Args args, std::string_view source) {
  return stringTest<containsTest>("contains", args, source);
}
Result<Value> startsWithFn(Args args, std::string_view source) {
  return stringTest<startsTest>("starts with", args, source);
}
Result<Value> endsWithFn(Args args, std::string_view source) {
  return stringTest<endsTest>("ends with", args, source);
}

// ASCII only: there is no locale in the engine, and Chinese has no case.
Result<Value> changeCase(std::string_view fn, bool upper, Args args, std::string_view source) {
  if (args[0].isNull()) return Value();
  if (!args[0].isString()) return wrongKind(fn, "a string", args[0], source);
  std::string s = args[0].asString();
  for (char& c : s) {
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return Value(std::move(s));
}
Result<Value> upperCase(Args args, std::string_view source) {
  return changeCase("upper case", true, args, source);
}
Result<Value> lowerCase(Args args, std::string_view source) {
  return changeCase("lower case", false, args, source);
}

// substring(s, start[, length]): 1-based, a negative start counts from the end.
Result<Value> substring(Args args, std::string_view source) {
  if (anyNull(args)) return Value();
  if (!args[0].isString()) return wrongKind("substring", "a string", args[0], source);
  for (size_t i = 1; i < args.size(); ++i) {
    if (!args[i].isNumber()) return wrongKind("substring", "a number", args[i], source);
  }
  const std::string& s = args[0].asString();
  const auto total = static_cast<int64_t>(codePoints(s));
  const double start_arg = std::trunc(args[1].asNumber());
  if (start_arg == 0 || std::isnan(start_arg)) return Value();
  int64_t start = start_arg > 0 ? static_cast<int64_t>(std::min(start_arg, 1e15)) - 1
                                : total + static_cast<int64_t>(std::max(start_arg, -1e15));
  if (start < 0) start = 0;
  if (start > total) start = total;
  int64_t length = total - start;
  if (args.size() == 3) {
    const double len_arg = std::trunc(args[2].asNumber());
    if (std::isnan(len_arg) || len_arg < 0) return Value();
    length = std::min<int64_t>(length, static_cast<int64_t>(std::min(len_arg, 1e15)));
  }
  const size_t from = byteOffset(s, static_cast<size_t>(start));
  const size_t to = byteOffset(s, static_cast<size_t>(start + length));
  return Value(s.substr(from, to - from));
}

Result<Value> stringFn(Args args, std::string_view) {
  const Value& v = args[0];
  switch (v.kind()) {
    case ValueKind::Null:
      return Value();
    case ValueKind::String:
      return v;
    case ValueKind::Bool:
      return Value(v.asBool() ? "true" : "false");
    case ValueKind::Date:
      return Value(formatDate(v.asDate()));
    case ValueKind::DateTime:
      return Value(formatDateTime(v.asDateTime()));
    case ValueKind::Duration:
      return Value(formatDuration(v.asDuration()));
    default:
      return Value(v.toJson());
  }
}

// number("12.5"); text that is not a number gives null, as in FEEL.
Result<Value> numberFn(Args args, std::string_view source) {
  const Value& v = args[0];
  if (v.isNull() || v.isNumber()) return v;
  if (!v.isString()) return wrongKind("number", "a string", v, source);
  const std::string& s = v.asString();
  if (s.empty() || s[0] == '+') return Value();
  double d = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), d);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(d)) return Value();
  return Value(d);
}

// Aggregates take one list or the values themselves: sum([1, 2]) = sum(1, 2).
Args listOrArgs(Args args) {
  if (args.size() == 1 && args[0].isArray()) return Args(args[0].asArray());
  return args;
}

Result<Value> countFn(Args args, std::string_view source) {
  if (args[0].isNull()) return Value();
  if (!args[0].isArray()) return wrongKind("count", "a list", args[0], source);
  return Value(static_cast<double>(args[0].asArray().size()));
}

Result<Value> sumOf(std::string_view fn, Args items, std::string_view source) {
  double total = 0;
  for (const Value& v : items) {
    if (v.isNull()) return Value();
    if (!v.isNumber()) return wrongKind(fn, "numbers", v, source);
    total += v.asNumber();
  }
  return Value(total);
}

Result<Value> sumFn(Args args, std::string_view source) {
  const Args items = listOrArgs(args);
  if (items.empty()) return Value();
  return sumOf("sum", items, source);
}

Result<Value> meanFn(Args args, std::string_view source) {
  const Args items = listOrArgs(args);
  if (items.empty()) return Value();
  ASSIGN_OR_RETURN(const Value total, sumOf("mean", items, source));
  if (total.isNull()) return Value();
  return Value(total.asNumber() / static_cast<double>(items.size()));
}

Result<Value> extreme(std::string_view fn, int sign, Args args, std::string_view source) {
  const Args items = listOrArgs(args);
  if (items.empty()) return Value();
  const Value* best = nullptr;
  for (const Value& v : items) {
    if (v.isNull()) return Value();
    if (best == nullptr) {
      if (!feelCompare(v, v)) return wrongKind(fn, "comparable values", v, source);
      best = &v;
      continue;
    }
    const std::optional<int> c = feelCompare(v, *best);
    if (!c) {
      return typeError(std::string(fn) + " cannot compare " + valueKindName(v.kind()) + " with " +
                           valueKindName(best->kind()),
                       source);
    }
    if (*c * sign > 0) best = &v;
  }
  return *best;
}

Result<Value> minFn(Args args, std::string_view source) { return extreme("min", -1, args, source); }
Result<Value> maxFn(Args args, std::string_view source) { return extreme("max", 1, args, source); }

template <double (*F)(double)>
Result<Value> numeric(std::string_view fn, Args args, std::string_view source) {
  if (anyNull(args)) return Value();
  for (const Value& v : args) {
    if (!v.isNumber()) return wrongKind(fn, "a number", v, source);
  }
  if (args.size() == 2) {
    // An optional scale: floor(1.567, 2) = 1.56.
    const double scale = std::pow(10.0, std::trunc(args[1].asNumber()));
    return Value(F(args[0].asNumber() * scale) / scale);
  }
  return Value(F(args[0].asNumber()));
}

double absOf(double d) { return std::fabs(d); }
double floorOf(double d) { return std::floor(d); }
double ceilOf(double d) { return std::ceil(d); }

Result<Value> absFn(Args args, std::string_view source) {
  if (args[0].kind() == ValueKind::Duration) {
    Duration d = args[0].asDuration();
    d.months = d.months < 0 ? -d.months : d.months;
    d.millis = d.millis < 0 ? -d.millis : d.millis;
    d.working_days = d.working_days < 0 ? -d.working_days : d.working_days;
    return Value(d);
  }
  return numeric<absOf>("abs", args, source);
}
Result<Value> floorFn(Args args, std::string_view source) {
  return numeric<floorOf>("floor", args, source);
}
Result<Value> ceilingFn(Args args, std::string_view source) {
  return numeric<ceilOf>("ceiling", args, source);
}

constexpr int64_t kMillisPerDay = 86400000;

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// date("2026-10-01"), date(y, m, d), or the local date of a date-time.
// Text that is not a date gives null, as in FEEL.
Result<Value> dateFn(Args args, std::string_view source) {
  if (anyNull(args)) return Value();
  if (args.size() == 3) {
    for (const Value& v : args) {
      if (!v.isNumber()) return wrongKind("date", "numbers", v, source);
    }
    const double y = args[0].asNumber();
    const double m = args[1].asNumber();
    const double d = args[2].asNumber();
    if (y != std::trunc(y) || m != std::trunc(m) || d != std::trunc(d) || std::fabs(y) > 9999 ||
        m < 1 || m > 12 || d < 1 || d > 31) {
      return Value();
    }
    const std::chrono::year_month_day ymd{std::chrono::year{static_cast<int>(y)},
                                          std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return Value();
    return Value(Date{std::chrono::sys_days{ymd}.time_since_epoch().count()});
  }
  if (args.size() != 1) {
    return typeError("date expects 1 or 3 arguments", source);
  }
  const Value& v = args[0];
  if (v.kind() == ValueKind::Date) return v;
  if (v.kind() == ValueKind::DateTime) {
    const DateTime& dt = v.asDateTime();
    const int64_t local = dt.epoch_millis + (dt.has_offset ? dt.offset_minutes : 0) * 60000;
    return Value(Date{floorDiv(local, kMillisPerDay)});
  }
  if (!v.isString()) return wrongKind("date", "a string", v, source);
  if (auto d = parseDate(v.asString())) return Value(*d);
  return Value();
}

Result<Value> dateAndTimeFn(Args args, std::string_view source) {
  const Value& v = args[0];
  if (v.isNull()) return Value();
  if (v.kind() == ValueKind::DateTime) return v;
  if (v.kind() == ValueKind::Date) {
    DateTime dt;
    dt.epoch_millis = v.asDate().days * kMillisPerDay;
    dt.has_offset = false;
    return Value(dt);
  }
  if (!v.isString()) return wrongKind("date and time", "a string", v, source);
  if (auto dt = parseDateTime(v.asString())) return Value(*dt);
  if (auto d = parseDate(v.asString())) {
    DateTime dt;
    dt.epoch_millis = d->days * kMillisPerDay;
    dt.has_offset = false;
    return Value(dt);
  }
  return Value();
}

Result<Value> durationFn(Args args, std::string_view source) {
  const Value& v = args[0];
  if (v.isNull()) return Value();
  if (v.kind() == ValueKind::Duration) return v;
  if (!v.isString()) return wrongKind("duration", "a string", v, source);
  if (auto d = parseDuration(v.asString())) return Value(*d);
  return Value();
}

Result<Value> notFn(Args args, std::string_view) {
  if (!args[0].isBool()) return Value();
  return Value(!args[0].asBool());
}

Result<Value> listContains(Args args, std::string_view source) {
  if (args[0].isNull()) return Value();
  if (!args[0].isArray()) return wrongKind("list contains", "a list", args[0], source);
  for (const Value& item : args[0].asArray()) {
    if (feelEquals(item, args[1])) return Value(true);
  }
  return Value(false);
}

constexpr std::array<Builtin, 23> kBuiltins = {{
    {"string length", 1, 1, stringLength},
    {"contains", 2, 2, containsFn},
    {"starts with", 2, 2, startsWithFn},
    {"ends with", 2, 2, endsWithFn},
    {"upper case", 1, 1, upperCase},
    {"lower case", 1, 1, lowerCase},
    {"substring", 2, 3, substring},
    {"string", 1, 1, stringFn},
    {"number", 1, 1, numberFn},
    {"count", 1, 1, countFn},
    {"sum", 1, -1, sumFn},
    {"min", 1, -1, minFn},
    {"max", 1, -1, maxFn},
    {"mean", 1, -1, meanFn},
    {"abs", 1, 1, absFn},
    {"floor", 1, 2, floorFn},
    {"ceiling", 1, 2, ceilingFn},
    {"date", 1, 3, dateFn},
    {"date and time", 1, 1, dateAndTimeFn},
    {"duration", 1, 1, durationFn},
    {"not", 1, 1, notFn},
    {"list contains", 2, 2, listContains},
    // `is defined` needs to tell a missing variable from a null one, which
    // the evaluator does itself; see NodeKind::Call handling there.
    {"is defined", 1, 1, nullptr},
}};

}  // namespace

const Builtin* findBuiltin(std::string_view name) {
  for (const Builtin& b : kBuiltins) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

}  // namespace wf::expr
