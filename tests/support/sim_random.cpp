#include "support/sim_random.h"

#include <cmath>
#include <numbers>
#include <numeric>

namespace hall::test {

double SimRandom::uniform() {
  // 32 random bits, centred in their cell of width 2^-32.
  return (static_cast<double>(generator_()) + 0.5) / 4294967296.0;
}

double SimRandom::uniform(double low, double high) { return low + (high - low) * uniform(); }

int SimRandom::below(int n) {
  const int k = static_cast<int>(uniform() * n);
  return k < n ? k : n - 1;
}

bool SimRandom::chance(double probability) { return uniform() < probability; }

double SimRandom::exponential(double mean) { return -mean * std::log(uniform()); }

double SimRandom::normal() {
  const double radius = std::sqrt(-2.0 * std::log(uniform()));
  return radius * std::cos(2.0 * std::numbers::pi * uniform());
}

double SimRandom::lognormal(double mean, double sigma) {
  // E[exp(mu + sigma·Z)] = exp(mu + sigma²/2).
  const double mu = std::log(mean) - sigma * sigma / 2.0;
  return std::exp(mu + sigma * normal());
}

size_t SimRandom::pick(const std::vector<double>& weights) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  double point = uniform() * total;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (point < weights[i]) return i;
    point -= weights[i];
  }
  return weights.size() - 1;  // rounding at the very top
}

}  // namespace hall::test
