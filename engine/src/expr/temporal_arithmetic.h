// Calendar arithmetic on FEEL temporal values: adding durations to dates and
// date-times (years-months clamp the day to the month's end, as Java and
// FEEL do), and differences between two dates or two date-times.
// Working-day durations are refused here: they need a holiday calendar,
// which only the runtime has.
#pragma once

#include <optional>
#include <string>

#include "wf/value.h"

namespace wf::expr {

// `days` moved by `months` calendar months; 31 Jan + 1 month = 28/29 Feb.
int64_t addMonthsClamped(int64_t days, int64_t months);

// date + sign * duration. The days-time part moves by whole days, rounding
// towards the past (the date is taken as its midnight).
Date addToDate(const Date& date, const Duration& duration, int sign);

// date-time + sign * duration; the years-months part moves the local
// calendar date in the date-time's own offset.
DateTime addToDateTime(const DateTime& date_time, const Duration& duration, int sign);

// a - b as a days-time duration.
Duration subtractDates(const Date& a, const Date& b);
Duration subtractDateTimes(const DateTime& a, const DateTime& b);

// The named component of a temporal value (`d.year`, `dt.hour`,
// `dur.days`), or nullopt when it has no such component.
std::optional<Value> temporalProperty(const Value& value, std::string_view name);

}  // namespace wf::expr
