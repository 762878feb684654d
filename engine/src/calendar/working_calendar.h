// WorkingCalendar: which dates are working days, and the arithmetic of
// promised time limits (承诺时限) on them — "5 working days from acceptance"
// skips weekly rest days and public holidays and counts make-up working days
// (调休上班).
//
// A calendar is data (models/calendar/*.xml, read by calendar_reader.h): the
// weekly rest days plus, per covered year, holiday ranges and make-up days.
// Outside the covered years only the weekly rest days count — holidays of a
// year whose notice is not in the file are unknown, not absent — so callers
// that care can ask covers() and warn.
//
// Immutable after construction; safe to share across threads (the reader
// hands it out as shared_ptr<const WorkingCalendar>).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "wf/value.h"

namespace wf::calendar {

enum class Weekday { Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday };

Weekday weekdayOf(Date date);
// The proleptic Gregorian year of `date`.
int64_t yearOf(Date date);
// "monday" … "sunday": the spelling of the calendar files.
const char* weekdayName(Weekday day);

// Days off from `first` to `last` inclusive.
struct Holiday {
  std::string name;
  Date first;
  Date last;
};

// A regular rest day that is worked in exchange for a holiday.
struct MakeUpDay {
  Date date;
  std::string for_holiday;  // empty when the file does not say
};

class WorkingCalendar {
 public:
  // |n| of addWorkingDays is limited to this (about 3.8 million years), so
  // that day and millisecond arithmetic cannot overflow on absurd input.
  static constexpr int64_t kMaxWorkingDays = 1'000'000'000;

  // Preconditions (the reader refuses files that break them; WF_CHECKed):
  // at least one weekday is not a rest day, holidays do not overlap and have
  // first <= last, every make-up day is a weekly rest day in no holiday.
  WorkingCalendar(std::string id, std::array<bool, 7> weekly_rest, std::vector<int> years,
                  std::vector<Holiday> holidays, std::vector<MakeUpDay> make_up_days);

  // Saturday and Sunday off, no holidays: what a hall without a calendar
  // file gets.
  static std::shared_ptr<const WorkingCalendar> weekendsOnly();

  const std::string& id() const { return id_; }
  // The years whose holidays the calendar knows, ascending.
  const std::vector<int>& coveredYears() const { return years_; }
  // Whether `date` falls in a covered year.
  bool covers(Date date) const;
  bool isWeeklyRestDay(Weekday day) const { return weekly_rest_[static_cast<size_t>(day)]; }
  const std::vector<Holiday>& holidays() const { return holidays_; }
  const std::vector<MakeUpDay>& makeUpDays() const { return make_up_days_; }

  bool isWorkingDay(Date date) const;

  // The n-th working day after `start`; the start day itself does not count,
  // whether or not it is a working day, so 5 working days from a Monday
  // without holidays is the next Monday, and 1 from a Saturday the Monday.
  // n == 0 gives `start`; n < 0 counts backwards (the |n|-th working day
  // before `start`). |n| is clamped to kMaxWorkingDays.
  Date addWorkingDays(Date start, int64_t n) const;

  // Working days from a to b, counted like addWorkingDays (a never counts, b
  // does): those in (a, b] when a <= b, minus those in [b, a) otherwise. The
  // inverse of addWorkingDays: workingDaysBetween(d, addWorkingDays(d, n)) == n.
  int64_t workingDaysBetween(Date a, Date b) const;

  // `epoch_millis` plus `duration`, where the working days are counted on
  // the local date at `utc_offset_minutes` (+480 for Shanghai) and the local
  // time of day is kept: accepted Friday 16:30 + P1WD is due Monday 16:30.
  // The parser never mixes WD with other designators; should a Duration
  // carry months or millis too, they are added after the working days as
  // plain calendar time (months on the local date, clamped to the month's
  // end; millis as elapsed time).
  int64_t addWorkingDuration(int64_t epoch_millis, const Duration& duration,
                             int utc_offset_minutes) const;

 private:
  // Working days in [a, b), a <= b.
  int64_t countWorkingDays(Date a, Date b) const;
  // Regular (weekly-pattern) working days in [kMonday, d) for a fixed Monday.
  int64_t regularBefore(int64_t days) const;

  std::string id_;
  std::array<bool, 7> weekly_rest_{};
  std::vector<int> years_;
  std::vector<Holiday> holidays_;        // ascending by first
  std::vector<MakeUpDay> make_up_days_;  // ascending by date
  // Prefix of regular working days: regular_prefix_[k] counts Monday … the
  // (k-1)-th day of the week; regular_prefix_[7] is the weekly total.
  std::array<int64_t, 8> regular_prefix_{};
  // Dates whose status differs from the weekly pattern (a holiday on a
  // regular working day: -1; a make-up day: +1), ascending, with the
  // cumulative sum of the deltas before each, so a count over any range is
  // two binary searches.
  std::vector<int64_t> exception_days_;
  std::vector<int> exception_delta_;
  std::vector<int64_t> exception_prefix_;  // size exception_days_.size() + 1
  int64_t lost_days_ = 0;                  // holidays on regular working days
};

}  // namespace wf::calendar
