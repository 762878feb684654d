// SociAppointmentReports: the hall's durable record of what it owes the
// city appointment platform (hall_appointment_reports, in the engine's
// database). Each appointment fetched from the platform gets a row when it
// is booked at the front desk; the row is "open" while the hall watches
// for the visitor, becomes "due" with its report — a check-in (履约) at the
// ticket's time, or a no-show (爽约) once the slot is long past — and
// "reported" once the platform has it, or "refused" when the platform
// refused it for good. A due row that fails is tried again later (its
// next_at), across restarts and outages, so no report is lost; the
// platform keeps one effect per report, so none is doubled.
//
// Thread-safety: one session behind a mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "wf/status.h"

namespace soci {
class session;
}

namespace hall::store {

struct AppointmentReport {
  std::string code;
  std::string day;       // local date of the slot, "2026-11-30"
  int64_t slot_end = 0;  // epoch ms
  std::string state;     // open, due, reported, refused
  std::string kind;      // once due: check-in or no-show
  int64_t at = 0;        // once due: when the visitor checked in / was found absent
  int attempts = 0;      // failed deliveries so far
  int64_t next_at = 0;   // a due row is delivered from then on
  std::string last_error;
};

class SociAppointmentReports {
 public:
  static wf::Result<std::unique_ptr<SociAppointmentReports>> open(const std::string& db_url);
  ~SociAppointmentReports();

  // Starts watching appointment `code`; false when it is watched already.
  wf::Result<bool> watch(const std::string& code, const std::string& day, int64_t slot_end);
  // Rows in state `state`, by code; for "due" only those with next_at <= now_ms.
  wf::Result<std::vector<AppointmentReport>> inState(const std::string& state, int64_t now_ms);
  wf::Result<std::optional<AppointmentReport>> report(const std::string& code);

  // open → due with `kind` at `at`, deliverable at once.
  wf::Status markDue(const std::string& code, const std::string& kind, int64_t at);
  // due → reported / refused (with why).
  wf::Status markReported(const std::string& code);
  wf::Status markRefused(const std::string& code, const std::string& why);
  // A failed delivery: one attempt more, tried again from `next_at`.
  wf::Status retryLater(const std::string& code, int64_t next_at, const std::string& why);

 private:
  explicit SociAppointmentReports(std::unique_ptr<soci::session> session);
  wf::Status update(const char* action, const std::string& sql, const std::string& code,
                    const std::string& text, long long number);

  std::mutex mu_;
  std::unique_ptr<soci::session> sql_;
};

}  // namespace hall::store
