// Announcer: a zone's loudspeaker queue. Calls arrive at any time from the
// device connection; they are spoken one after another on a thread of the
// announcer's own, so two announcements never overlap, in the order they
// came. A speaker that fails is reported and the queue goes on.
//
// Thread-safety: announce() from any thread; the Speaker is used on the
// announcer's thread only.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace devices::broadcast {

// Speaks one text and returns when it has been spoken; an error message, or
// "" on success.
class Speaker {
 public:
  virtual ~Speaker() = default;
  virtual std::string speak(const std::string& text) = 0;
};

struct Spoken {
  std::string text;
  int64_t started_us = 0;  // steady clock, microseconds
  int64_t ended_us = 0;
  std::string error;  // "" when spoken
};

class Announcer {
 public:
  // `on_spoken` (optional) hears of each announcement once it is over.
  Announcer(Speaker& speaker, std::function<void(const Spoken&)> on_spoken = {});
  ~Announcer();  // speaks what is queued, then stops
  Announcer(const Announcer&) = delete;
  Announcer& operator=(const Announcer&) = delete;

  void announce(std::string text);
  // Blocks until the queue is empty and nothing is being spoken.
  void drain();

 private:
  void run();

  Speaker& speaker_;
  std::function<void(const Spoken&)> on_spoken_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;
  bool speaking_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace devices::broadcast
