// Reads a working-day calendar (namespace urn:hall:calendar:1; the format is
// described at the top of models/calendar/cn-mainland.xml) into an immutable
// WorkingCalendar, and checks its data: dates, overlapping holidays, make-up
// days that are no weekly rest day or lie inside a holiday, unknown elements
// and attributes.
//
// Every diagnostic names file:line:col. A file with an error diagnostic
// yields no calendar, so a typo in a holiday never silently shifts due dates.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "calendar/working_calendar.h"
#include "wf/diagnostic.h"

namespace wf::calendar {

inline constexpr std::string_view kCalendarNs = "urn:hall:calendar:1";

struct ReadCalendarResult {
  // Null when there are errors. Its coveredYears() are the years the file
  // lists; outside them only the weekly rest days count.
  std::shared_ptr<const WorkingCalendar> calendar;
  std::vector<Diagnostic> diagnostics;  // errors and warnings
};

// `file` is used only to name the place in diagnostics.
ReadCalendarResult readCalendar(std::string_view file, std::string_view xml);

// Whether a document is a calendar (its root is <calendar> in kCalendarNs).
bool isCalendarDocument(std::string_view xml);

}  // namespace wf::calendar
