// The hash chain of an instance's history: each event's hash is SM3 over the
// previous event's hash and this event's content, so changing, removing or
// reordering any stored event breaks every hash after it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wf/records.h"
#include "wf/status.h"

namespace wf::runtime {

// Hex SM3 of `data`.
std::string sm3Hex(std::string_view data);

// Fills e.hash from e.prev_hash and the content of e.
void sealEvent(HistoryEvent& e);

// Checks that the events (in seq order, from seq 1) form an unbroken chain.
Status verifyChain(const std::vector<HistoryEvent>& events);

}  // namespace wf::runtime
