#include "tools/devicesim/kiosk_traffic.h"

#include "devices/protocol/device_key.h"

namespace hall::devicesim {

KioskTraffic::~KioskTraffic() { stop(); }

void KioskTraffic::start() {
  if (options_.tickets_per_minute <= 0 || options_.queues.empty()) return;
  for (size_t i = 0; i < options_.kiosks.size(); ++i) {
    threads_.emplace_back([this, i] { run(i); });
  }
}

void KioskTraffic::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  stop_requested_.notify_all();
  for (std::thread& t : threads_) t.join();
  threads_.clear();
}

KioskTrafficReport KioskTraffic::report() const {
  std::lock_guard<std::mutex> lock(mutex_);
  KioskTrafficReport out = report_;
  out.round_trip = summarize(round_trips_);
  return out;
}

void KioskTraffic::run(size_t kiosk) {
  const std::string& id = options_.kiosks[kiosk];
  const HallApiClient api(options_.server, HallApiClient::device(id, devices::protocol::deviceKey(
                                                                         options_.secret, id)));
  const auto interval = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(60.0 / options_.tickets_per_minute));
  auto due = std::chrono::steady_clock::now() +
             interval * static_cast<int64_t>(kiosk) / static_cast<int64_t>(options_.kiosks.size());
  for (;;) {
    std::string queue;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      // The kiosk's pace, not a wait for a condition: it ends early on stop().
      if (stop_requested_.wait_until(lock, due, [this] { return stopping_; })) return;
      queue = options_.queues[next_queue_++ % options_.queues.size()];
    }
    const ApiReply reply =
        api.post("/api/v1/tickets", R"({"queue":")" + queue + R"(","channel":"walk-in"})");
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++report_.requests;
      ++report_.by_status[reply.status];
      round_trips_.push_back(reply.elapsed_ms);
      if (reply.status != 201) {
        report_.last_error =
            id + ": " +
            (reply.status == 0 ? reply.error : std::to_string(reply.status) + " " + reply.body);
      }
    }
    due += interval;
  }
}

}  // namespace hall::devicesim
