// DemoTraffic: a stream of simulated visitors and clerks for `hall serve
// --demo --simulate`, so that a newcomer sees queues grow and screens call.
// A few clerks sign in at windows; visitors take walk-in tickets every few
// seconds in the busier queues; each signed-in window calls the next one,
// serves it for a while and ends (now and then a no-show or a transfer).
// Everything goes through the FrontDesk like a real kiosk and window would.
//
// Thread-safety: start() and stop() from the owning thread; one thread of
// its own runs the traffic.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "portal/domain/front_desk.h"

namespace hall::app {

struct DemoTrafficOptions {
  int windows = 12;             // how many clerks sign in
  double arrival_seconds = 4;   // mean time between visitors
  double service_seconds = 40;  // mean service at a window
  uint32_t seed = 20261129;
};

class DemoTraffic {
 public:
  DemoTraffic(hall::domain::FrontDesk& desk, DemoTrafficOptions options);
  ~DemoTraffic();
  DemoTraffic(const DemoTraffic&) = delete;
  DemoTraffic& operator=(const DemoTraffic&) = delete;

  void start();
  // Stops the thread (the windows stay signed in, as a clerk would leave them).
  void stop();

 private:
  struct Clerk {
    std::string window;
    double busy_until = 0;  // seconds since start
  };

  void run();
  void tick(double now);
  double exponential(double mean);

  hall::domain::FrontDesk& desk_;
  DemoTrafficOptions options_;
  std::mt19937 random_;
  std::vector<Clerk> clerks_;
  double next_arrival_ = 0;

  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hall::app
