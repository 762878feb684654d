// AppointmentConnector: 市统一预约平台, the city's unified appointment
// platform, as calls the hall makes on its schedule (the connector file's
// <sync hall=…>): the day's appointments of the hall, the check-in (履约)
// and the no-show (爽约) of one, and the waiting count per queue.
//
// This is the wire only. What must not be lost — the check-in and no-show
// reports — is kept by the caller in a durable row until a call here
// succeeds (portal/app/hall_appointments.h); the reports are idempotent at
// the platform (the same report again is a 200), so a retry after a lost
// answer does no harm. The waiting counts are best effort: the latest wins.
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "connectors/common/city_client.h"
#include "wf/status.h"

namespace connectors {

// One appointment as the platform gives it; the holder's data in full (the
// hall seals it at once).
struct CityAppointment {
  std::string code;
  std::string queue;  // the hall's queue id
  std::string matter_code;
  std::string matter_name;
  int64_t slot_start = 0;  // epoch ms
  int64_t slot_end = 0;
  std::string holder_name;
  std::string id_number;
  std::string phone;   // may be empty
  std::string status;  // booked, checked-in, no-show
};

struct DayAppointments {
  std::vector<CityAppointment> appointments;
  // Entries the platform sent that could not be read, with why (no code, a
  // slot that is not a number …); the others are taken.
  std::vector<std::string> refused;
};

struct QueueCount {
  std::string queue;
  int waiting = 0;
  int64_t at = 0;  // epoch ms of the count
};

class AppointmentConnector {
 public:
  // `client`'s configuration must have a <sync hall=…>.
  explicit AppointmentConnector(CityClient& client);

  const std::string& hallCode() const { return hall_code_; }

  // The appointments of the hall on local date `date` ("2026-11-30").
  // Unavailable when the platform cannot answer or answers what is not the
  // list; InvalidArgument when it refuses the request.
  wf::Result<DayAppointments> fetchDay(const std::string& date);

  // The visitor of appointment `code` checked in at `at` / did not come.
  // OK when the platform has the report (now or from before); Conflict when
  // it has the other one; InvalidArgument for another refusal (the
  // platform's words); Unavailable when worth trying again.
  wf::Status checkIn(const std::string& code, int64_t at);
  wf::Status noShow(const std::string& code, int64_t at);

  // The waiting count of each queue. Conflict when the platform keeps a
  // newer one (a stale push), Unavailable / InvalidArgument as above.
  wf::Status pushWaiting(const std::vector<QueueCount>& queues);

 private:
  wf::Status report(const std::string& code, const char* verb, int64_t at);
  wf::Status failure(const CityReply& reply, const std::string& what) const;

  CityClient& client_;
  const std::string hall_code_;
};

}  // namespace connectors
