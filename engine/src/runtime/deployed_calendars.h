// DeployedCalendars: the working-day calendars that due dates count in —
// the latest deployed version of each calendar id, a default for elements
// that name none, and the local time (UTC offset) whose dates they count.
#pragma once

#include <string>

#include "calendar/working_calendar.h"
#include "runtime/deployed_models.h"
#include "runtime/execution.h"

namespace wf::runtime {

class DeployedCalendars final : public Calendars {
 public:
  DeployedCalendars(Store& store, std::string default_id, int utc_offset_minutes);

  // The calendar `id` (or the default when empty); weekends only when
  // neither is given. NotFound when a named calendar is not deployed.
  Result<std::shared_ptr<const calendar::WorkingCalendar>> find(const std::string& id) override;
  int utcOffsetMinutes() const override { return utc_offset_minutes_; }

  DeployedModels<calendar::WorkingCalendar>& models() { return models_; }

 private:
  DeployedModels<calendar::WorkingCalendar> models_;
  std::string default_id_;
  int utc_offset_minutes_;
};

}  // namespace wf::runtime
