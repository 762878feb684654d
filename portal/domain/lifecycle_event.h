// What the hall's Boost.Statechart lifecycles share: firing one event at a
// machine that notes in `refused` an event no state took (its
// unconsumed_event), and turning that into a Conflict that names the move
// and the state it was refused in. The machine stays where it was.
#pragma once

#include <string>

#include "wf/status.h"

namespace hall::domain {

// `Where` is the interface every state implements (where() → the state);
// `describe(what, state)` words the refusal.
template <typename Event, typename Where, typename Machine, typename Describe>
wf::Status fireLifecycleEvent(Machine& machine, const char* what, Describe describe) {
  const auto before = machine.template state_cast<const Where&>().where();
  machine.refused = false;
  machine.process_event(Event());
  if (machine.refused) return wf::Status::conflict(describe(what, before));
  return wf::Status::ok();
}

}  // namespace hall::domain
