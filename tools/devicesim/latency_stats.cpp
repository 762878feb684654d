#include "tools/devicesim/latency_stats.h"

#include <algorithm>
#include <cmath>

namespace hall::devicesim {

double percentile(const std::vector<double>& sorted, double p) {
  const double rank = std::ceil(p / 100.0 * static_cast<double>(sorted.size()));
  const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return sorted[std::min(index, sorted.size() - 1)];
}

LatencySummary summarize(std::vector<double> samples) {
  LatencySummary summary;
  if (samples.empty()) return summary;
  std::sort(samples.begin(), samples.end());
  summary.count = samples.size();
  summary.p50 = percentile(samples, 50);
  summary.p95 = percentile(samples, 95);
  summary.p99 = percentile(samples, 99);
  summary.max = samples.back();
  return summary;
}

}  // namespace hall::devicesim
