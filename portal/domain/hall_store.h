// HallStore: where the front desk keeps its tickets, window sessions,
// appointments and daily ticket counters (the port; SociHallStore in
// portal/store is the real one). The visit process instances stay in the
// engine; this is the hall's own index of them.
//
// Thread-safety: implementations serve every member from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "portal/domain/front_desk_records.h"
#include "wf/status.h"

namespace hall::domain {

class HallStore {
 public:
  virtual ~HallStore() = default;

  // The next ticket sequence of `queue` on local date `day` (1, 2, 3 …),
  // durably: a number once handed out is never handed out again that day.
  virtual wf::Result<int> nextTicketSequence(const std::string& queue, const std::string& day) = 0;

  // Writes the ticket and the session (either may be null) in one
  // transaction: both or neither.
  virtual wf::Status save(const Ticket* ticket, const WindowSession* session) = 0;

  virtual wf::Result<std::optional<Ticket>> ticket(const std::string& id) = 0;
  virtual wf::Result<std::optional<Ticket>> ticketByStatusToken(const std::string& token) = 0;
  // Every ticket not done, oldest first.
  virtual wf::Result<std::vector<Ticket>> liveTickets() = 0;
  // Tickets of local date `day`, done or not, oldest first.
  virtual wf::Result<std::vector<Ticket>> ticketsOfDay(const std::string& day) = 0;

  virtual wf::Result<std::vector<WindowSession>> windowSessions() = 0;

  // InvalidArgument when the code is taken.
  virtual wf::Status addAppointment(const Appointment& appointment) = 0;
  virtual wf::Result<std::optional<Appointment>> appointment(const std::string& code) = 0;
  // Marks the appointment checked in; Conflict when it already was.
  virtual wf::Status checkInAppointment(const std::string& code, const std::string& ticket) = 0;
};

}  // namespace hall::domain
