// AppointmentPlatform: the simulated 市统一预约平台 (the city's unified
// appointment platform), prefix /appointment/v1 (README.md): book an
// appointment (as the citizen's 随申办 booking would; idempotent by
// Idempotency-Key), the day's appointments of a hall, one appointment,
// check-in (履约) and no-show (爽约) as the hall reports them, and the
// hall's real-time waiting count per queue (the last one kept, a stale one
// refused).
//
// The store is in memory and lives as long as the process. Thread-safe: one
// mutex guards it; handle() may run on many threads.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "tools/citysim/platform.h"

namespace hall::citysim {

class AppointmentPlatform final : public Platform {
 public:
  // `first_serial`: the codes are "0" and seven digits from it on, so two
  // runs of the simulator seldom reuse a code.
  explicit AppointmentPlatform(int64_t first_serial = 1) : serial_(first_serial % 9'000'000) {}

  std::string name() const override { return "appointment"; }
  std::string prefix() const override { return "/appointment/v1"; }
  std::string displayName() const override { return "市统一预约平台"; }
  PlatformResponse handle(const PlatformRequest& request, PlatformStats& stats) override;

 private:
  struct Appointment {
    std::string code;
    std::string hall_code;
    std::string queue;
    std::string matter_code;
    std::string matter_name;
    int64_t slot_start = 0;
    int64_t slot_end = 0;
    std::string holder_name;
    std::string id_number;
    std::string phone;
    std::string status = "booked";  // booked, checked-in, no-show
    int64_t reported_at = 0;        // when the visitor checked in or was reported absent
    std::string fingerprint;        // of the booking, for its Idempotency-Key
  };
  struct QueueWaiting {
    int64_t waiting = 0;
    int64_t at = 0;
  };

  PlatformResponse book(const PlatformRequest& request, PlatformStats& stats);
  PlatformResponse day(const PlatformRequest& request, const std::string& hall_code);
  PlatformResponse read(const std::string& code);
  // `status` "checked-in" or "no-show".
  PlatformResponse report(const PlatformRequest& request, const std::string& code,
                          const std::string& status, PlatformStats& stats);
  PlatformResponse putWaiting(const PlatformRequest& request, const std::string& hall_code);
  PlatformResponse getWaiting(const std::string& hall_code);
  PlatformResponse getWaitingLocked(const std::string& hall_code) const;

  static wf::Value toValue(const Appointment& a);

  std::mutex mutex_;
  std::map<std::string, Appointment> appointments_;                     // by code
  std::map<std::string, std::string> booked_by_key_;                    // Idempotency-Key → code
  std::map<std::string, std::map<std::string, QueueWaiting>> waiting_;  // hall → queue → last
  int64_t serial_;
};

}  // namespace hall::citysim
