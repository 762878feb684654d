// The device simulator's summary as people read it: per device kind, the
// devices, the messages they received by type, and the latency of `call`
// displays from the call (data.at) and from sentAt to receipt — count, p50,
// p95, p99 and max in ms; then any connection the server ended.
#pragma once

#include <ostream>
#include <vector>

#include "tools/devicesim/device_fleet.h"
#include "tools/devicesim/latency_stats.h"

namespace hall::devicesim {

// "count 10000  p50 1.2  p95 3.4  p99 5.6  max 9.9 ms"
void printLatency(std::ostream& out, const LatencySummary& summary);

void printFleetReport(std::ostream& out, const std::vector<KindReport>& kinds,
                      const std::vector<Drop>& drops, size_t malformed_calls);

}  // namespace hall::devicesim
