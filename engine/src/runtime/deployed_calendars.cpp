#include "runtime/deployed_calendars.h"

#include "calendar/calendar_reader.h"

namespace wf::runtime {

DeployedCalendars::DeployedCalendars(Store& store, std::string default_id, int utc_offset_minutes)
    : models_(store, kCalendarKind,
              [](const StoredDefinition& d) {
                return calendar::readCalendar(d.resource_name, d.xml).calendar;
              }),
      default_id_(std::move(default_id)),
      utc_offset_minutes_(utc_offset_minutes) {}

Result<std::shared_ptr<const calendar::WorkingCalendar>> DeployedCalendars::find(
    const std::string& id) {
  const std::string& wanted = id.empty() ? default_id_ : id;
  if (wanted.empty()) return calendar::WorkingCalendar::weekendsOnly();
  return models_.latest(wanted);
}

}  // namespace wf::runtime
