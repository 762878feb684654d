#include "devices/broadcast/announcer.h"

#include <chrono>
#include <utility>

namespace devices::broadcast {

namespace {

int64_t nowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Announcer::Announcer(Speaker& speaker, std::function<void(const Spoken&)> on_spoken)
    : speaker_(speaker), on_spoken_(std::move(on_spoken)), thread_([this] { run(); }) {}

Announcer::~Announcer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void Announcer::announce(std::string text) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(text));
  }
  changed_.notify_all();
}

void Announcer::drain() {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [this] { return queue_.empty() && !speaking_; });
}

void Announcer::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to say
    Spoken spoken{std::move(queue_.front())};
    queue_.pop_front();
    speaking_ = true;
    lock.unlock();
    spoken.started_us = nowMicros();
    spoken.error = speaker_.speak(spoken.text);
    spoken.ended_us = nowMicros();
    if (on_spoken_) on_spoken_(spoken);
    lock.lock();
    speaking_ = false;
    changed_.notify_all();
  }
}

}  // namespace devices::broadcast
