// Evaluation of the compiled tree, and Expression::compile, which picks the
// dialect from the prefix (`=` FEEL, `${...}` JUEL, none FEEL).
//
// The tree is never modified after compile, and all per-evaluation state
// (the frames that bind `item`, filter members and quantifier variables)
// lives on the evaluating thread's stack, so evaluation is thread-safe.
// Nothing here throws: every failure is a Status naming the offending text.
#include "expr/evaluator.h"

#include <array>
#include <cmath>

#include "expr/comparison.h"
#include "expr/parser.h"
#include "expr/temporal_arithmetic.h"

namespace wf::expr {

namespace {

// Argument lists up to this size are kept on the stack.
constexpr size_t kInlineArgs = 4;

bool isTrue(const Value& v) { return v.isBool() && v.asBool(); }
bool isFalse(const Value& v) { return v.isBool() && !v.asBool(); }

const char* kindName(const Value& v) { return valueKindName(v.kind()); }

std::string verbPhrase(Op op, const Value& a, const Value& b) {
  const std::string l = kindName(a);
  const std::string r = kindName(b);
  switch (op) {
    case Op::Add:
      return "cannot add " + r + " to " + l;
    case Op::Subtract:
      return "cannot subtract " + r + " from " + l;
    case Op::Multiply:
      return "cannot multiply " + l + " by " + r;
    case Op::Divide:
      return "cannot divide " + l + " by " + r;
    case Op::Power:
      return "cannot raise " + l + " to the power of " + r;
    default:
      return "cannot compare " + l + " with " + r;
  }
}

bool isDuration(const Value& v) { return v.kind() == ValueKind::Duration; }

Duration scaleDuration(const Duration& d, double factor) {
  return Duration{static_cast<int64_t>(std::llround(static_cast<double>(d.months) * factor)),
                  static_cast<int64_t>(std::llround(static_cast<double>(d.millis) * factor)),
                  static_cast<int64_t>(std::llround(static_cast<double>(d.working_days) * factor))};
}

}  // namespace

std::optional<Value> Evaluator::resolve(std::string_view name, const Frame* frame) const {
  for (const Frame* f = frame; f != nullptr; f = f->parent) {
    if (f->value != nullptr && f->name == name) {
      return *f->value;
    }
    if (f->members != nullptr) {
      const auto it = f->members->find(name);
      if (it != f->members->end()) {
        return it->second;
      }
    }
  }
  return variables_.get(name);
}

Result<Value> Evaluator::eval(const Node& n, const Frame* frame) const {
  switch (n.kind_) {
    case NodeKind::Literal:
      return n.literal_;
    case NodeKind::Name: {
      std::optional<Value> v = resolve(n.name_, frame);
      if (!v) return Value();
      return std::move(*v);
    }
    case NodeKind::Path:
      return path(n, frame);
    case NodeKind::Filter:
      return filter(n, frame);
    case NodeKind::List: {
      Array items;
      items.reserve(n.children_.size());
      for (const auto& child : n.children_) {
        ASSIGN_OR_RETURN(Value v, eval(*child, frame));
        items.push_back(std::move(v));
      }
      return Value(std::move(items));
    }
    case NodeKind::Context: {
      // Later entries may use earlier ones: {a: 1, b: a + 1}.
      Object members;
      const Frame inner{frame, {}, nullptr, &members};
      for (size_t i = 0; i < n.children_.size(); ++i) {
        ASSIGN_OR_RETURN(Value v, eval(*n.children_[i], &inner));
        members.insert_or_assign(n.keys_[i], std::move(v));
      }
      return Value(std::move(members));
    }
    case NodeKind::Negate: {
      ASSIGN_OR_RETURN(const Value v, eval(*n.children_[0], frame));
      if (v.isNull()) return Value();
      if (v.isNumber()) return Value(-v.asNumber());
      if (isDuration(v)) return Value(scaleDuration(v.asDuration(), -1));
      return typeError(std::string("cannot negate ") + kindName(v), source(n));
    }
    case NodeKind::Not: {
      ASSIGN_OR_RETURN(const Value v, eval(*n.children_[0], frame));
      if (!v.isBool()) return Value();
      return Value(!v.asBool());
    }
    case NodeKind::Empty: {
      ASSIGN_OR_RETURN(const Value v, eval(*n.children_[0], frame));
      switch (v.kind()) {
        case ValueKind::Null:
          return Value(true);
        case ValueKind::String:
          return Value(v.asString().empty());
        case ValueKind::Array:
          return Value(v.asArray().empty());
        case ValueKind::Object:
          return Value(v.asObject().empty());
        default:
          return Value(false);
      }
    }
    case NodeKind::Arithmetic: {
      ASSIGN_OR_RETURN(const Value a, eval(*n.children_[0], frame));
      ASSIGN_OR_RETURN(const Value b, eval(*n.children_[1], frame));
      return arithmetic(n, a, b);
    }
    case NodeKind::Compare: {
      ASSIGN_OR_RETURN(const Value a, eval(*n.children_[0], frame));
      ASSIGN_OR_RETURN(const Value b, eval(*n.children_[1], frame));
      return compare(n, n.op_, a, b);
    }
    case NodeKind::And: {
      // FEEL three-valued logic; a false left side decides without the right.
      ASSIGN_OR_RETURN(const Value a, eval(*n.children_[0], frame));
      if (isFalse(a)) return Value(false);
      ASSIGN_OR_RETURN(const Value b, eval(*n.children_[1], frame));
      if (isFalse(b)) return Value(false);
      if (isTrue(a) && isTrue(b)) return Value(true);
      return Value();
    }
    case NodeKind::Or: {
      ASSIGN_OR_RETURN(const Value a, eval(*n.children_[0], frame));
      if (isTrue(a)) return Value(true);
      ASSIGN_OR_RETURN(const Value b, eval(*n.children_[1], frame));
      if (isTrue(b)) return Value(true);
      if (isFalse(a) && isFalse(b)) return Value(false);
      return Value();
    }
    case NodeKind::If: {
      ASSIGN_OR_RETURN(const Value c, eval(*n.children_[0], frame));
      return eval(*n.children_[isTrue(c) ? 1 : 2], frame);
    }
    case NodeKind::Between: {
      ASSIGN_OR_RETURN(const Value x, eval(*n.children_[0], frame));
      ASSIGN_OR_RETURN(const Value low, eval(*n.children_[1], frame));
      ASSIGN_OR_RETURN(const Value high, eval(*n.children_[2], frame));
      ASSIGN_OR_RETURN(const Value above, compare(n, Op::Ge, x, low));
      ASSIGN_OR_RETURN(const Value below, compare(n, Op::Le, x, high));
      if (above.isNull() || below.isNull()) return Value();
      return Value(above.asBool() && below.asBool());
    }
    case NodeKind::In: {
      ASSIGN_OR_RETURN(const Value x, eval(*n.children_[0], frame));
      return test(*n.children_[1], x, frame);
    }
    case NodeKind::Call:
      return call(n, frame);
    case NodeKind::Some:
    case NodeKind::Every:
      return quantified(n, frame);
    case NodeKind::TestRange:
    case NodeKind::TestCompare:
    case NodeKind::TestValue:
    case NodeKind::TestAny:
    case NodeKind::TestNot:
    case NodeKind::TestDash:
      // The parser places tests only under In or as a unary-tests root.
      return Status::internal("unary test evaluated as an expression");
  }
  return Status::internal("unknown expression node");
}

Result<Value> Evaluator::test(const Node& t, const Value& input, const Frame* frame) const {
  switch (t.kind_) {
    case NodeKind::TestDash:
      return Value(true);
    case NodeKind::TestValue: {
      ASSIGN_OR_RETURN(const Value v, eval(*t.children_[0], frame));
      // A test that is itself a condition on the input (`? > 5`) yields
      // its boolean; any other value is compared with the input.
      if (t.uses_input_) {
        return v.isBool() ? v : Value();
      }
      if (v.isArray()) {
        for (const Value& item : v.asArray()) {
          if (feelEquals(item, input)) return Value(true);
        }
        return Value(false);
      }
      return Value(feelEquals(v, input));
    }
    case NodeKind::TestCompare: {
      ASSIGN_OR_RETURN(const Value endpoint, eval(*t.children_[0], frame));
      return compare(t, t.op_, input, endpoint);
    }
    case NodeKind::TestRange: {
      ASSIGN_OR_RETURN(const Value low, eval(*t.children_[0], frame));
      ASSIGN_OR_RETURN(const Value high, eval(*t.children_[1], frame));
      ASSIGN_OR_RETURN(const Value above, compare(t, t.low_closed_ ? Op::Ge : Op::Gt, input, low));
      ASSIGN_OR_RETURN(const Value below,
                       compare(t, t.high_closed_ ? Op::Le : Op::Lt, input, high));
      if (above.isNull() || below.isNull()) return Value();
      return Value(above.asBool() && below.asBool());
    }
    case NodeKind::TestAny: {
      bool saw_null = false;
      for (const auto& child : t.children_) {
        ASSIGN_OR_RETURN(const Value r, test(*child, input, frame));
        if (isTrue(r)) return Value(true);
        saw_null = saw_null || !r.isBool();
      }
      return saw_null ? Value() : Value(false);
    }
    case NodeKind::TestNot: {
      ASSIGN_OR_RETURN(const Value r, test(*t.children_[0], input, frame));
      if (!r.isBool()) return Value();
      return Value(!r.asBool());
    }
    default: {
      // A plain expression used as a test: satisfied when it equals the input.
      ASSIGN_OR_RETURN(const Value v, eval(t, frame));
      return Value(feelEquals(v, input));
    }
  }
}

Result<Value> Evaluator::arithmetic(const Node& n, const Value& a, const Value& b) const {
  if (a.isNull() || b.isNull()) return Value();
  const Op op = n.op_;
  if (a.isNumber() && b.isNumber()) {
    const double x = a.asNumber();
    const double y = b.asNumber();
    switch (op) {
      case Op::Add:
        return Value(x + y);
      case Op::Subtract:
        return Value(x - y);
      case Op::Multiply:
        return Value(x * y);
      case Op::Divide:
        // FEEL: a number divided by zero is null, not an error (DMN TCK 0105).
        if (y == 0) return Value();
        return Value(x / y);
      case Op::Power:
        return Value(std::pow(x, y));
      default:
        break;
    }
  }
  if (op == Op::Add && a.isString() && b.isString()) {
    return Value(a.asString() + b.asString());
  }
  const ValueKind ka = a.kind();
  const ValueKind kb = b.kind();
  const bool add_or_sub = op == Op::Add || op == Op::Subtract;
  const int sign = op == Op::Subtract ? -1 : 1;
  // Temporal + duration, duration + temporal (addition only).
  const Value* temporal = nullptr;
  const Value* duration = nullptr;
  if (add_or_sub && isDuration(b) && (ka == ValueKind::Date || ka == ValueKind::DateTime)) {
    temporal = &a;
    duration = &b;
  } else if (op == Op::Add && isDuration(a) &&
             (kb == ValueKind::Date || kb == ValueKind::DateTime)) {
    temporal = &b;
    duration = &a;
  }
  if (temporal != nullptr) {
    const Duration& d = duration->asDuration();
    if (d.working_days != 0) {
      return evalError("working-day durations need a calendar", source(n));
    }
    if (temporal->kind() == ValueKind::Date) {
      return Value(addToDate(temporal->asDate(), d, sign));
    }
    return Value(addToDateTime(temporal->asDateTime(), d, sign));
  }
  if (op == Op::Subtract && ka == kb && ka == ValueKind::Date) {
    return Value(subtractDates(a.asDate(), b.asDate()));
  }
  if (op == Op::Subtract && ka == kb && ka == ValueKind::DateTime) {
    return Value(subtractDateTimes(a.asDateTime(), b.asDateTime()));
  }
  if (add_or_sub && isDuration(a) && isDuration(b)) {
    const Duration& x = a.asDuration();
    const Duration& y = b.asDuration();
    const Duration sum{x.months + sign * y.months, x.millis + sign * y.millis,
                       x.working_days + sign * y.working_days};
    if (sum.working_days != 0 && (sum.months != 0 || sum.millis != 0)) {
      return typeError("cannot combine working-day and calendar durations", source(n));
    }
    return Value(sum);
  }
  if (op == Op::Multiply && isDuration(a) && b.isNumber()) {
    return Value(scaleDuration(a.asDuration(), b.asNumber()));
  }
  if (op == Op::Multiply && a.isNumber() && isDuration(b)) {
    return Value(scaleDuration(b.asDuration(), a.asNumber()));
  }
  if (op == Op::Divide && isDuration(a) && b.isNumber()) {
    if (b.asNumber() == 0) return evalError("division by zero", source(n));
    return Value(scaleDuration(a.asDuration(), 1.0 / b.asNumber()));
  }
  if (op == Op::Divide && isDuration(a) && isDuration(b)) {
    const Duration& x = a.asDuration();
    const Duration& y = b.asDuration();
    if (x.months == 0 && y.months == 0 && x.working_days == 0 && y.working_days == 0) {
      if (y.millis == 0) return evalError("division by zero", source(n));
      return Value(static_cast<double>(x.millis) / static_cast<double>(y.millis));
    }
    if (x.millis == 0 && y.millis == 0 && x.working_days == 0 && y.working_days == 0) {
      if (y.months == 0) return evalError("division by zero", source(n));
      return Value(static_cast<double>(x.months) / static_cast<double>(y.months));
    }
  }
  return typeError(verbPhrase(op, a, b), source(n));
}

Result<Value> Evaluator::compare(const Node& n, Op op, const Value& a, const Value& b) const {
  if (op == Op::Eq || op == Op::Ne) {
    const bool equal = (a.isNull() || b.isNull()) ? (a.isNull() && b.isNull()) : feelEquals(a, b);
    return Value(op == Op::Eq ? equal : !equal);
  }
  if (a.isNull() || b.isNull()) return Value();
  const std::optional<int> c = feelCompare(a, b);
  if (!c) return typeError(verbPhrase(op, a, b), source(n));
  switch (op) {
    case Op::Lt:
      return Value(*c < 0);
    case Op::Le:
      return Value(*c <= 0);
    case Op::Gt:
      return Value(*c > 0);
    default:
      return Value(*c >= 0);
  }
}

Result<Value> Evaluator::path(const Node& n, const Frame* frame) const {
  ASSIGN_OR_RETURN(const Value base, eval(*n.children_[0], frame));
  switch (base.kind()) {
    case ValueKind::Object: {
      const Value* member = base.find(n.name_);
      return member != nullptr ? *member : Value();
    }
    case ValueKind::Array: {
      // FEEL: a path on a list of contexts maps over the list.
      Array out;
      out.reserve(base.asArray().size());
      for (const Value& item : base.asArray()) {
        const Value* member = item.find(n.name_);
        out.push_back(member != nullptr ? *member : Value());
      }
      return Value(std::move(out));
    }
    case ValueKind::Date:
    case ValueKind::DateTime:
    case ValueKind::Duration: {
      std::optional<Value> property = temporalProperty(base, n.name_);
      return property ? std::move(*property) : Value();
    }
    default:
      return Value();
  }
}

Result<Value> Evaluator::filter(const Node& n, const Frame* frame) const {
  ASSIGN_OR_RETURN(const Value base, eval(*n.children_[0], frame));
  if (base.isNull()) return Value();
  // FEEL treats a single value as a list of one.
  const Array single = base.isArray() ? Array{} : Array{base};
  const Array& items = base.isArray() ? base.asArray() : single;
  const Node& selector = *n.children_[1];

  auto pick = [&](double index) -> Value {
    if (index != std::trunc(index) || !std::isfinite(index)) return Value();
    const auto size = static_cast<double>(items.size());
    if (index >= 1 && index <= size) return items[static_cast<size_t>(index) - 1];
    if (index < 0 && -index <= size) return items[static_cast<size_t>(size + index)];
    return Value();
  };

  if (selector.kind_ == NodeKind::Literal && selector.literal_.isNumber()) {
    return pick(selector.literal_.asNumber());
  }
  if (items.empty()) {
    ASSIGN_OR_RETURN(const Value probe, eval(selector, frame));
    if (probe.isNumber()) return Value();
    return Value(Array{});
  }
  // A number selects by index (xs[i]); anything else filters by condition,
  // evaluated with `item` and the item's members in scope.
  Array out;
  for (size_t i = 0; i < items.size(); ++i) {
    const Value& item = items[i];
    const Frame inner{frame, "item", &item, item.isObject() ? &item.asObject() : nullptr};
    ASSIGN_OR_RETURN(const Value r, eval(selector, &inner));
    if (i == 0 && r.isNumber()) {
      return pick(r.asNumber());
    }
    if (isTrue(r)) out.push_back(item);
  }
  return Value(std::move(out));
}

Result<Value> Evaluator::quantified(const Node& n, const Frame* frame) const {
  ASSIGN_OR_RETURN(const Value list, eval(*n.children_[0], frame));
  if (list.isNull()) return Value();
  const Array single = list.isArray() ? Array{} : Array{list};
  const Array& items = list.isArray() ? list.asArray() : single;
  const bool every = n.kind_ == NodeKind::Every;
  for (const Value& item : items) {
    const Frame inner{frame, n.name_, &item, nullptr};
    ASSIGN_OR_RETURN(const Value r, eval(*n.children_[1], &inner));
    if (every && !isTrue(r)) return Value(false);
    if (!every && isTrue(r)) return Value(true);
  }
  return Value(every);
}

Result<Value> Evaluator::call(const Node& n, const Frame* frame) const {
  const Builtin& builtin = *n.builtin_;
  if (builtin.fn == nullptr) {
    return isDefined(*n.children_[0], frame);
  }
  const size_t count = n.children_.size();
  std::array<Value, kInlineArgs> inline_args;
  std::vector<Value> heap_args;
  Value* args = inline_args.data();
  if (count > kInlineArgs) {
    heap_args.resize(count);
    args = heap_args.data();
  }
  for (size_t i = 0; i < count; ++i) {
    ASSIGN_OR_RETURN(args[i], eval(*n.children_[i], frame));
  }
  return builtin.fn(std::span<const Value>(args, count), source(n));
}

// is defined(x): false only for a variable or member that does not exist;
// a variable holding null is defined.
Result<Value> Evaluator::isDefined(const Node& arg, const Frame* frame) const {
  if (arg.kind_ == NodeKind::Name) {
    return Value(resolve(arg.name_, frame).has_value());
  }
  if (arg.kind_ == NodeKind::Path) {
    ASSIGN_OR_RETURN(const Value base, eval(*arg.children_[0], frame));
    if (base.isObject()) return Value(base.find(arg.name_) != nullptr);
    if (base.isNull()) return Value(false);
  }
  ASSIGN_OR_RETURN(const Value v, eval(arg, frame));
  (void)v;
  return Value(true);
}

std::optional<Value> ObjectLookup::get(std::string_view name) const {
  const Value* v = object_.find(name);
  if (v == nullptr) return std::nullopt;
  return *v;
}

std::variant<Expression, CompileError> Expression::compile(
    std::string_view text, std::span<const std::string> names_with_spaces) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t' || text[begin] == '\n' ||
                         text[begin] == '\r')) {
    ++begin;
  }
  Dialect dialect = Dialect::Feel;
  if (begin < end && text[begin] == '=') {
    ++begin;
  } else if (text.substr(begin, 2) == "${") {
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\n' ||
                           text[end - 1] == '\r')) {
      --end;
    }
    if (end < begin + 3 || text[end - 1] != '}') {
      return CompileError{"expected '}' to close '${'", end};
    }
    begin += 2;
    end -= 1;
    dialect = Dialect::Juel;
  }
  auto parsed = parseExpression(text, begin, end, dialect, names_with_spaces);
  if (auto* error = std::get_if<CompileError>(&parsed)) {
    return *error;
  }
  std::shared_ptr<const Node> root(std::move(std::get<NodePtr>(parsed)));
  return Expression(std::string(text), std::move(root));
}

Result<Value> Expression::evaluate(const VariableLookup& variables) const {
  return Evaluator(text_, variables).eval(*root_, nullptr);
}

}  // namespace wf::expr
