#include "tools/devicesim/fleet_report.h"

#include <iomanip>

namespace hall::devicesim {

void printLatency(std::ostream& out, const LatencySummary& s) {
  const auto flags = out.flags();
  out << "count " << s.count << std::fixed << std::setprecision(1) << "  p50 " << s.p50 << "  p95 "
      << s.p95 << "  p99 " << s.p99 << "  max " << s.max << " ms";
  out.flags(flags);
}

void printFleetReport(std::ostream& out, const std::vector<KindReport>& kinds,
                      const std::vector<Drop>& drops, size_t malformed_calls) {
  out << "messages received, by device kind:\n";
  for (const KindReport& k : kinds) {
    out << "  " << std::left << std::setw(18) << k.kind << std::right << std::setw(4) << k.devices
        << " devices " << std::setw(8) << k.messages << " messages:";
    const char* separator = " ";
    for (const auto& [type, n] : k.by_type) {
      out << separator << type << " " << n;
      separator = ", ";
    }
    out << "\n";
  }
  out << "call displays, latency to receipt:\n";
  bool any = false;
  for (const KindReport& k : kinds) {
    if (k.call_from_at.count == 0) continue;
    any = true;
    out << "  " << std::left << std::setw(18) << k.kind << std::right << " from the call:   ";
    printLatency(out, k.call_from_at);
    out << "\n  " << std::setw(18) << ""
        << " from sentAt:     ";
    printLatency(out, k.call_from_sent);
    out << "\n";
  }
  if (!any) out << "  none received\n";
  if (malformed_calls > 0) {
    out << "call displays without number, at or sentAt: " << malformed_calls << "\n";
  }
  for (const Drop& d : drops) {
    out << "connection ended by the server or the network: " << d.device_id << " (code "
        << d.reason.code << ", " << d.reason.reason << ")\n";
  }
}

}  // namespace hall::devicesim
