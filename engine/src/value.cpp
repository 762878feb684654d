// Value: equality, compact JSON writing, strict JSON parsing, and the ISO 8601
// text forms of the temporal kinds. Calendar arithmetic uses std::chrono civil
// dates only; no time zone database is involved because date-times carry
// their own UTC offset.
#include "wf/value.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

#include "utf8.h"

namespace wf {

namespace {

constexpr int64_t kMillisPerSecond = 1000;
constexpr int64_t kMillisPerMinute = 60 * kMillisPerSecond;
constexpr int64_t kMillisPerHour = 60 * kMillisPerMinute;
constexpr int64_t kMillisPerDay = 24 * kMillisPerHour;
constexpr int kMaxJsonDepth = 256;
// Integers up to 2^53 are exact in a double, so they print without a point.
constexpr double kMaxExactInteger = 9007199254740992.0;

// Floor division, so that instants before 1970 land on the right day.
int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) {
    --q;
  }
  return q;
}

std::optional<int64_t> daysFromCivil(int64_t y, unsigned m, unsigned d) {
  if (y < -9999 || y > 99999) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{static_cast<int>(y)},
                                        std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

std::chrono::year_month_day civilFromDays(int64_t days) {
  return std::chrono::year_month_day{
      std::chrono::sys_days{std::chrono::days{static_cast<int>(days)}}};
}

void appendPadded(std::string& out, int64_t value, int width) {
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(value));
  out.append(buf, static_cast<size_t>(n));
}

void appendYmd(std::string& out, int64_t days) {
  const auto ymd = civilFromDays(days);
  const int year = static_cast<int>(ymd.year());
  if (year < 0) {
    out += '-';
  }
  appendPadded(out, year < 0 ? -static_cast<int64_t>(year) : year, 4);
  out += '-';
  appendPadded(out, static_cast<unsigned>(ymd.month()), 2);
  out += '-';
  appendPadded(out, static_cast<unsigned>(ymd.day()), 2);
}

// A small cursor over ISO text; every reader returns false on mismatch.
struct Cursor {
  std::string_view text;
  size_t pos = 0;

  bool atEnd() const { return pos >= text.size(); }
  char peek() const { return atEnd() ? '\0' : text[pos]; }
  bool eat(char c) {
    if (peek() == c) {
      ++pos;
      return true;
    }
    return false;
  }
  // Exactly `count` digits.
  bool fixedDigits(int count, int64_t& out) {
    out = 0;
    for (int i = 0; i < count; ++i) {
      const char c = peek();
      if (c < '0' || c > '9') {
        return false;
      }
      out = out * 10 + (c - '0');
      ++pos;
    }
    return true;
  }
  // One or more digits, bounded so that the value cannot overflow.
  bool digits(int64_t& out) {
    out = 0;
    const size_t start = pos;
    while (peek() >= '0' && peek() <= '9') {
      if (pos - start >= 15) {
        return false;
      }
      out = out * 10 + (peek() - '0');
      ++pos;
    }
    return pos > start;
  }
  // A fraction after the decimal point, as milliseconds (digits beyond
  // the millisecond are dropped).
  bool fractionMillis(int64_t& out) {
    out = 0;
    int count = 0;
    while (peek() >= '0' && peek() <= '9') {
      if (count < 3) {
        out = out * 10 + (peek() - '0');
      }
      ++count;
      ++pos;
    }
    for (int i = count; i < 3; ++i) {
      out *= 10;
    }
    return count > 0;
  }
};

bool readDate(Cursor& c, int64_t& days) {
  const bool negative = c.eat('-');
  int64_t y = 0;
  int64_t m = 0;
  int64_t d = 0;
  if (!c.fixedDigits(4, y)) {
    return false;
  }
  // Years beyond 9999 are written with more digits.
  while (c.peek() >= '0' && c.peek() <= '9' && y < 10000) {
    y = y * 10 + (c.peek() - '0');
    ++c.pos;
  }
  if (!c.eat('-') || !c.fixedDigits(2, m) || !c.eat('-') || !c.fixedDigits(2, d)) {
    return false;
  }
  const auto result =
      daysFromCivil(negative ? -y : y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  if (!result) {
    return false;
  }
  days = *result;
  return true;
}

// ---- JSON writing ----

void appendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void appendNumber(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  if (d == std::floor(d) && std::fabs(d) <= kMaxExactInteger) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(d));
    out.append(buf, r.ptr);
    return;
  }
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, d);
  out.append(buf, r.ptr);
}

void appendJson(std::string& out, const Value& v) {
  switch (v.kind()) {
    case ValueKind::Null:
      out += "null";
      return;
    case ValueKind::Bool:
      out += v.asBool() ? "true" : "false";
      return;
    case ValueKind::Number:
      appendNumber(out, v.asNumber());
      return;
    case ValueKind::String:
      appendJsonString(out, v.asString());
      return;
    case ValueKind::Array: {
      out += '[';
      bool first = true;
      for (const Value& item : v.asArray()) {
        if (!first) {
          out += ',';
        }
        first = false;
        appendJson(out, item);
      }
      out += ']';
      return;
    }
    case ValueKind::Object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : v.asObject()) {
        if (!first) {
          out += ',';
        }
        first = false;
        appendJsonString(out, key);
        out += ':';
        appendJson(out, member);
      }
      out += '}';
      return;
    }
    case ValueKind::Date:
      appendJsonString(out, formatDate(v.asDate()));
      return;
    case ValueKind::DateTime:
      appendJsonString(out, formatDateTime(v.asDateTime()));
      return;
    case ValueKind::Duration:
      appendJsonString(out, formatDuration(v.asDuration()));
      return;
  }
}

// ---- JSON parsing ----

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : text_(text) {}

  std::optional<Value> parse(std::string* error) {
    skipSpace();
    std::optional<Value> v = parseValue(0);
    if (v) {
      skipSpace();
      if (pos_ != text_.size()) {
        fail("unexpected trailing characters");
        v.reset();
      }
    }
    if (!v && error != nullptr) {
      *error = "at offset " + std::to_string(error_offset_) + ": " + error_;
    }
    return v;
  }

 private:
  bool fail(std::string message) {
    if (error_.empty()) {
      error_ = std::move(message);
      error_offset_ = pos_;
    }
    return false;
  }

  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool atEnd() const { return pos_ >= text_.size(); }

  void skipSpace() {
    while (!atEnd()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      ++pos_;
    }
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) {
      return fail("invalid literal");
    }
    pos_ += word.size();
    return true;
  }

  std::optional<Value> parseValue(int depth) {
    if (atEnd()) {
      fail("unexpected end of input");
      return std::nullopt;
    }
    switch (peek()) {
      case 'n':
        if (!literal("null")) return std::nullopt;
        return Value();
      case 't':
        if (!literal("true")) return std::nullopt;
        return Value(true);
      case 'f':
        if (!literal("false")) return std::nullopt;
        return Value(false);
      case '"': {
        std::string s;
        if (!parseString(s)) return std::nullopt;
        return Value(std::move(s));
      }
      case '[':
        return parseArray(depth + 1);
      case '{':
        return parseObject(depth + 1);
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) {
          return parseNumber();
        }
        fail(std::string("unexpected character '") + peek() + "'");
        return std::nullopt;
    }
  }

  std::optional<Value> parseArray(int depth) {
    if (depth > kMaxJsonDepth) {
      fail("nesting deeper than 256");
      return std::nullopt;
    }
    ++pos_;  // '['
    Array items;
    skipSpace();
    if (peek() == ']') {
      ++pos_;
      return Value(std::move(items));
    }
    for (;;) {
      skipSpace();
      std::optional<Value> item = parseValue(depth);
      if (!item) return std::nullopt;
      items.push_back(std::move(*item));
      skipSpace();
      if (peek() == ',') {
        ++pos_;
        skipSpace();
        if (peek() == ']') {
          fail("trailing comma");
          return std::nullopt;
        }
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return Value(std::move(items));
      }
      fail(atEnd() ? "unexpected end of input" : "expected ',' or ']'");
      return std::nullopt;
    }
  }

  std::optional<Value> parseObject(int depth) {
    if (depth > kMaxJsonDepth) {
      fail("nesting deeper than 256");
      return std::nullopt;
    }
    ++pos_;  // '{'
    Object members;
    skipSpace();
    if (peek() == '}') {
      ++pos_;
      return Value(std::move(members));
    }
    for (;;) {
      skipSpace();
      if (peek() != '"') {
        fail(atEnd() ? "unexpected end of input" : "expected string key");
        return std::nullopt;
      }
      std::string key;
      if (!parseString(key)) return std::nullopt;
      skipSpace();
      if (peek() != ':') {
        fail("expected ':'");
        return std::nullopt;
      }
      ++pos_;
      skipSpace();
      std::optional<Value> member = parseValue(depth);
      if (!member) return std::nullopt;
      // RFC 8259 leaves duplicate names to the reader; the last one wins, as
      // in most JavaScript-derived readers.
      members.insert_or_assign(std::move(key), std::move(*member));
      skipSpace();
      if (peek() == ',') {
        ++pos_;
        skipSpace();
        if (peek() == '}') {
          fail("trailing comma");
          return std::nullopt;
        }
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return Value(std::move(members));
      }
      fail(atEnd() ? "unexpected end of input" : "expected ',' or '}'");
      return std::nullopt;
    }
  }

  bool isDigit(char c) const { return c >= '0' && c <= '9'; }

  std::optional<Value> parseNumber() {
    const size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
      if (isDigit(peek())) {
        fail("leading zero in number");
        return std::nullopt;
      }
    } else if (isDigit(peek())) {
      while (isDigit(peek())) ++pos_;
    } else {
      fail("expected digit");
      return std::nullopt;
    }
    if (peek() == '.') {
      ++pos_;
      if (!isDigit(peek())) {
        fail("expected digit after '.'");
        return std::nullopt;
      }
      while (isDigit(peek())) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!isDigit(peek())) {
        fail("expected digit in exponent");
        return std::nullopt;
      }
      while (isDigit(peek())) ++pos_;
    }
    double d = 0;
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    const auto r = std::from_chars(first, last, d);
    if (r.ec == std::errc::result_out_of_range) {
      // Underflow reads as zero; overflow has no JSON-representable value.
      const double tiny = std::strtod(std::string(first, last).c_str(), nullptr);
      if (std::isinf(tiny)) {
        pos_ = start;
        fail("number out of range");
        return std::nullopt;
      }
      d = tiny;
    } else if (r.ec != std::errc() || r.ptr != last) {
      pos_ = start;
      fail("invalid number");
      return std::nullopt;
    }
    return Value(d);
  }

  bool hex4(uint32_t& out) {
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = peek();
      uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return fail("bad \\u escape");
      }
      out = out * 16 + digit;
      ++pos_;
    }
    return true;
  }

  // Validates one UTF-8 sequence starting at pos_ and copies it to out.
  bool copyUtf8(std::string& out) {
    const auto lead = static_cast<unsigned char>(text_[pos_]);
    int extra = 0;
    uint32_t cp = 0;
    uint32_t min = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
      extra = 1;
      cp = lead & 0x1F;
      min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      extra = 2;
      cp = lead & 0x0F;
      min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      extra = 3;
      cp = lead & 0x07;
      min = 0x10000;
    } else {
      return fail("invalid UTF-8");
    }
    if (pos_ + static_cast<size_t>(extra) >= text_.size()) {
      return fail("invalid UTF-8");
    }
    for (int i = 1; i <= extra; ++i) {
      const auto c = static_cast<unsigned char>(text_[pos_ + static_cast<size_t>(i)]);
      if ((c & 0xC0) != 0x80) {
        return fail("invalid UTF-8");
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return fail("invalid UTF-8");
    }
    out.append(text_.substr(pos_, static_cast<size_t>(extra) + 1));
    pos_ += static_cast<size_t>(extra) + 1;
    return true;
  }

  bool parseString(std::string& out) {
    ++pos_;  // opening quote
    for (;;) {
      if (atEnd()) {
        return fail("unterminated string");
      }
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) {
        return fail("control character in string");
      }
      if (c >= 0x80) {
        if (!copyUtf8(out)) return false;
        continue;
      }
      if (c != '\\') {
        out += static_cast<char>(c);
        ++pos_;
        continue;
      }
      ++pos_;
      const char e = peek();
      ++pos_;
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            // A high surrogate must be followed by an escaped low surrogate.
            if (peek() != '\\' || pos_ + 1 >= text_.size() || text_[pos_ + 1] != 'u') {
              return fail("unpaired surrogate");
            }
            pos_ += 2;
            uint32_t low = 0;
            if (!hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) {
              return fail("unpaired surrogate");
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail("unpaired surrogate");
          }
          appendUtf8(out, cp);
          break;
        }
        default:
          --pos_;
          return fail("bad escape");
      }
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
  size_t error_offset_ = 0;
};

}  // namespace

const Value* Value::find(std::string_view key) const {
  if (!isObject()) {
    return nullptr;
  }
  const Object& o = asObject();
  const auto it = o.find(key);
  return it == o.end() ? nullptr : &it->second;
}

bool Value::operator==(const Value& other) const {
  if (kind() != other.kind()) {
    return false;
  }
  switch (kind()) {
    case ValueKind::Null:
      return true;
    case ValueKind::Bool:
      return asBool() == other.asBool();
    case ValueKind::Number:
      return asNumber() == other.asNumber();
    case ValueKind::String:
      return asString() == other.asString();
    case ValueKind::Array: {
      const auto& a = std::get<std::shared_ptr<const Array>>(v_);
      const auto& b = std::get<std::shared_ptr<const Array>>(other.v_);
      return a == b || *a == *b;
    }
    case ValueKind::Object: {
      const auto& a = std::get<std::shared_ptr<const Object>>(v_);
      const auto& b = std::get<std::shared_ptr<const Object>>(other.v_);
      return a == b || *a == *b;
    }
    case ValueKind::Date:
      return asDate() == other.asDate();
    case ValueKind::DateTime:
      return asDateTime() == other.asDateTime();
    case ValueKind::Duration:
      return asDuration() == other.asDuration();
  }
  return false;
}

std::string Value::toJson() const {
  std::string out;
  appendJson(out, *this);
  return out;
}

std::optional<Value> Value::parseJson(std::string_view text, std::string* error) {
  return JsonParser(text).parse(error);
}

const char* valueKindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::Null:
      return "null";
    case ValueKind::Bool:
      return "boolean";
    case ValueKind::Number:
      return "number";
    case ValueKind::String:
      return "string";
    case ValueKind::Array:
      return "list";
    case ValueKind::Object:
      return "context";
    case ValueKind::Date:
      return "date";
    case ValueKind::DateTime:
      return "date and time";
    case ValueKind::Duration:
      return "duration";
  }
  return "unknown";
}

std::string formatDate(const Date& d) {
  std::string out;
  appendYmd(out, d.days);
  return out;
}

std::string formatDateTime(const DateTime& dt) {
  const int64_t offset = dt.has_offset ? dt.offset_minutes : 0;
  const int64_t local = dt.epoch_millis + offset * kMillisPerMinute;
  const int64_t days = floorDiv(local, kMillisPerDay);
  int64_t rest = local - days * kMillisPerDay;
  std::string out;
  appendYmd(out, days);
  out += 'T';
  appendPadded(out, rest / kMillisPerHour, 2);
  rest %= kMillisPerHour;
  out += ':';
  appendPadded(out, rest / kMillisPerMinute, 2);
  rest %= kMillisPerMinute;
  out += ':';
  appendPadded(out, rest / kMillisPerSecond, 2);
  rest %= kMillisPerSecond;
  if (rest != 0) {
    out += '.';
    appendPadded(out, rest, 3);
  }
  if (dt.has_offset) {
    if (offset == 0) {
      out += 'Z';
    } else {
      const int64_t abs_offset = offset < 0 ? -offset : offset;
      out += offset < 0 ? '-' : '+';
      appendPadded(out, abs_offset / 60, 2);
      out += ':';
      appendPadded(out, abs_offset % 60, 2);
    }
  }
  return out;
}

std::string formatDuration(const Duration& d) {
  std::string out;
  if (d.working_days != 0) {
    if (d.working_days < 0) {
      out += '-';
    }
    out += 'P';
    out += std::to_string(d.working_days < 0 ? -d.working_days : d.working_days);
    out += "WD";
    return out;
  }
  // ISO 8601 has one sign for the whole duration; values built by arithmetic
  // keep both parts with the same sign.
  const bool negative = d.months < 0 || (d.months == 0 && d.millis < 0);
  const int64_t months = d.months < 0 ? -d.months : d.months;
  const int64_t millis_total = d.millis < 0 ? -d.millis : d.millis;
  if (negative) {
    out += '-';
  }
  out += 'P';
  if (months == 0 && millis_total == 0) {
    out += "T0S";
    return out;
  }
  if (months / 12 != 0) {
    out += std::to_string(months / 12) + "Y";
  }
  if (months % 12 != 0) {
    out += std::to_string(months % 12) + "M";
  }
  int64_t rest = millis_total;
  const int64_t days = rest / kMillisPerDay;
  rest %= kMillisPerDay;
  if (days != 0) {
    out += std::to_string(days) + "D";
  }
  if (rest != 0) {
    out += 'T';
    const int64_t hours = rest / kMillisPerHour;
    rest %= kMillisPerHour;
    const int64_t minutes = rest / kMillisPerMinute;
    rest %= kMillisPerMinute;
    if (hours != 0) {
      out += std::to_string(hours) + "H";
    }
    if (minutes != 0) {
      out += std::to_string(minutes) + "M";
    }
    if (rest != 0) {
      out += std::to_string(rest / kMillisPerSecond);
      const int64_t ms = rest % kMillisPerSecond;
      if (ms != 0) {
        std::string frac;
        appendPadded(frac, ms, 3);
        while (!frac.empty() && frac.back() == '0') {
          frac.pop_back();
        }
        out += '.' + frac;
      }
      out += 'S';
    }
  }
  return out;
}

std::optional<Date> parseDate(std::string_view text) {
  Cursor c{text};
  int64_t days = 0;
  if (!readDate(c, days) || !c.atEnd()) {
    return std::nullopt;
  }
  return Date{days};
}

std::optional<DateTime> parseDateTime(std::string_view text) {
  Cursor c{text};
  int64_t days = 0;
  if (!readDate(c, days) || !c.eat('T')) {
    return std::nullopt;
  }
  int64_t h = 0;
  int64_t m = 0;
  int64_t s = 0;
  if (!c.fixedDigits(2, h) || !c.eat(':') || !c.fixedDigits(2, m) || !c.eat(':') ||
      !c.fixedDigits(2, s)) {
    return std::nullopt;
  }
  if (h > 23 || m > 59 || s > 59) {
    return std::nullopt;
  }
  int64_t ms = 0;
  if (c.eat('.') && !c.fractionMillis(ms)) {
    return std::nullopt;
  }
  DateTime dt;
  dt.epoch_millis =
      days * kMillisPerDay + h * kMillisPerHour + m * kMillisPerMinute + s * kMillisPerSecond + ms;
  if (c.atEnd()) {
    dt.has_offset = false;
    return dt;
  }
  if (c.eat('Z')) {
    dt.offset_minutes = 0;
  } else {
    const char sign = c.peek();
    if (sign != '+' && sign != '-') {
      return std::nullopt;
    }
    ++c.pos;
    int64_t oh = 0;
    int64_t om = 0;
    if (!c.fixedDigits(2, oh) || !c.eat(':') || !c.fixedDigits(2, om) || oh > 18 || om > 59) {
      return std::nullopt;
    }
    const int64_t offset = oh * 60 + om;
    dt.offset_minutes = static_cast<int32_t>(sign == '-' ? -offset : offset);
    dt.epoch_millis -= dt.offset_minutes * kMillisPerMinute;
  }
  if (!c.atEnd()) {
    return std::nullopt;
  }
  return dt;
}

std::optional<Duration> parseDuration(std::string_view text) {
  Cursor c{text};
  const bool negative = c.eat('-');
  if (!c.eat('P')) {
    return std::nullopt;
  }
  Duration d;
  const int sign = negative ? -1 : 1;
  // The hall extension: working days stand alone (P5WD).
  {
    Cursor probe = c;
    int64_t n = 0;
    if (probe.digits(n) && probe.eat('W') && probe.eat('D')) {
      if (!probe.atEnd()) {
        return std::nullopt;
      }
      d.working_days = sign * n;
      return d;
    }
  }
  // Designators must appear in this order, each at most once.
  static constexpr std::string_view kDateOrder = "YMWD";
  static constexpr std::string_view kTimeOrder = "HMS";
  size_t next_date = 0;
  bool any = false;
  while (!c.atEnd() && c.peek() != 'T') {
    int64_t n = 0;
    if (!c.digits(n)) {
      return std::nullopt;
    }
    const size_t at = kDateOrder.find(c.peek(), next_date);
    if (at == std::string_view::npos) {
      return std::nullopt;
    }
    ++c.pos;
    next_date = at + 1;
    any = true;
    switch (kDateOrder[at]) {
      case 'Y':
        d.months += n * 12;
        break;
      case 'M':
        d.months += n;
        break;
      case 'W':
        d.millis += n * 7 * kMillisPerDay;
        break;
      case 'D':
        d.millis += n * kMillisPerDay;
        break;
    }
  }
  if (c.eat('T')) {
    size_t next_time = 0;
    bool any_time = false;
    while (!c.atEnd()) {
      int64_t n = 0;
      if (!c.digits(n)) {
        return std::nullopt;
      }
      int64_t frac = 0;
      if (c.eat('.')) {
        if (!c.fractionMillis(frac) || c.peek() != 'S') {
          return std::nullopt;
        }
      }
      const size_t at = kTimeOrder.find(c.peek(), next_time);
      if (at == std::string_view::npos) {
        return std::nullopt;
      }
      ++c.pos;
      next_time = at + 1;
      any_time = true;
      switch (kTimeOrder[at]) {
        case 'H':
          d.millis += n * kMillisPerHour;
          break;
        case 'M':
          d.millis += n * kMillisPerMinute;
          break;
        case 'S':
          d.millis += n * kMillisPerSecond + frac;
          break;
      }
    }
    if (!any_time) {
      return std::nullopt;
    }
    any = true;
  }
  if (!any || !c.atEnd()) {
    return std::nullopt;
  }
  d.months *= sign;
  d.millis *= sign;
  return d;
}

}  // namespace wf
