#include "tools/devicesim/latency_stats.h"

#include <gtest/gtest.h>

#include <vector>

namespace hall::devicesim {
namespace {

TEST(LatencyStats, NothingMeasuredIsAllZero) {
  const LatencySummary s = summarize({});
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.max, 0);
}

TEST(LatencyStats, PercentilesAreNearestRankSamples) {
  // 1..100 in reverse: p50 is the 50th smallest, p95 the 95th, p99 the 99th.
  std::vector<double> samples;
  for (int i = 100; i >= 1; --i) samples.push_back(i);
  const LatencySummary s = summarize(samples);
  EXPECT_EQ(s.count, 100u);
  EXPECT_EQ(s.p50, 50);
  EXPECT_EQ(s.p95, 95);
  EXPECT_EQ(s.p99, 99);
  EXPECT_EQ(s.max, 100);
}

TEST(LatencyStats, FewSamplesNeverInterpolate) {
  const struct {
    std::vector<double> sorted;
    double p;
    double expected;
  } kCases[] = {
      {{7}, 50, 7},
      {{7}, 99, 7},
      {{1, 2}, 50, 1},
      {{1, 2}, 51, 2},
      {{1, 2, 3}, 99, 3},
      {{1, 10, 100, 1000}, 75, 100},
      {{1, 10, 100, 1000}, 76, 1000},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(percentile(c.sorted, c.p), c.expected) << "p" << c.p << " of " << c.sorted.size();
  }
}

}  // namespace
}  // namespace hall::devicesim
