// Value: the engine's data value — process variables, expression results,
// job payloads. A JSON value (null, boolean, number, string, array, object)
// plus the FEEL temporal kinds (date, date-time, duration), which serialize
// to JSON as ISO 8601 strings.
//
// Values are immutable after construction in practice: arrays and objects are
// held by shared pointer to const, so copies are cheap and safe to share
// across threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace wf {

class Value;
using Array = std::vector<Value>;
using Object = std::map<std::string, Value, std::less<>>;

// A calendar date, as days since 1970-01-01 (proleptic Gregorian).
struct Date {
  int64_t days = 0;
  bool operator==(const Date&) const = default;
  auto operator<=>(const Date&) const = default;
};

// An instant with the UTC offset it was written with. Without an offset
// (`has_offset` false) it is a local date-time compared as if UTC.
struct DateTime {
  int64_t epoch_millis = 0;
  int32_t offset_minutes = 0;
  bool has_offset = true;
  bool operator==(const DateTime& o) const { return epoch_millis == o.epoch_millis; }
};

// An ISO 8601 duration: years-months part and days-time part kept apart as
// FEEL does (P1M is not a fixed number of days). `working_days` counts
// working days (the `WD` designator of hall calendars: P5WD).
struct Duration {
  int64_t months = 0;
  int64_t millis = 0;
  int64_t working_days = 0;
  bool operator==(const Duration&) const = default;
};

enum class ValueKind { Null, Bool, Number, String, Array, Object, Date, DateTime, Duration };

class Value {
 public:
  Value() = default;
  Value(std::nullptr_t) {}                                               // NOLINT
  Value(bool b) : v_(b) {}                                               // NOLINT
  Value(int i) : v_(static_cast<double>(i)) {}                           // NOLINT
  Value(int64_t i) : v_(static_cast<double>(i)) {}                       // NOLINT
  Value(double d) : v_(d) {}                                             // NOLINT
  Value(const char* s) : v_(std::string(s)) {}                           // NOLINT
  Value(std::string s) : v_(std::move(s)) {}                             // NOLINT
  Value(std::string_view s) : v_(std::string(s)) {}                      // NOLINT
  Value(Array a) : v_(std::make_shared<const Array>(std::move(a))) {}    // NOLINT
  Value(Object o) : v_(std::make_shared<const Object>(std::move(o))) {}  // NOLINT
  Value(Date d) : v_(d) {}                                               // NOLINT
  Value(DateTime d) : v_(d) {}                                           // NOLINT
  Value(Duration d) : v_(d) {}                                           // NOLINT

  ValueKind kind() const { return static_cast<ValueKind>(v_.index()); }
  bool isNull() const { return kind() == ValueKind::Null; }
  bool isBool() const { return kind() == ValueKind::Bool; }
  bool isNumber() const { return kind() == ValueKind::Number; }
  bool isString() const { return kind() == ValueKind::String; }
  bool isArray() const { return kind() == ValueKind::Array; }
  bool isObject() const { return kind() == ValueKind::Object; }

  // Accessors; calling the wrong one is a broken invariant (check kind()).
  bool asBool() const { return std::get<bool>(v_); }
  double asNumber() const { return std::get<double>(v_); }
  const std::string& asString() const { return std::get<std::string>(v_); }
  const Array& asArray() const { return *std::get<std::shared_ptr<const Array>>(v_); }
  const Object& asObject() const { return *std::get<std::shared_ptr<const Object>>(v_); }
  const Date& asDate() const { return std::get<Date>(v_); }
  const DateTime& asDateTime() const { return std::get<DateTime>(v_); }
  const Duration& asDuration() const { return std::get<Duration>(v_); }

  // Member of an object, or nullptr when this is not an object or has no such key.
  const Value* find(std::string_view key) const;

  // Deep equality (numbers by value, objects by key set and members).
  bool operator==(const Value& other) const;

  // Compact JSON. Temporal kinds are written as ISO 8601 strings.
  std::string toJson() const;

  // Strict JSON (RFC 8259). On error returns nullopt and sets `error` to a
  // message naming the offset ("at offset 12: expected ':'").
  static std::optional<Value> parseJson(std::string_view text, std::string* error = nullptr);

 private:
  std::variant<std::nullptr_t, bool, double, std::string, std::shared_ptr<const Array>,
               std::shared_ptr<const Object>, Date, DateTime, Duration>
      v_;
};

const char* valueKindName(ValueKind kind);

// ISO 8601 text of temporal values ("2026-10-01", "2026-10-01T08:30:00+08:00",
// "P1Y2M", "PT5M", "P5WD") and parsing back. Parsers return nullopt on bad text.
std::string formatDate(const Date& d);
std::string formatDateTime(const DateTime& dt);
std::string formatDuration(const Duration& d);
std::optional<Date> parseDate(std::string_view text);
std::optional<DateTime> parseDateTime(std::string_view text);
std::optional<Duration> parseDuration(std::string_view text);

}  // namespace wf
