// WebSocketFrameDecoder: the server's side of RFC 6455 framing. It takes the
// bytes a client sends in whatever pieces they arrive and gives back whole
// messages (fragments joined) and control frames, checking what the RFC
// requires of a client: frames masked, no reserved bits (no extension is
// negotiated), known opcodes, control frames short and unfragmented, text
// that is UTF-8. A message over the size limit is refused from its header,
// before its payload is buffered. encodeWebSocketFrame() writes the server's
// frames (unmasked, never fragmented).
//
// It exists because Poco 1.11's WebSocket reads a frame only by blocking until
// all of it has arrived, which a poll loop serving many sockets cannot do
// (websocket_loop.h).
//
// Not thread-safe: one decoder per connection, used by one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace portal::web {

enum class WebSocketOpcode : uint8_t {
  Continuation = 0x0,
  Text = 0x1,
  Binary = 0x2,
  Close = 0x8,
  Ping = 0x9,
  Pong = 0xA,
};

// What the decoder found next.
struct WebSocketEvent {
  enum class Kind {
    NeedMore,  // no whole message or control frame yet
    Text,      // payload: a whole text message (valid UTF-8)
    Binary,    // payload: a whole binary message
    Ping,      // payload: the ping's application data
    Pong,
    Close,  // close_code (1005 when the frame had none) and payload: the reason
    Error,  // the stream broke the RFC; close_code says how (1002, 1007, 1009),
            // payload why. Nothing more is decoded after an error.
  };
  Kind kind = Kind::NeedMore;
  std::string payload;
  uint16_t close_code = 0;
};

class WebSocketFrameDecoder {
 public:
  // `max_message_bytes` bounds a message's payload, fragments together.
  explicit WebSocketFrameDecoder(size_t max_message_bytes)
      : max_message_bytes_(max_message_bytes) {}

  void feed(const char* data, size_t size);
  WebSocketEvent next();

 private:
  WebSocketEvent fail(uint16_t code, std::string why);

  const size_t max_message_bytes_;
  std::string input_;
  size_t consumed_ = 0;  // bytes of input_ already decoded
  bool failed_ = false;
  bool in_message_ = false;  // a fragmented message has begun
  WebSocketOpcode message_opcode_ = WebSocketOpcode::Text;
  std::string message_;
};

// One unmasked frame with FIN set, as a server sends it.
std::string encodeWebSocketFrame(WebSocketOpcode opcode, std::string_view payload);
// A close frame: the code, then the reason (cut to fit the 125-byte limit).
std::string encodeWebSocketClose(uint16_t code, std::string_view reason);

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates).
bool isValidUtf8(std::string_view text);

}  // namespace portal::web
