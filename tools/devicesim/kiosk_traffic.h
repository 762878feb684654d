// KioskTraffic: ticket kiosks taking walk-in tickets over the REST API with
// their own device keys (`Authorization: Device <id>:<key>`, POST
// /api/v1/tickets), each at a steady rate, cycling through the queues — the
// visitors of a simulated hall.
//
// Each kiosk has a thread of its own and takes one ticket after another, as
// the machine does; kiosks start spread over the first interval so they do
// not all ask at once. A refused ticket (a closed queue: 409) is counted by
// status, not retried.
//
// Thread-safety: start() and stop() from the owning thread; report() from
// any.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tools/devicesim/hall_api_client.h"
#include "tools/devicesim/latency_stats.h"

namespace hall::devicesim {

struct KioskTrafficOptions {
  ServerAddress server;
  std::string secret;               // the hall device secret, for each kiosk's key
  std::vector<std::string> kiosks;  // device ids of ticket kiosks (or desktops)
  std::vector<std::string> queues;  // taken in turn
  double tickets_per_minute = 0;    // per kiosk; > 0
};

struct KioskTrafficReport {
  size_t requests = 0;
  std::map<int, size_t> by_status;  // 201 taken; 0: no answer
  LatencySummary round_trip;        // of every request, ms
  std::string last_error;           // the last refusal or failure, for people
};

class KioskTraffic {
 public:
  explicit KioskTraffic(KioskTrafficOptions options) : options_(std::move(options)) {}
  // stop()s.
  ~KioskTraffic();
  KioskTraffic(const KioskTraffic&) = delete;
  KioskTraffic& operator=(const KioskTraffic&) = delete;

  void start();
  // Ends the kiosks' threads after their request in flight.
  void stop();
  KioskTrafficReport report() const;

 private:
  void run(size_t kiosk);

  const KioskTrafficOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable stop_requested_;
  bool stopping_ = false;
  size_t next_queue_ = 0;
  KioskTrafficReport report_;
  std::vector<double> round_trips_;
  std::vector<std::thread> threads_;
};

}  // namespace hall::devicesim
