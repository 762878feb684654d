#include "portal/web/websocket_frame_decoder.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace portal::web {
namespace {

using Kind = WebSocketEvent::Kind;

// A frame as a client writes it: masked, the length in its shortest form.
std::string clientFrame(uint8_t first_byte, const std::string& payload,
                        const std::string& mask = "\x12\x34\x56\x78") {
  std::string frame;
  frame.push_back(static_cast<char>(first_byte));
  const uint64_t n = payload.size();
  if (n < 126) {
    frame.push_back(static_cast<char>(0x80 | n));
  } else if (n < 65536) {
    frame.push_back(static_cast<char>(0x80 | 126));
    frame.push_back(static_cast<char>(n >> 8));
    frame.push_back(static_cast<char>(n & 0xFF));
  } else {
    frame.push_back(static_cast<char>(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8) frame.push_back(static_cast<char>(n >> shift));
  }
  frame += mask;
  for (size_t i = 0; i < payload.size(); ++i) {
    frame.push_back(static_cast<char>(payload[i] ^ mask[i % 4]));
  }
  return frame;
}

constexpr uint8_t kFin = 0x80;
constexpr uint8_t kText = 0x1;
constexpr uint8_t kBinary = 0x2;
constexpr uint8_t kContinuation = 0x0;
constexpr uint8_t kClose = 0x8;
constexpr uint8_t kPing = 0x9;

std::vector<WebSocketEvent> decodeAll(WebSocketFrameDecoder& decoder, const std::string& bytes) {
  decoder.feed(bytes.data(), bytes.size());
  std::vector<WebSocketEvent> events;
  for (WebSocketEvent e = decoder.next(); e.kind != Kind::NeedMore; e = decoder.next()) {
    events.push_back(e);
    if (e.kind == Kind::Error) break;
  }
  return events;
}

TEST(WebSocketFrameDecoder, UnmasksATextMessage) {
  WebSocketFrameDecoder decoder(1024);
  const auto events = decodeAll(decoder, clientFrame(kFin | kText, R"({"type":"heartbeat"})"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::Text);
  EXPECT_EQ(events[0].payload, R"({"type":"heartbeat"})");
}

TEST(WebSocketFrameDecoder, TakesBytesInAnyPiecesAndJoinsFragments) {
  const std::string stream =
      clientFrame(kText, "缺") + clientFrame(kFin | kPing, "p") + clientFrame(kContinuation, "纸") +
      clientFrame(kFin | kContinuation, "!") + clientFrame(kFin | kText, std::string(300, 'x'));
  WebSocketFrameDecoder decoder(1024);
  std::vector<WebSocketEvent> events;
  for (char byte : stream) {  // one byte at a time: the worst a network can do
    decoder.feed(&byte, 1);
    for (WebSocketEvent e = decoder.next(); e.kind != Kind::NeedMore; e = decoder.next()) {
      events.push_back(e);
    }
  }
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].kind, Kind::Ping);  // a control frame may come between fragments
  EXPECT_EQ(events[0].payload, "p");
  EXPECT_EQ(events[1].kind, Kind::Text);
  EXPECT_EQ(events[1].payload, "缺纸!");
  EXPECT_EQ(events[2].payload, std::string(300, 'x'));
}

TEST(WebSocketFrameDecoder, ReadsEveryLengthForm) {
  for (size_t n : {size_t{0}, size_t{125}, size_t{126}, size_t{65535}, size_t{65536}}) {
    WebSocketFrameDecoder decoder(1 << 20);
    const auto events = decodeAll(decoder, clientFrame(kFin | kBinary, std::string(n, 'b')));
    ASSERT_EQ(events.size(), 1u) << n;
    EXPECT_EQ(events[0].kind, Kind::Binary);
    EXPECT_EQ(events[0].payload.size(), n);
  }
}

TEST(WebSocketFrameDecoder, ReadsCloseFramesWithAndWithoutACode) {
  WebSocketFrameDecoder decoder(1024);
  auto events = decodeAll(decoder, clientFrame(kFin | kClose, std::string("\x03\xe8", 2) + "bye"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::Close);
  EXPECT_EQ(events[0].close_code, 1000);
  EXPECT_EQ(events[0].payload, "bye");

  WebSocketFrameDecoder bare(1024);
  events = decodeAll(bare, clientFrame(kFin | kClose, ""));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].close_code, 1005);
}

struct Broken {
  std::string name;
  std::string bytes;
  uint16_t close_code;
  std::string why;
};

TEST(WebSocketFrameDecoder, RefusesWhatRfc6455ForbidsAClient) {
  std::string unmasked = clientFrame(kFin | kText, "hi");
  unmasked[1] = static_cast<char>(unmasked[1] & 0x7F);
  const std::string long_form_for_a_short_payload =
      std::string("\x81\xFE\x00\x05", 4) + std::string("\0\0\0\0hello", 9);
  const std::vector<Broken> cases = {
      {"unmasked", unmasked, 1002, "a client's frames must be masked"},
      {"reserved bits", clientFrame(kFin | 0x40 | kText, "hi"), 1002,
       "reserved bits set; no extension was negotiated"},
      {"unknown opcode", clientFrame(kFin | 0x3, "hi"), 1002, "unknown opcode 3"},
      {"fragmented ping", clientFrame(kPing, "p"), 1002, "a fragmented control frame"},
      {"long ping", clientFrame(kFin | kPing, std::string(126, 'p')), 1002,
       "a control frame of more than 125 bytes"},
      {"lone continuation", clientFrame(kFin | kContinuation, "x"), 1002,
       "a continuation frame with no message to continue"},
      {"interleaved messages", clientFrame(kText, "a") + clientFrame(kFin | kText, "b"), 1002,
       "a new message before the previous one ended"},
      {"non-minimal length", long_form_for_a_short_payload, 1002,
       "a payload length not in its shortest form"},
      {"not UTF-8", clientFrame(kFin | kText, "\xC3\x28"), 1007,
       "a text message that is not UTF-8"},
      {"one-byte close", clientFrame(kFin | kClose, "\x03"), 1002,
       "a close frame with a one-byte body"},
      {"reserved close code", clientFrame(kFin | kClose, std::string("\x03\xee", 2)), 1002,
       "close code 1006 may not be sent"},
  };
  for (const Broken& c : cases) {
    SCOPED_TRACE(c.name);
    WebSocketFrameDecoder decoder(1024);
    const auto events = decodeAll(decoder, c.bytes);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().kind, Kind::Error);
    EXPECT_EQ(events.back().close_code, c.close_code);
    EXPECT_EQ(events.back().payload, c.why);
    // Nothing more comes out of a broken stream.
    const std::string more = clientFrame(kFin | kText, "later");
    decoder.feed(more.data(), more.size());
    EXPECT_EQ(decoder.next().kind, Kind::NeedMore);
  }
}

TEST(WebSocketFrameDecoder, RefusesAnOversizedMessageFromItsHeaderAlone) {
  WebSocketFrameDecoder decoder(100);
  // Only the header of a 1 MiB frame has arrived: refused before its payload.
  const std::string header = clientFrame(kFin | kText, std::string(1 << 20, 'x')).substr(0, 14);
  auto events = decodeAll(decoder, header);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, Kind::Error);
  EXPECT_EQ(events[0].close_code, 1009);

  WebSocketFrameDecoder fragments(100);
  events = decodeAll(fragments, clientFrame(kText, std::string(60, 'x')) +
                                    clientFrame(kFin | kContinuation, std::string(60, 'y')));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].close_code, 1009);
}

TEST(WebSocketFrameEncoder, WritesUnmaskedFinalFramesInTheShortestForm) {
  EXPECT_EQ(encodeWebSocketFrame(WebSocketOpcode::Text, "hi"), std::string("\x81\x02hi", 4));
  const std::string medium = encodeWebSocketFrame(WebSocketOpcode::Text, std::string(126, 'x'));
  EXPECT_EQ(medium.substr(0, 4), std::string("\x81\x7e\x00\x7e", 4));
  const std::string big = encodeWebSocketFrame(WebSocketOpcode::Binary, std::string(65536, 'x'));
  EXPECT_EQ(big.substr(0, 10), std::string("\x82\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10));
  EXPECT_EQ(big.size(), 65536u + 10);
}

TEST(WebSocketFrameEncoder, CutsACloseReasonAtACharacterBoundary) {
  std::string reason;
  for (int i = 0; i < 60; ++i) reason += "缺";  // 180 bytes of three-byte characters
  const std::string frame = encodeWebSocketClose(1008, reason);
  ASSERT_LE(frame.size(), 2u + 125u);
  const std::string body = frame.substr(2);
  EXPECT_EQ(body.substr(0, 2), std::string("\x03\xf0", 2));
  EXPECT_TRUE(isValidUtf8(body.substr(2)));
  EXPECT_EQ((body.size() - 2) % 3, 0u);
}

TEST(Utf8, AcceptsWellFormedTextOnly) {
  EXPECT_TRUE(isValidUtf8(""));
  EXPECT_TRUE(isValidUtf8("plain ASCII"));
  EXPECT_TRUE(isValidUtf8("长宁区行政服务中心 ✓ 😀"));
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(isValidUtf8("\xE7\xBC"));          // cut short
  EXPECT_FALSE(isValidUtf8("\xFF"));
}

}  // namespace
}  // namespace portal::web
