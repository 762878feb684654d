#include "portal/web/websocket_loop.h"

#include <Poco/Buffer.h>
#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/Timespan.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <optional>

#include "portal/web/api_request.h"
#include "portal/web/request_guard.h"

namespace portal::web {

namespace {

using SteadyClock = std::chrono::steady_clock;
using Kind = WebSocketEvent::Kind;

// Read at most this much from one socket per round, so that a device that
// floods cannot starve the others.
constexpr size_t kReadBudget = 256 * 1024;

void refuse(Poco::Net::HTTPServerResponse& response, int status, std::string code,
            std::string message) {
  ApiResponse api = ApiResponse::problem(status, std::move(code), std::move(message));
  api.close_connection = true;
  writeResponse(response, api);
}

}  // namespace

WebSocketLoop::WebSocketLoop(WebSocketHandler& handler, WebSocketLoopOptions options)
    : handler_(handler), options_(std::move(options)) {
  thread_ = std::thread([this] { run(); });
}

WebSocketLoop::~WebSocketLoop() { stop(); }

size_t WebSocketLoop::connectionCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return connections_.size();
}

void WebSocketLoop::accept(Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response) {
  if (request.getMethod() != Poco::Net::HTTPRequest::HTTP_GET) {
    response.set("Allow", "GET");
    refuse(response, 405, "METHOD_NOT_ALLOWED",
           request.getMethod() + " is not allowed on " + request.getURI() +
               "; open a WebSocket with GET");
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) {
      refuse(response, 503, "UNAVAILABLE", "the server is stopping");
      return;
    }
  }
  // Whatever the HTTP session read past the request's headers belongs to the
  // WebSocket. Taken before the handshake, because Poco's WebSocket would
  // keep it in a buffer only its own (blocking) frame reader can see.
  std::string early;
  if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request)) {
    Poco::Buffer<char> buffered(0);
    impl->session().drainBuffer(buffered);
    early.assign(buffered.begin(), buffered.size());
  }
  const std::string remote = request.clientAddress().toString();
  std::optional<Poco::Net::WebSocket> socket;
  try {
    socket.emplace(request, response);
  } catch (const Poco::Net::WebSocketException& e) {
    if (e.code() == Poco::Net::WebSocket::WS_ERR_HANDSHAKE_UNSUPPORTED_VERSION) {
      response.set("Sec-WebSocket-Version", Poco::Net::WebSocket::WEBSOCKET_VERSION);
      refuse(response, 426, "UPGRADE_REQUIRED",
             "WebSocket version " + Poco::Net::WebSocket::WEBSOCKET_VERSION + " only");
    } else {
      refuse(response, 400, "BAD_HANDSHAKE", "not a WebSocket handshake: " + e.message());
    }
    return;
  }

  ConnectionPtr connection;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    connection = ConnectionPtr(
        new WebSocketConnection(next_id_++, *socket, remote, poll_set_, options_.limits));
  }
  handler_.onOpen(connection);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!stopping_) {
      try {
        poll_set_.add(connection->socket_, Poco::Net::PollSet::POLL_READ);
        connections_.emplace(connection->socket_.impl(), connection);
        if (!early.empty()) early_input_.emplace_back(connection, std::move(early));
        wake_.notify_all();
        return;
      } catch (const Poco::Exception& e) {
        Poco::Logger::get(kWebLoggerName)
            .error("websocket loop: cannot poll a new connection: %s", e.displayText());
      }
    }
  }
  // stop() came between the handshake and here, or the socket cannot be polled.
  connection->close(1001, "the server is stopping");
  connection->finish();
  callHandler(connection, "onClose", [&] { handler_.onClose(connection); });
}

void WebSocketLoop::stop(uint16_t code, std::string_view reason) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
  std::map<const Poco::Net::SocketImpl*, ConnectionPtr> remaining;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    remaining.swap(connections_);
    early_input_.clear();
  }
  for (const auto& [key, connection] : remaining) {
    // The close frame goes out if the socket takes it now; nobody waits.
    connection->close(code, reason);
    if (connection->finish()) {
      callHandler(connection, "onClose", [&] { handler_.onClose(connection); });
    }
  }
}

void WebSocketLoop::run() {
  Poco::Logger& logger = Poco::Logger::get(kWebLoggerName);
  SteadyClock::time_point next_tick = SteadyClock::now() + options_.tick;
  for (;;) {
    std::vector<std::pair<ConnectionPtr, std::string>> early;
    bool idle = false;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      if (stopping_) return;
      early.swap(early_input_);
      idle = connections_.empty();
      // With nothing to poll, PollSet::poll returns at once: wait here.
      if (idle) {
        wake_.wait_until(lock, next_tick, [this] { return stopping_ || !connections_.empty(); });
        if (stopping_) return;
      }
    }
    for (auto& [connection, bytes] : early) feed(connection, bytes.data(), bytes.size());

    if (!idle) {
      const auto wait = std::max(
          std::chrono::microseconds(0),
          std::chrono::duration_cast<std::chrono::microseconds>(next_tick - SteadyClock::now()));
      Poco::Net::PollSet::SocketModeMap ready;
      try {
        ready = poll_set_.poll(Poco::Timespan(wait.count()));
      } catch (const Poco::Exception& e) {
        logger.error("websocket loop: poll failed: %s", e.displayText());
        std::this_thread::sleep_until(next_tick);
      }
      for (const auto& [socket, mode] : ready) {
        ConnectionPtr connection;
        {
          std::lock_guard<std::mutex> lock(mutex_);
          const auto found = connections_.find(socket.impl());
          if (found == connections_.end()) continue;
          connection = found->second;
        }
        if ((mode & Poco::Net::PollSet::POLL_WRITE) != 0) connection->onWritable();
        if ((mode & (Poco::Net::PollSet::POLL_READ | Poco::Net::PollSet::POLL_ERROR)) != 0) {
          readFrom(connection);
        }
        if (connection->readyToFinish()) finish(connection);
      }
    }
    if (SteadyClock::now() >= next_tick) {
      tick();
      next_tick = SteadyClock::now() + options_.tick;
    }
  }
}

void WebSocketLoop::readFrom(const ConnectionPtr& connection) {
  char buffer[16 * 1024];
  size_t budget = kReadBudget;
  while (budget > 0) {
    // Only this thread closes a connection's descriptor, so it is still open.
    const ssize_t n = ::recv(connection->fd_, buffer, sizeof(buffer), MSG_DONTWAIT);
    if (n > 0) {
      budget -= std::min(budget, static_cast<size_t>(n));
      if (!feed(connection, buffer, static_cast<size_t>(n))) return;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    finish(connection);  // end of stream, or the connection broke
    return;
  }
}

bool WebSocketLoop::feed(const ConnectionPtr& connection, const char* data, size_t size) {
  connection->decoder_.feed(data, size);
  for (;;) {
    WebSocketEvent event = connection->decoder_.next();
    switch (event.kind) {
      case Kind::NeedMore:
        return true;
      case Kind::Text:
        if (connection->isOpen()) {
          callHandler(connection, "onText",
                      [&] { handler_.onText(connection, std::move(event.payload)); });
        }
        break;
      case Kind::Binary:
        connection->close(1003, "binary messages are not part of this protocol");
        break;
      case Kind::Ping:
        connection->sendControl(WebSocketOpcode::Pong, event.payload);
        break;
      case Kind::Pong:
        break;
      case Kind::Close:
        // Answer with the peer's own code, as RFC 6455 5.5.1 suggests.
        connection->close(event.close_code == 1005 ? 1000 : event.close_code, "");
        connection->peerClosed();
        if (connection->readyToFinish()) {
          finish(connection);
          return false;
        }
        return true;
      case Kind::Error:
        connection->close(event.close_code, event.payload);
        return true;
    }
  }
}

void WebSocketLoop::finish(const ConnectionPtr& connection) {
  const Poco::Net::SocketImpl* key = connection->socket_.impl();
  if (!connection->finish()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    connections_.erase(key);
  }
  callHandler(connection, "onClose", [&] { handler_.onClose(connection); });
}

void WebSocketLoop::tick() {
  callHandler(nullptr, "onTick", [&] { handler_.onTick(); });
  std::vector<ConnectionPtr> all;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    all.reserve(connections_.size());
    for (const auto& [key, connection] : connections_) all.push_back(connection);
  }
  const SteadyClock::time_point now = SteadyClock::now();
  for (const ConnectionPtr& connection : all) {
    if (connection->readyToFinish() || connection->lingeredPast(now, options_.close_linger)) {
      finish(connection);
    }
  }
}

// A handler that throws has a bug; the loop must go on serving the others.
// The connection it was about ends with 1011 (an unexpected condition).
template <typename Call>
void WebSocketLoop::callHandler(const ConnectionPtr& connection, const char* what, Call&& call) {
  std::string failure;
  try {
    call();
    return;
  } catch (const Poco::Exception& e) {
    failure = e.displayText();
  } catch (const std::exception& e) {
    failure = e.what();
  } catch (...) {
    failure = "unknown exception";
  }
  const std::string id = RequestGuard::newCorrelationId();
  try {
    Poco::Logger::get(kWebLoggerName)
        .error("correlation id %s: websocket handler %s failed: %s", id, std::string(what),
               failure);
  } catch (...) {
    // Logging must not take the loop down.
  }
  if (connection) connection->close(1011, "internal error " + id);
}

}  // namespace portal::web
