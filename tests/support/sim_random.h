// SimRandom: the random draws of a simulation, from a seeded std::mt19937
// (whose sequence the standard fixes) through distributions written here.
// The std::*_distribution classes are left alone: their output may differ
// between standard libraries, and a seeded run must repeat anywhere.
//
// Thread-safety: none; one simulation owns it.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace hall::test {

class SimRandom {
 public:
  explicit SimRandom(uint32_t seed) : generator_(seed) {}

  // Uniform in the open interval (0, 1): never 0, so its logarithm is finite.
  double uniform();
  double uniform(double low, double high);
  // 0 … n-1, each alike.
  int below(int n);
  bool chance(double probability);
  // Exponential with `mean`, by the inverse of its distribution function.
  double exponential(double mean);
  // Standard normal, by the Box–Muller transform.
  double normal();
  // Lognormal whose mean is `mean` and whose logarithm has deviation
  // `sigma`: service times, skewed to the right like real ones.
  double lognormal(double mean, double sigma);
  // An index into `weights`, drawn in proportion to them (not all zero).
  size_t pick(const std::vector<double>& weights);

 private:
  std::mt19937 generator_;
};

}  // namespace hall::test
