#include "devices/protocol/device_client.h"

#include <Poco/Buffer.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/Timespan.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <utility>

#include "devices/protocol/message_codec.h"

namespace devices::protocol {

namespace {

using Poco::Net::WebSocket;
using SteadyClock = std::chrono::steady_clock;

constexpr std::chrono::seconds kCloseAnswerWait{2};
// RFC 6455 7.4.1: the code reported when a close frame carries none.
constexpr int kNoStatusReceived = 1005;
constexpr int kFinalPong =
    static_cast<int>(WebSocket::FRAME_FLAG_FIN) | static_cast<int>(WebSocket::FRAME_OP_PONG);

Poco::Timespan timespanOf(std::chrono::milliseconds ms) {
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000);
}

// Poco writes with a plain send(), so a write to a connection the server has
// just reset raises SIGPIPE, whose default action ends the whole device
// program. Linux has no per-socket opt-out; so each write blocks SIGPIPE in
// its own thread and takes back a SIGPIPE it raised before unblocking — the
// write then fails with EPIPE, which the caller handles.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~SigpipeBlock() {
    if (!was_pending_) {
      sigset_t pending;
      sigpending(&pending);
      if (sigismember(&pending, SIGPIPE) == 1) {
        const timespec zero{0, 0};
        sigtimedwait(&pipe_, nullptr, &zero);
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  sigset_t pipe_;
  sigset_t old_;
  bool was_pending_ = false;
};

// Both directions of the TCP connection, without a close frame (WebSocket's
// own shutdown() sends one): a receive blocked in another thread returns.
void shutdownSocket(WebSocket& socket) {
  try {
    static_cast<Poco::Net::StreamSocket&>(socket).shutdown();
  } catch (const Poco::Exception&) {
    // Already shut or closed: nothing left to wake.
  }
}

}  // namespace

DeviceClient::DeviceClient(DeviceClientOptions options, MessageHandler on_message,
                           CloseHandler on_close)
    : options_(std::move(options)),
      on_message_(std::move(on_message)),
      on_close_(std::move(on_close)) {}

DeviceClient::~DeviceClient() {
  close();
  joinThreads();
}

ConnectResult DeviceClient::connect() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (phase_ != Phase::Idle) return {false, "connect() may be called once per client", {}};
    phase_ = Phase::Registering;
  }
  const std::string where =
      "ws://" + options_.host + ":" + std::to_string(options_.port) + options_.path;
  Poco::Net::HTTPResponse response;
  try {
    Poco::Net::HTTPClientSession session(options_.host, options_.port);
    const Poco::Timespan connect_timeout = timespanOf(options_.connect_timeout);
    session.setTimeout(connect_timeout, timespanOf(options_.send_timeout), connect_timeout);
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, options_.path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    socket_ = std::make_unique<WebSocket>(session, request, response);
    socket_->setMaxPayloadSize(static_cast<int>(
        std::min<size_t>(options_.max_message_bytes, static_cast<size_t>(INT32_MAX))));
    socket_->setSendTimeout(timespanOf(options_.send_timeout));
    // Zero: no timeout. Liveness is the heartbeat's business (sendLoop).
    socket_->setReceiveTimeout(Poco::Timespan(0));
  } catch (const Poco::Exception& e) {
    std::string error = where + ": " + e.displayText();
    if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK &&
        response.getStatus() != Poco::Net::HTTPResponse::HTTP_SWITCHING_PROTOCOLS) {
      error += " (HTTP " + std::to_string(static_cast<int>(response.getStatus())) + ")";
    }
    std::lock_guard<std::mutex> lock(mutex_);
    phase_ = Phase::Ended;
    close_reason_ = CloseReason{0, error};
    socket_.reset();
    return {false, error, {}};
  }

  {
    std::lock_guard<std::mutex> lock(join_mutex_);
    reader_ = std::thread([this] { readLoop(); });
  }
  writeText(encode(Register{options_.device_id, options_.key, options_.software}));

  ConnectResult result;
  std::optional<std::chrono::milliseconds> interval;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, options_.connect_timeout, [this] {
      return registration_.has_value() || refusal_.has_value() || phase_ == Phase::Ended;
    });
    if (registration_ && phase_ == Phase::Registering && !closing_) {
      phase_ = Phase::Open;
      last_heard_ = SteadyClock::now();
      interval = std::chrono::seconds(std::max(1, registration_->heartbeat_seconds));
    }
  }
  if (interval) {
    std::lock_guard<std::mutex> lock(join_mutex_);
    sender_ = std::thread([this, beat = *interval] { sendLoop(beat); });
    return {true, "", {}};
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (refusal_) {
      result = {false,
                where + ": the server refused " + options_.device_id + ": " +
                    errorCodeName(refusal_->code) + ": " + refusal_->message,
                refusal_};
    } else if (close_reason_) {
      result = {
          false, where + ": the connection ended before registering: " + close_reason_->reason, {}};
    } else {
      result = {false,
                where + ": no answer to register within " +
                    std::to_string(options_.connect_timeout.count()) + " ms",
                {}};
    }
  }
  close();
  return result;
}

bool DeviceClient::send(DeviceMessage message) {
  std::string text = encode(message);
  std::lock_guard<std::mutex> lock(mutex_);
  if (phase_ != Phase::Open || closing_) return false;
  outbox_.push_back(std::move(text));
  changed_.notify_all();
  return true;
}

bool DeviceClient::reportFault(std::string code, std::string message) {
  return send(Fault{std::move(code), std::move(message)});
}

bool DeviceClient::clearFault(std::string code) { return send(FaultCleared{std::move(code)}); }

void DeviceClient::close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (phase_ == Phase::Idle) {
      phase_ = Phase::Ended;
      return;
    }
    closing_ = true;
    changed_.notify_all();
  }
  {
    // What was queued before close() goes out first.
    std::lock_guard<std::mutex> lock(join_mutex_);
    if (sender_.joinable() && sender_.get_id() != std::this_thread::get_id()) sender_.join();
  }
  if (socket_) {
    writeClose(kCloseNormal, "");
    bool on_reader = false;
    {
      std::lock_guard<std::mutex> lock(join_mutex_);
      on_reader = reader_.joinable() && std::this_thread::get_id() == reader_.get_id();
    }
    if (!on_reader) {
      std::unique_lock<std::mutex> lock(mutex_);
      const bool answered =
          changed_.wait_for(lock, kCloseAnswerWait, [this] { return phase_ == Phase::Ended; });
      lock.unlock();
      if (!answered) abort("the server did not answer the close");
    }
  }
  joinThreads();
}

bool DeviceClient::connected() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return phase_ == Phase::Open && !closing_;
}

std::optional<Registered> DeviceClient::registration() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return registration_;
}

std::optional<CloseReason> DeviceClient::closeReason() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return close_reason_;
}

int64_t DeviceClient::heartbeatsSent() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return heartbeats_sent_;
}

void DeviceClient::readLoop() {
  Poco::Buffer<char> frame(0);
  std::string message;  // a text message, assembled from its fragments
  bool text_message = false;
  for (;;) {
    int flags = 0;
    int n = 0;
    frame.resize(0);
    try {
      n = socket_->receiveFrame(frame, flags);
    } catch (const Poco::Exception& e) {
      ended(CloseReason{0, e.displayText()});
      return;
    }
    if (n == 0 && flags == 0) {
      ended(CloseReason{0, "the connection was closed without a close frame"});
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      last_heard_ = SteadyClock::now();
      changed_.notify_all();
    }
    const int opcode = flags & WebSocket::FRAME_OP_BITMASK;
    if (opcode == WebSocket::FRAME_OP_PING) {
      try {
        SigpipeBlock no_sigpipe;
        std::lock_guard<std::mutex> lock(write_mutex_);
        if (!close_sent_) {
          socket_->sendFrame(frame.begin(), n, kFinalPong);
        }
      } catch (const Poco::Exception&) {
        // The reader learns of a dead connection on its next receive.
      }
      continue;
    }
    if (opcode == WebSocket::FRAME_OP_PONG) continue;
    if (opcode == WebSocket::FRAME_OP_CLOSE) {
      CloseReason reason{kNoStatusReceived, ""};
      if (n >= 2) {
        reason.code =
            (static_cast<unsigned char>(frame[0]) << 8) | static_cast<unsigned char>(frame[1]);
        reason.reason.assign(frame.begin() + 2, static_cast<size_t>(n - 2));
      }
      writeClose(
          static_cast<uint16_t>(reason.code == kNoStatusReceived ? kCloseNormal : reason.code), "");
      ended(std::move(reason));
      return;
    }
    if (opcode == WebSocket::FRAME_OP_CONT) {
      if (message.size() + static_cast<size_t>(n) > options_.max_message_bytes) {
        abort("a message from the server is larger than " +
              std::to_string(options_.max_message_bytes) + " bytes");
        continue;  // the next receive sees the shut socket and ends
      }
      message.append(frame.begin(), static_cast<size_t>(n));
    } else {
      text_message = opcode == WebSocket::FRAME_OP_TEXT;
      message.assign(frame.begin(), static_cast<size_t>(n));
    }
    if ((flags & WebSocket::FRAME_FLAG_FIN) == 0) continue;
    if (text_message) deliver(message);
    message.clear();
  }
}

void DeviceClient::deliver(const std::string& text) {
  const Decoded<ServerMessage> decoded = decodeServerMessage(text);
  // A message this client cannot read (a newer server's) is skipped.
  if (!decoded.ok()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (phase_ == Phase::Registering) {
      if (const auto* registered = std::get_if<Registered>(&*decoded)) {
        registration_ = *registered;
      } else if (const auto* error = std::get_if<ErrorMessage>(&*decoded)) {
        refusal_ = *error;
      }
      changed_.notify_all();
    }
  }
  if (on_message_) on_message_(*decoded);
}

void DeviceClient::sendLoop(std::chrono::milliseconds interval) {
  const auto silence_limit = interval * kDefaultMissedHeartbeats;
  std::unique_lock<std::mutex> lock(mutex_);
  auto next_beat = SteadyClock::now() + interval;
  while (phase_ == Phase::Open) {
    if (!outbox_.empty()) {
      const std::string text = std::move(outbox_.front());
      outbox_.pop_front();
      lock.unlock();
      const bool written = writeText(text);
      lock.lock();
      if (!written) return;
      continue;
    }
    if (closing_) return;
    const auto now = SteadyClock::now();
    if (now - last_heard_ >= silence_limit) {
      lock.unlock();
      abort(
          "the server sent nothing for " +
          std::to_string(std::chrono::duration_cast<std::chrono::seconds>(silence_limit).count()) +
          " s");
      return;
    }
    if (now >= next_beat) {
      const int64_t seq = heartbeats_sent_ + 1;
      lock.unlock();
      const bool written = writeText(encode(Heartbeat{seq}));
      lock.lock();
      if (!written) return;
      heartbeats_sent_ = seq;
      next_beat += interval;
      if (next_beat <= now) next_beat = now + interval;
      continue;
    }
    changed_.wait_until(lock, std::min(next_beat, last_heard_ + silence_limit));
  }
}

bool DeviceClient::writeText(const std::string& text) {
  try {
    SigpipeBlock no_sigpipe;
    std::lock_guard<std::mutex> lock(write_mutex_);
    if (close_sent_) return false;
    const int n =
        socket_->sendFrame(text.data(), static_cast<int>(text.size()), WebSocket::FRAME_TEXT);
    if (n == static_cast<int>(text.size())) return true;
  } catch (const Poco::Exception& e) {
    abort("cannot write to the server: " + e.displayText());
    return false;
  }
  abort("cannot write to the server: a frame went out in part");
  return false;
}

void DeviceClient::writeClose(uint16_t code, const std::string& reason) {
  try {
    SigpipeBlock no_sigpipe;
    std::lock_guard<std::mutex> lock(write_mutex_);
    if (close_sent_) return;
    close_sent_ = true;
    socket_->shutdown(code, reason);
  } catch (const Poco::Exception&) {
    // The connection is gone already; the reader reports how it ended.
  }
}

void DeviceClient::abort(const std::string& reason) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!abort_reason_) abort_reason_ = reason;
  }
  shutdownSocket(*socket_);
}

void DeviceClient::ended(CloseReason reason) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (close_reason_) return;
    // The reader only sees the socket fail; the cause, when known, is why it was shut.
    if (abort_reason_ && reason.code == 0) reason.reason = *abort_reason_;
    close_reason_ = reason;
    phase_ = Phase::Ended;
    changed_.notify_all();
  }
  if (on_close_) on_close_(reason);
}

void DeviceClient::joinThreads() {
  std::lock_guard<std::mutex> lock(join_mutex_);
  const std::thread::id self = std::this_thread::get_id();
  if (sender_.joinable() && sender_.get_id() != self) sender_.join();
  if (reader_.joinable() && reader_.get_id() != self) reader_.join();
}

}  // namespace devices::protocol
