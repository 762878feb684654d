// WebSocketConnection: one upgraded connection served by a WebSocketLoop,
// seen from the code that talks over it.
//
// sendText() never blocks: it writes what the socket takes at once (without
// waiting) and queues the rest, which the loop writes when the socket can
// take more. The queue is bounded (frames and bytes, WebSocketLimits); a
// connection whose queue would overflow is dropped — its socket shut, without
// a close frame, since its peer is not reading anyway — rather than old
// frames being dropped from it: a device that misses messages silently would
// go on showing a stale call or lose a print, while a dropped one goes
// offline where the hall manager sees it, and gets fresh state when it
// registers again.
//
// Thread-safety: sendText(), close() and the accessors may be called from any
// thread; frames go out whole and in the order the calls were made.
#pragma once

#include <Poco/Net/WebSocket.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>

#include "portal/web/websocket_frame_decoder.h"

namespace Poco::Net {
class PollSet;
}  // namespace Poco::Net

namespace portal::web {

struct WebSocketLimits {
  size_t max_message_bytes = 64 * 1024;  // what the peer may send in one message
  size_t max_queued_frames = 256;        // waiting to be written, per connection
  size_t max_queued_bytes = size_t{4} << 20;
};

class WebSocketConnection {
 public:
  // Queues a text frame. False when the connection is closing or gone, or
  // when the frame would overflow its queue — then the connection is dropped.
  bool sendText(std::string_view text);
  // Sends a close frame after what is queued; the connection ends when the
  // peer answers (or after the loop's linger time). Idempotent.
  void close(uint16_t code, std::string_view reason);

  // Neither closing nor gone.
  bool isOpen() const;
  // The peer's address, "host:port".
  const std::string& remote() const { return remote_; }
  uint64_t id() const { return id_; }

  WebSocketConnection(const WebSocketConnection&) = delete;
  WebSocketConnection& operator=(const WebSocketConnection&) = delete;

 private:
  friend class WebSocketLoop;
  enum class State { Open, Closing, Finished };

  WebSocketConnection(uint64_t id, Poco::Net::WebSocket socket, std::string remote,
                      Poco::Net::PollSet& poll_set, const WebSocketLimits& limits);

  // For the loop thread.
  bool sendControl(WebSocketOpcode opcode, std::string_view payload);
  void onWritable();
  void peerClosed();
  // Closing (or dropped) and nothing more to wait for: the loop may finish it.
  bool readyToFinish() const;
  // Closing for longer than `linger`.
  bool lingeredPast(std::chrono::steady_clock::time_point now,
                    std::chrono::milliseconds linger) const;
  // Stops polling and closes the socket; false when already finished.
  bool finish();

  // With mutex_ held.
  bool queueLocked(std::string frame, bool bounded);
  void flushLocked();
  void dropLocked();

  const uint64_t id_;
  const std::string remote_;
  const WebSocketLimits limits_;
  Poco::Net::PollSet& poll_set_;
  Poco::Net::WebSocket socket_;
  const int fd_;

  mutable std::mutex mutex_;
  State state_ = State::Open;
  std::deque<std::string> queue_;
  size_t front_sent_ = 0;  // bytes of queue_.front() already written
  size_t queued_bytes_ = 0;
  bool polling_writes_ = false;
  bool write_shut_ = false;
  bool peer_closed_ = false;
  bool dropped_ = false;
  std::chrono::steady_clock::time_point closing_since_;

  // The loop thread's alone.
  WebSocketFrameDecoder decoder_;
};

}  // namespace portal::web
