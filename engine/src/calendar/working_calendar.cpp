#include "calendar/working_calendar.h"

#include <algorithm>
#include <utility>

#include "expr/temporal_arithmetic.h"
#include "wf/status.h"

namespace wf::calendar {
namespace {

constexpr int64_t kMillisPerDay = 24 * 60 * 60 * 1000;
// 1970-01-01 was a Thursday, so day -3 (1969-12-29) is a Monday: counting
// weeks from there makes the day of the week a plain remainder.
constexpr int64_t kMondayOffset = 3;

int64_t floorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t floorMod(int64_t a, int64_t b) { return a - floorDiv(a, b) * b; }

}  // namespace

Weekday weekdayOf(Date date) {
  return static_cast<Weekday>(floorMod(date.days + kMondayOffset, 7));
}

int64_t yearOf(Date date) {
  // Howard Hinnant's civil_from_days, on int64 so far dates do not wrap (the
  // std::chrono day count is only required to hold 25 bits).
  const int64_t z = date.days + 719468;
  const int64_t era = floorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  return yoe + era * 400 + (month <= 2 ? 1 : 0);
}

const char* weekdayName(Weekday day) {
  static constexpr const char* kNames[] = {"monday", "tuesday",  "wednesday", "thursday",
                                           "friday", "saturday", "sunday"};
  return kNames[static_cast<size_t>(day)];
}

WorkingCalendar::WorkingCalendar(std::string id, std::array<bool, 7> weekly_rest,
                                 std::vector<int> years, std::vector<Holiday> holidays,
                                 std::vector<MakeUpDay> make_up_days)
    : id_(std::move(id)),
      weekly_rest_(weekly_rest),
      years_(std::move(years)),
      holidays_(std::move(holidays)),
      make_up_days_(std::move(make_up_days)) {
  std::sort(years_.begin(), years_.end());
  years_.erase(std::unique(years_.begin(), years_.end()), years_.end());
  std::sort(holidays_.begin(), holidays_.end(),
            [](const Holiday& a, const Holiday& b) { return a.first < b.first; });
  std::sort(make_up_days_.begin(), make_up_days_.end(),
            [](const MakeUpDay& a, const MakeUpDay& b) { return a.date < b.date; });

  for (size_t k = 0; k < 7; ++k) {
    regular_prefix_[k + 1] = regular_prefix_[k] + (weekly_rest_[k] ? 0 : 1);
  }
  WF_CHECK(regular_prefix_[7] > 0);

  std::vector<std::pair<int64_t, int>> exceptions;
  for (size_t i = 0; i < holidays_.size(); ++i) {
    const Holiday& h = holidays_[i];
    WF_CHECK(h.first <= h.last);
    WF_CHECK(i == 0 || holidays_[i - 1].last < h.first);
    for (int64_t d = h.first.days; d <= h.last.days; ++d) {
      // A holiday on a rest day changes nothing: that day was off anyway.
      if (!isWeeklyRestDay(weekdayOf(Date{d}))) {
        exceptions.emplace_back(d, -1);
        ++lost_days_;
      }
    }
  }
  for (size_t i = 0; i < make_up_days_.size(); ++i) {
    const Date date = make_up_days_[i].date;
    WF_CHECK(isWeeklyRestDay(weekdayOf(date)));
    WF_CHECK(i == 0 || make_up_days_[i - 1].date < date);
    exceptions.emplace_back(date.days, +1);
  }
  std::sort(exceptions.begin(), exceptions.end());
  exception_prefix_.push_back(0);
  for (size_t i = 0; i < exceptions.size(); ++i) {
    // A make-up day inside a holiday would count twice (or cancel out).
    WF_CHECK(i == 0 || exceptions[i - 1].first < exceptions[i].first);
    exception_days_.push_back(exceptions[i].first);
    exception_delta_.push_back(exceptions[i].second);
    exception_prefix_.push_back(exception_prefix_.back() + exceptions[i].second);
  }
}

std::shared_ptr<const WorkingCalendar> WorkingCalendar::weekendsOnly() {
  static const auto kCalendar = std::make_shared<const WorkingCalendar>(
      "weekends-only", std::array<bool, 7>{false, false, false, false, false, true, true},
      std::vector<int>{}, std::vector<Holiday>{}, std::vector<MakeUpDay>{});
  return kCalendar;
}

bool WorkingCalendar::covers(Date date) const {
  return std::binary_search(years_.begin(), years_.end(), yearOf(date));
}

bool WorkingCalendar::isWorkingDay(Date date) const {
  const auto it = std::lower_bound(exception_days_.begin(), exception_days_.end(), date.days);
  if (it != exception_days_.end() && *it == date.days) {
    return exception_delta_[static_cast<size_t>(it - exception_days_.begin())] > 0;
  }
  return !isWeeklyRestDay(weekdayOf(date));
}

int64_t WorkingCalendar::regularBefore(int64_t days) const {
  const int64_t since_monday = days + kMondayOffset;
  return regular_prefix_[7] * floorDiv(since_monday, 7) +
         regular_prefix_[static_cast<size_t>(floorMod(since_monday, 7))];
}

int64_t WorkingCalendar::countWorkingDays(Date a, Date b) const {
  const auto index = [this](int64_t d) {
    return static_cast<size_t>(std::lower_bound(exception_days_.begin(), exception_days_.end(), d) -
                               exception_days_.begin());
  };
  return regularBefore(b.days) - regularBefore(a.days) + exception_prefix_[index(b.days)] -
         exception_prefix_[index(a.days)];
}

Date WorkingCalendar::addWorkingDays(Date start, int64_t n) const {
  n = std::clamp(n, -kMaxWorkingDays, kMaxWorkingDays);
  if (n == 0) {
    return start;
  }
  const int64_t wanted = n < 0 ? -n : n;
  // Any 7 consecutive days hold regular_prefix_[7] regular working days and
  // each holiday takes at most one away, so the answer lies within `span`
  // days; the count is monotone in the distance, so binary search it.
  const int64_t per_week = regular_prefix_[7];
  const int64_t span = (wanted + lost_days_ + per_week - 1) / per_week * 7;
  const auto counted = [&](int64_t k) {
    return n > 0 ? countWorkingDays(Date{start.days + 1}, Date{start.days + k + 1})
                 : countWorkingDays(Date{start.days - k}, start);
  };
  int64_t lo = 1;
  int64_t hi = span;
  while (lo < hi) {
    const int64_t mid = lo + (hi - lo) / 2;
    if (counted(mid) >= wanted) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return Date{n > 0 ? start.days + lo : start.days - lo};
}

int64_t WorkingCalendar::workingDaysBetween(Date a, Date b) const {
  if (a <= b) {
    return countWorkingDays(Date{a.days + 1}, Date{b.days + 1});
  }
  return -countWorkingDays(b, a);
}

int64_t WorkingCalendar::addWorkingDuration(int64_t epoch_millis, const Duration& duration,
                                            int utc_offset_minutes) const {
  const int64_t offset_millis = int64_t{utc_offset_minutes} * 60 * 1000;
  const int64_t local = epoch_millis + offset_millis;
  const int64_t day = floorDiv(local, kMillisPerDay);
  const int64_t time_of_day = local - day * kMillisPerDay;
  const Date due = addWorkingDays(Date{day}, duration.working_days);
  int64_t result = due.days * kMillisPerDay + time_of_day - offset_millis;
  if (duration.months != 0 || duration.millis != 0) {
    const DateTime moved{result, utc_offset_minutes, true};
    result =
        expr::addToDateTime(moved, Duration{duration.months, duration.millis, 0}, 1).epoch_millis;
  }
  return result;
}

}  // namespace wf::calendar
