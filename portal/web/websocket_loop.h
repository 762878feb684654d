// WebSocketLoop: serves every upgraded WebSocket connection of the hall server
// from one thread of its own, so that a hall full of mostly idle devices pins
// none of the HTTP server's worker threads.
//
// How sockets are served. An HTTP worker answers the upgrade (accept()),
// hands the socket over and is free again at once. One loop thread polls all
// the sockets — Poco::Net::PollSet, which Poco 1.11 implements with epoll on
// Linux — and reads whatever has arrived without blocking, decoding the
// frames itself (WebSocketFrameDecoder): Poco 1.11's WebSocket reads a frame
// only by blocking until all of it is there, so one device that sent half a
// frame would stall every device behind it (its SocketReactor dispatches
// from the same PollSet, to handlers that would have that same problem).
// Writes go out from whichever thread sends, without waiting; the loop
// finishes what a full socket could not take (WebSocketConnection).
//
// Why one poll thread rather than a thread per device: a few hundred sockets
// that are idle almost all the time cost one epoll set and no stacks; no
// device can hold a thread by what it does or fails to do; and the loop gives
// its handler a regular tick (the heartbeat sweep) for free. One thread is
// plenty — the work per message is a JSON decode and a map lookup.
//
// Thread-safety: accept() runs on HTTP worker threads. The handler is called
// on the loop thread, one call at a time — except onOpen, which runs on the
// accepting thread before anything else is reported about that connection,
// and the onClose calls stop() makes on its caller's thread once the loop
// thread has ended. stop() and the destructor belong to the owner.
#pragma once

#include <Poco/Net/PollSet.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "portal/web/websocket_connection.h"

namespace Poco::Net {
class HTTPServerRequest;
class HTTPServerResponse;
class SocketImpl;
}  // namespace Poco::Net

namespace portal::web {

// What a WebSocketLoop reports to its owner.
class WebSocketHandler {
 public:
  virtual ~WebSocketHandler() = default;
  // A connection was accepted; nothing has been read from it yet.
  virtual void onOpen(const std::shared_ptr<WebSocketConnection>& connection) = 0;
  // A whole text message arrived. Not called once the connection is closing.
  virtual void onText(const std::shared_ptr<WebSocketConnection>& connection, std::string text) = 0;
  // The connection is gone (closed by either side, dropped, or the loop
  // stopped); the last call about it.
  virtual void onClose(const std::shared_ptr<WebSocketConnection>& connection) = 0;
  // About every WebSocketLoopOptions::tick, whether or not anything happened.
  virtual void onTick() = 0;
};

struct WebSocketLoopOptions {
  WebSocketLimits limits;
  std::chrono::milliseconds tick{100};
  // How long a closing connection may take to answer our close frame.
  std::chrono::milliseconds close_linger{2000};
};

class WebSocketLoop {
 public:
  // Starts the loop thread. `handler` must outlive the loop.
  WebSocketLoop(WebSocketHandler& handler, WebSocketLoopOptions options);
  // stop().
  ~WebSocketLoop();
  WebSocketLoop(const WebSocketLoop&) = delete;
  WebSocketLoop& operator=(const WebSocketLoop&) = delete;

  // Answers a WebSocket upgrade: 101 and the socket joins the loop; or an
  // HTTP error (405 not GET, 400 no WebSocket handshake, 426 another
  // WebSocket version, 503 stopping) and the request ends there.
  void accept(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

  // Ends the loop thread, then every connection with a close frame of
  // `code`. Idempotent; later upgrades get 503.
  void stop(uint16_t code = 1001, std::string_view reason = "the server is stopping");

  size_t connectionCount() const;

 private:
  using ConnectionPtr = std::shared_ptr<WebSocketConnection>;

  void run();
  void readFrom(const ConnectionPtr& connection);
  // Decodes and dispatches; false once the connection is finished.
  bool feed(const ConnectionPtr& connection, const char* data, size_t size);
  void finish(const ConnectionPtr& connection);
  void tick();
  template <typename Call>
  void callHandler(const ConnectionPtr& connection, const char* what, Call&& call);

  WebSocketHandler& handler_;
  const WebSocketLoopOptions options_;
  Poco::Net::PollSet poll_set_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<const Poco::Net::SocketImpl*, ConnectionPtr> connections_;
  // Bytes that came with an upgrade request, for the loop to decode first.
  std::vector<std::pair<ConnectionPtr, std::string>> early_input_;
  bool stopping_ = false;
  uint64_t next_id_ = 1;

  std::thread thread_;
};

}  // namespace portal::web
