// Latency samples and their summary: count, p50, p95, p99 and max, in
// milliseconds. Percentiles are nearest-rank (the smallest sample with at
// least p% of the samples at or below it), so every figure printed is a
// latency that was really measured, never an interpolation between two.
//
// Plain values; not thread-safe (the fleet guards its samples itself).
#pragma once

#include <cstddef>
#include <vector>

namespace hall::devicesim {

struct LatencySummary {
  size_t count = 0;
  double p50 = 0;
  double p95 = 0;
  double p99 = 0;
  double max = 0;
};

// The nearest-rank percentile `p` (0 < p <= 100) of `sorted`, which must be
// sorted ascending and not empty.
double percentile(const std::vector<double>& sorted, double p);

// Summary of `samples` (any order); all zero when there are none.
LatencySummary summarize(std::vector<double> samples);

}  // namespace hall::devicesim
