#include "portal/web/websocket_connection.h"

#include <Poco/Exception.h>
#include <Poco/Net/PollSet.h>
#include <sys/socket.h>

#include <cerrno>
#include <utility>

namespace portal::web {

WebSocketConnection::WebSocketConnection(uint64_t id, Poco::Net::WebSocket socket,
                                         std::string remote, Poco::Net::PollSet& poll_set,
                                         const WebSocketLimits& limits)
    : id_(id),
      remote_(std::move(remote)),
      limits_(limits),
      poll_set_(poll_set),
      socket_(std::move(socket)),
      fd_(socket_.impl()->sockfd()),
      decoder_(limits.max_message_bytes) {}

bool WebSocketConnection::sendText(std::string_view text) {
  std::string frame = encodeWebSocketFrame(WebSocketOpcode::Text, text);
  std::lock_guard<std::mutex> lock(mutex_);
  if (state_ != State::Open) return false;
  return queueLocked(std::move(frame), /*bounded=*/true);
}

void WebSocketConnection::close(uint16_t code, std::string_view reason) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (state_ != State::Open) return;
  state_ = State::Closing;
  closing_since_ = std::chrono::steady_clock::now();
  // Past the bounds: a close frame must go out after whatever is queued.
  queueLocked(encodeWebSocketClose(code, reason), /*bounded=*/false);
}

bool WebSocketConnection::isOpen() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_ == State::Open;
}

bool WebSocketConnection::sendControl(WebSocketOpcode opcode, std::string_view payload) {
  std::string frame = encodeWebSocketFrame(opcode, payload);
  std::lock_guard<std::mutex> lock(mutex_);
  if (state_ != State::Open) return false;
  return queueLocked(std::move(frame), /*bounded=*/true);
}

void WebSocketConnection::onWritable() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (state_ != State::Finished && !dropped_) flushLocked();
}

void WebSocketConnection::peerClosed() {
  std::lock_guard<std::mutex> lock(mutex_);
  peer_closed_ = true;
}

bool WebSocketConnection::readyToFinish() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_ == State::Closing && (dropped_ || (peer_closed_ && queue_.empty()));
}

bool WebSocketConnection::lingeredPast(std::chrono::steady_clock::time_point now,
                                       std::chrono::milliseconds linger) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_ == State::Closing && now - closing_since_ >= linger;
}

bool WebSocketConnection::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (state_ == State::Finished) return false;
  state_ = State::Finished;
  queue_.clear();
  queued_bytes_ = 0;
  front_sent_ = 0;
  // Out of the poll set before the descriptor is closed (and its number
  // possibly reused by the next connection).
  try {
    poll_set_.remove(socket_);
  } catch (const Poco::Exception&) {
    // Not in the set: nothing to remove.
  }
  try {
    socket_.close();
  } catch (const Poco::Exception&) {
    // Closing a socket whose peer is gone may fail; it is closed all the same.
  }
  return true;
}

bool WebSocketConnection::queueLocked(std::string frame, bool bounded) {
  if (bounded && (queue_.size() + 1 > limits_.max_queued_frames ||
                  queued_bytes_ + frame.size() > limits_.max_queued_bytes)) {
    dropLocked();
    return false;
  }
  queued_bytes_ += frame.size();
  queue_.push_back(std::move(frame));
  // While the loop waits for the socket to take more, new frames queue behind
  // the rest; otherwise the socket may take this one at once.
  if (!polling_writes_) flushLocked();
  return true;
}

void WebSocketConnection::flushLocked() {
  while (!queue_.empty()) {
    const std::string& frame = queue_.front();
    const ssize_t n = ::send(fd_, frame.data() + front_sent_, frame.size() - front_sent_,
                             MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n > 0) {
      front_sent_ += static_cast<size_t>(n);
      if (front_sent_ == frame.size()) {
        queued_bytes_ -= frame.size();
        queue_.pop_front();
        front_sent_ = 0;
      }
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    // The peer is gone (EPIPE, ECONNRESET …): nothing queued can reach it.
    dropLocked();
    return;
  }
  const bool pending = !queue_.empty();
  if (pending != polling_writes_) {
    try {
      poll_set_.update(
          socket_, Poco::Net::PollSet::POLL_READ | (pending ? Poco::Net::PollSet::POLL_WRITE : 0));
      polling_writes_ = pending;
    } catch (const Poco::Exception&) {
      dropLocked();
      return;
    }
  }
  if (!pending && state_ == State::Closing && !write_shut_) {
    // The close frame is out: end our direction, and wait for the peer's.
    ::shutdown(fd_, SHUT_WR);
    write_shut_ = true;
  }
}

void WebSocketConnection::dropLocked() {
  if (state_ == State::Finished) return;
  dropped_ = true;
  if (state_ == State::Open) {
    state_ = State::Closing;
    closing_since_ = std::chrono::steady_clock::now();
  }
  queue_.clear();
  queued_bytes_ = 0;
  front_sent_ = 0;
  // The loop sees end of file on the socket and finishes the connection.
  ::shutdown(fd_, SHUT_RDWR);
}

}  // namespace portal::web
