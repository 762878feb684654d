// Calendar arithmetic with std::chrono civil dates; no time zone database.
#include "expr/temporal_arithmetic.h"

#include <algorithm>
#include <chrono>

namespace wf::expr {

namespace {

constexpr int64_t kMillisPerMinute = 60000;
constexpr int64_t kMillisPerDay = 86400000;

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::chrono::year_month_day civil(int64_t days) {
  return std::chrono::year_month_day{
      std::chrono::sys_days{std::chrono::days{static_cast<int>(days)}}};
}

int64_t localMillis(const DateTime& dt) {
  return dt.epoch_millis + (dt.has_offset ? dt.offset_minutes : 0) * kMillisPerMinute;
}

}  // namespace

int64_t addMonthsClamped(int64_t days, int64_t months) {
  if (months == 0) return days;
  const auto ymd = civil(days);
  const int64_t total = static_cast<int64_t>(static_cast<int>(ymd.year())) * 12 +
                        static_cast<int64_t>(static_cast<unsigned>(ymd.month())) - 1 + months;
  const int64_t year = floorDiv(total, 12);
  const auto month = static_cast<unsigned>(total - year * 12 + 1);
  const std::chrono::year_month_day_last last{
      std::chrono::year{static_cast<int>(year)},
      std::chrono::month_day_last{std::chrono::month{month}}};
  const std::chrono::day day = std::min(ymd.day(), last.day());
  const std::chrono::year_month_day result{last.year(), last.month(), day};
  return std::chrono::sys_days{result}.time_since_epoch().count();
}

Date addToDate(const Date& date, const Duration& duration, int sign) {
  int64_t days = addMonthsClamped(date.days, sign * duration.months);
  days += floorDiv(sign * duration.millis, kMillisPerDay);
  return Date{days};
}

DateTime addToDateTime(const DateTime& date_time, const Duration& duration, int sign) {
  DateTime result = date_time;
  if (duration.months != 0) {
    const int64_t local = localMillis(date_time);
    const int64_t days = floorDiv(local, kMillisPerDay);
    const int64_t moved = addMonthsClamped(days, sign * duration.months);
    result.epoch_millis += (moved - days) * kMillisPerDay;
  }
  result.epoch_millis += sign * duration.millis;
  return result;
}

Duration subtractDates(const Date& a, const Date& b) {
  return Duration{0, (a.days - b.days) * kMillisPerDay, 0};
}

Duration subtractDateTimes(const DateTime& a, const DateTime& b) {
  return Duration{0, a.epoch_millis - b.epoch_millis, 0};
}

std::optional<Value> temporalProperty(const Value& value, std::string_view name) {
  int64_t days = 0;
  int64_t time_of_day = -1;
  if (value.kind() == ValueKind::Date) {
    days = value.asDate().days;
  } else if (value.kind() == ValueKind::DateTime) {
    const int64_t local = localMillis(value.asDateTime());
    days = floorDiv(local, kMillisPerDay);
    time_of_day = local - days * kMillisPerDay;
  } else if (value.kind() == ValueKind::Duration) {
    const Duration& d = value.asDuration();
    // FEEL components keep the duration's sign: -P1DT2H has days -1, hours -2.
    if (name == "years") return Value(static_cast<double>(d.months / 12));
    if (name == "months") return Value(static_cast<double>(d.months % 12));
    if (name == "days") return Value(static_cast<double>(d.millis / kMillisPerDay));
    if (name == "hours") return Value(static_cast<double>(d.millis % kMillisPerDay / 3600000));
    if (name == "minutes") return Value(static_cast<double>(d.millis % 3600000 / 60000));
    if (name == "seconds") return Value(static_cast<double>(d.millis % 60000) / 1000.0);
    if (name == "working days") return Value(static_cast<double>(d.working_days));
    return std::nullopt;
  } else {
    return std::nullopt;
  }
  const auto ymd = civil(days);
  if (name == "year") return Value(static_cast<double>(static_cast<int>(ymd.year())));
  if (name == "month") return Value(static_cast<double>(static_cast<unsigned>(ymd.month())));
  if (name == "day") return Value(static_cast<double>(static_cast<unsigned>(ymd.day())));
  if (name == "weekday") {
    // ISO: Monday is 1, Sunday is 7.
    const std::chrono::weekday wd{std::chrono::sys_days{ymd}};
    return Value(static_cast<double>(wd.iso_encoding()));
  }
  if (time_of_day >= 0) {
    if (name == "hour") return Value(static_cast<double>(time_of_day / 3600000));
    if (name == "minute") return Value(static_cast<double>(time_of_day % 3600000 / 60000));
    if (name == "second") return Value(static_cast<double>(time_of_day % 60000) / 1000.0);
  }
  return std::nullopt;
}

}  // namespace wf::expr
