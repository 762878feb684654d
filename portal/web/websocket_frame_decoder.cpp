#include "portal/web/websocket_frame_decoder.h"

#include <algorithm>
#include <utility>

namespace portal::web {

namespace {

using Kind = WebSocketEvent::Kind;

constexpr size_t kMaskBytes = 4;
constexpr size_t kMaxControlPayload = 125;
// Past this many decoded bytes the input buffer drops them (rather than on
// every frame, which would move the rest each time).
constexpr size_t kCompactAfter = 64 * 1024;

bool isKnownOpcode(uint8_t bits) {
  switch (static_cast<WebSocketOpcode>(bits)) {
    case WebSocketOpcode::Continuation:
    case WebSocketOpcode::Text:
    case WebSocketOpcode::Binary:
    case WebSocketOpcode::Close:
    case WebSocketOpcode::Ping:
    case WebSocketOpcode::Pong:
      return true;
  }
  return false;
}

// RFC 6455 7.4: the codes a peer may put in a close frame.
bool isSendableCloseCode(uint16_t code) {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) ||
         (code >= 3000 && code <= 4999);
}

}  // namespace

void WebSocketFrameDecoder::feed(const char* data, size_t size) {
  if (failed_) return;
  if (consumed_ == input_.size()) {
    input_.clear();
    consumed_ = 0;
  } else if (consumed_ > kCompactAfter) {
    input_.erase(0, consumed_);
    consumed_ = 0;
  }
  input_.append(data, size);
}

WebSocketEvent WebSocketFrameDecoder::fail(uint16_t code, std::string why) {
  failed_ = true;
  input_.clear();
  consumed_ = 0;
  message_.clear();
  return {Kind::Error, std::move(why), code};
}

WebSocketEvent WebSocketFrameDecoder::next() {
  while (!failed_) {
    const size_t available = input_.size() - consumed_;
    if (available < 2) return {};
    const auto* p = reinterpret_cast<const unsigned char*>(input_.data() + consumed_);
    const bool fin = (p[0] & 0x80) != 0;
    const uint8_t opcode_bits = p[0] & 0x0F;
    if ((p[0] & 0x70) != 0) return fail(1002, "reserved bits set; no extension was negotiated");
    if (!isKnownOpcode(opcode_bits)) {
      return fail(1002, "unknown opcode " + std::to_string(opcode_bits));
    }
    if ((p[1] & 0x80) == 0) return fail(1002, "a client's frames must be masked");
    const auto opcode = static_cast<WebSocketOpcode>(opcode_bits);
    const bool control = (opcode_bits & 0x8) != 0;

    uint64_t length = p[1] & 0x7F;
    size_t header = 2;
    if (length == 126) {
      if (available < 4) return {};
      length = (uint64_t{p[2]} << 8) | p[3];
      header = 4;
      if (length < 126) return fail(1002, "a payload length not in its shortest form");
    } else if (length == 127) {
      if (available < 10) return {};
      length = 0;
      for (size_t i = 2; i < 10; ++i) length = (length << 8) | p[i];
      header = 10;
      if ((length >> 63) != 0) return fail(1002, "a payload length with its top bit set");
      if (length < 65536) return fail(1002, "a payload length not in its shortest form");
    }

    if (control) {
      if (!fin) return fail(1002, "a fragmented control frame");
      if (length > kMaxControlPayload) {
        return fail(1002, "a control frame of more than 125 bytes");
      }
    } else {
      const bool continuation = opcode == WebSocketOpcode::Continuation;
      if (continuation && !in_message_) {
        return fail(1002, "a continuation frame with no message to continue");
      }
      if (!continuation && in_message_) {
        return fail(1002, "a new message before the previous one ended");
      }
      const size_t so_far = continuation ? message_.size() : 0;
      if (length > max_message_bytes_ - so_far) {
        return fail(1009,
                    "a message of more than " + std::to_string(max_message_bytes_) + " bytes");
      }
    }

    header += kMaskBytes;
    if (available < header || available - header < length) return {};
    const unsigned char* mask = p + header - kMaskBytes;
    std::string payload(static_cast<size_t>(length), '\0');
    for (size_t i = 0; i < payload.size(); ++i) {
      payload[i] = static_cast<char>(p[header + i] ^ mask[i % kMaskBytes]);
    }
    consumed_ += header + static_cast<size_t>(length);

    switch (opcode) {
      case WebSocketOpcode::Ping:
        return {Kind::Ping, std::move(payload), 0};
      case WebSocketOpcode::Pong:
        return {Kind::Pong, std::move(payload), 0};
      case WebSocketOpcode::Close: {
        if (payload.empty()) return {Kind::Close, "", 1005};
        if (payload.size() == 1) return fail(1002, "a close frame with a one-byte body");
        const auto code = static_cast<uint16_t>((static_cast<unsigned char>(payload[0]) << 8) |
                                                static_cast<unsigned char>(payload[1]));
        if (!isSendableCloseCode(code)) {
          return fail(1002, "close code " + std::to_string(code) + " may not be sent");
        }
        std::string reason = payload.substr(2);
        if (!isValidUtf8(reason)) return fail(1007, "a close reason that is not UTF-8");
        return {Kind::Close, std::move(reason), code};
      }
      case WebSocketOpcode::Continuation:
        message_ += payload;
        break;
      case WebSocketOpcode::Text:
      case WebSocketOpcode::Binary:
        message_opcode_ = opcode;
        message_ = std::move(payload);
        break;
    }
    if (!fin) {
      in_message_ = true;
      continue;
    }
    in_message_ = false;
    std::string message = std::move(message_);
    message_.clear();
    if (message_opcode_ == WebSocketOpcode::Binary) return {Kind::Binary, std::move(message), 0};
    if (!isValidUtf8(message)) return fail(1007, "a text message that is not UTF-8");
    return {Kind::Text, std::move(message), 0};
  }
  return {};
}

std::string encodeWebSocketFrame(WebSocketOpcode opcode, std::string_view payload) {
  std::string frame;
  frame.reserve(payload.size() + 10);
  frame.push_back(static_cast<char>(0x80 | static_cast<uint8_t>(opcode)));
  const uint64_t length = payload.size();
  if (length < 126) {
    frame.push_back(static_cast<char>(length));
  } else if (length < 65536) {
    frame.push_back(static_cast<char>(126));
    frame.push_back(static_cast<char>(length >> 8));
    frame.push_back(static_cast<char>(length & 0xFF));
  } else {
    frame.push_back(static_cast<char>(127));
    for (int shift = 56; shift >= 0; shift -= 8) {
      frame.push_back(static_cast<char>((length >> shift) & 0xFF));
    }
  }
  frame.append(payload);
  return frame;
}

std::string encodeWebSocketClose(uint16_t code, std::string_view reason) {
  std::string payload;
  payload.push_back(static_cast<char>(code >> 8));
  payload.push_back(static_cast<char>(code & 0xFF));
  // Cut at a character boundary: a reason is UTF-8, and a close frame's
  // body may not pass 125 bytes.
  size_t keep = std::min(reason.size(), kMaxControlPayload - 2);
  while (keep > 0 && keep < reason.size() &&
         (static_cast<unsigned char>(reason[keep]) & 0xC0) == 0x80) {
    --keep;
  }
  payload.append(reason.substr(0, keep));
  return encodeWebSocketFrame(WebSocketOpcode::Close, payload);
}

bool isValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t extra = 0;
    uint32_t code = 0;
    uint32_t min = 0;
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      code = c & 0x1F;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      code = c & 0x0F;
      min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      code = c & 0x07;
      min = 0x10000;
    } else {
      return false;
    }
    if (text.size() - i <= extra) return false;
    for (size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

}  // namespace portal::web
