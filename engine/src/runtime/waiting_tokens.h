// Where an instance's tokens wait, read from its runtime state: the active
// activity ids of one instance, and the per-element counts over many
// instances that the analyst's cockpit shows. Both read the same tokens, so
// a count and an instance's active ids never disagree.
//
// Thread-safety: plain functions of their arguments.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/model.h"
#include "runtime/instance_runtime.h"
#include "wf/records.h"

namespace wf::runtime {

// Waiting tokens and join arrivals, one entry each, sorted. A sub-process
// or multi-instance body is not listed itself: its inner tokens are.
std::vector<std::string> activeActivities(const model::Process& process,
                                          const InstanceRuntime& state);

// Adds the waiting tokens of one instance to `counts` (by element id); a
// token stopped by an incident counts as waiting and as an incident.
void countWaiting(const model::Process& process, const InstanceRuntime& state,
                  std::map<std::string, ElementStatistics>& counts);

}  // namespace wf::runtime
