// What the front desk keeps: tickets, window sessions and appointments.
// Plain data, stored by a HallStore; personal data only sealed (encrypted)
// and masked, never in the clear.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "portal/domain/ticket_lifecycle.h"
#include "portal/domain/window_lifecycle.h"

namespace hall::domain {

// How the ticket was taken.
enum class TicketChannel { WalkIn, IdCard, Suishen, Appointment, Vip };
const char* ticketChannelName(TicketChannel channel);
std::optional<TicketChannel> ticketChannelFromName(std::string_view name);

struct Ticket {
  std::string id;           // stable, opaque
  std::string instance_id;  // its visit process instance
  std::string task_id;      // the visit's open user task (waiting or serving)
  std::string queue;        // the queue it waits in now (a transfer changes it)
  std::string number;       // "A001": per queue (the one it was issued in) per day
  std::string day;          // local date of issue, "2026-11-29"
  TicketChannel channel = TicketChannel::WalkIn;
  TicketState state = TicketState::Waiting;
  std::string outcome;       // when done: consultation, intake, no-show, withdrawn
  std::string window;        // the window calling or serving it
  std::string status_token;  // what its QR code opens; shows nothing personal
  // Personal data: sealed (encrypted) for the record, a keyed digest to find
  // a second live ticket of the same holder, and the masked form to show.
  std::string id_sealed;
  std::string id_digest;
  std::string id_masked;
  std::string phone_sealed;
  std::string phone_masked;
  // What the calling decision reads.
  bool appointment_on_time = false;
  bool vip = false;
  bool elderly_or_disabled = false;
  bool transferred = false;
  int calls = 0;                   // calls at the current window (1 on the call, +1 per recall)
  int no_shows = 0;                // times it did not come when called
  int estimated_wait_minutes = 0;  // as told when issued
  int64_t issued_at = 0;
  int64_t queued_at = 0;  // when it last began to wait
  int64_t called_at = 0;
  int64_t serving_at = 0;
  int64_t ended_at = 0;
};

// A clerk signed in to a window.
struct WindowSession {
  std::string window;
  std::string clerk;  // the clerk's display name
  WindowState state = WindowState::Offline;
  std::string ticket;  // the ticket it calls or serves
  int64_t since = 0;   // when it entered its state
};

// A slot booked ahead (by the city appointment platform, or a VIP
// reservation made by a clerk); checked in at a ticket machine by its code.
struct Appointment {
  std::string code;
  std::string queue;
  int64_t slot_at = 0;  // epoch millis of the slot's start
  bool vip = false;
  std::string id_sealed;
  std::string id_digest;
  std::string id_masked;
  std::string ticket;  // set once checked in
};

}  // namespace hall::domain
