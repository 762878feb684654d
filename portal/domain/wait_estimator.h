// WaitEstimator: how long a visitor will wait, from live service times.
//
// Each finished service updates an exponentially weighted mean of service
// minutes for its window and for its queue (alpha: the weight of the newest
// one). A queue is drained by the windows open for it; a window that serves
// k queues gives each of them 1/k of its rate. The wait of a visitor with n
// people ahead is then (n + ½) / (the queue's rate): the half is the service
// that is under way when he arrives.
//
// Thread-safety: none; the front desk guards it.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace hall::domain {

class WaitEstimator {
 public:
  explicit WaitEstimator(double default_service_minutes, double alpha = 0.2);

  void recordService(const std::string& queue, const std::string& window, double minutes);

  // The mean service minutes at `window` (its own mean once it has served,
  // else the queue's, else the default).
  double serviceMinutes(const std::string& queue, const std::string& window) const;
  double queueServiceMinutes(const std::string& queue) const;

  struct OpenWindow {
    std::string id;
    int queues_served = 1;
  };
  // The expected wait in whole minutes (rounded) of a visitor with `ahead`
  // people before him, drained by the `open` windows; 0 when none is open.
  int estimateMinutes(const std::string& queue, int ahead,
                      const std::vector<OpenWindow>& open) const;

 private:
  double default_minutes_;
  double alpha_;
  std::map<std::string, double> by_queue_;
  std::map<std::string, double> by_window_;
};

}  // namespace hall::domain
