#include "portal/domain/wait_estimator.h"

#include <cmath>

namespace hall::domain {

namespace {

void blend(std::map<std::string, double>& means, const std::string& key, double minutes,
           double alpha) {
  auto [it, inserted] = means.try_emplace(key, minutes);
  if (!inserted) it->second = alpha * minutes + (1 - alpha) * it->second;
}

}  // namespace

WaitEstimator::WaitEstimator(double default_service_minutes, double alpha)
    : default_minutes_(default_service_minutes), alpha_(alpha) {}

void WaitEstimator::recordService(const std::string& queue, const std::string& window,
                                  double minutes) {
  if (!(minutes >= 0)) return;
  blend(by_queue_, queue, minutes, alpha_);
  blend(by_window_, window, minutes, alpha_);
}

double WaitEstimator::queueServiceMinutes(const std::string& queue) const {
  const auto it = by_queue_.find(queue);
  return it == by_queue_.end() ? default_minutes_ : it->second;
}

double WaitEstimator::serviceMinutes(const std::string& queue, const std::string& window) const {
  const auto it = by_window_.find(window);
  return it == by_window_.end() ? queueServiceMinutes(queue) : it->second;
}

int WaitEstimator::estimateMinutes(const std::string& queue, int ahead,
                                   const std::vector<OpenWindow>& open) const {
  double rate = 0;  // visitors per minute
  for (const OpenWindow& w : open) {
    const double minutes = std::max(serviceMinutes(queue, w.id), 0.1);
    rate += 1.0 / (minutes * std::max(w.queues_served, 1));
  }
  if (rate <= 0) return 0;
  return static_cast<int>(std::lround((ahead + 0.5) / rate));
}

}  // namespace hall::domain
