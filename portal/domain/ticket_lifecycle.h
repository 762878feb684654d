// TicketLifecycle: where a ticket stands, as a Boost.Statechart machine.
//
//   waiting ──call──▶ called ──arrive──▶ serving ──end──▶ done
//      ▲                │  │                │
//      └────requeue─────┘  └──end (no-show)─┼──▶ done
//      └──────────────requeue (transfer)────┘
//   waiting ──end──▶ done (withdrawn, or the hall closed)
//
// An event the current state does not take is refused with Conflict and
// changes nothing — never a silent state change.
// Thread-safety: none; the owner serialises access.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "wf/status.h"

namespace hall::domain {

enum class TicketState { Waiting, Called, Serving, Done };

const char* ticketStateName(TicketState state);
std::optional<TicketState> ticketStateFromName(std::string_view name);

class TicketLifecycle {
 public:
  // A machine standing in `at` (a ticket read back from the store).
  explicit TicketLifecycle(TicketState at = TicketState::Waiting);
  ~TicketLifecycle();
  TicketLifecycle(TicketLifecycle&&) noexcept;
  TicketLifecycle& operator=(TicketLifecycle&&) noexcept;

  TicketState state() const;

  wf::Status call();    // waiting → called
  wf::Status arrive();  // called → serving
  wf::Status requeue();  // called (a no-show given one more turn) or serving (a transfer) → waiting
  wf::Status end();      // waiting, called or serving → done

  // The Boost.Statechart machine, defined where its states are.
  struct Machine;

 private:
  std::unique_ptr<Machine> machine_;
};

}  // namespace hall::domain
