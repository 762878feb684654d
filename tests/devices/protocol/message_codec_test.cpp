#include "devices/protocol/message_codec.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace devices::protocol {
namespace {

Poco::JSON::Object::Ptr object(const std::string& json) {
  const Decoded<Poco::JSON::Object::Ptr> parsed = parseObject(json);
  EXPECT_TRUE(parsed.ok()) << json;
  return parsed.ok() ? *parsed : nullptr;
}

std::string text(const Poco::JSON::Object::Ptr& data) {
  std::ostringstream out;
  data->stringify(out);
  return out.str();
}

TEST(MessageCodec, WritesCompactJsonWithTheTypeFirst) {
  EXPECT_EQ(encode(Register{"strip-W01", "00ff", "strip-fw 2.3"}),
            R"({"type":"register","deviceId":"strip-W01","key":"00ff","software":"strip-fw 2.3"})");
  EXPECT_EQ(encode(Heartbeat{42}), R"({"type":"heartbeat","seq":42})");
  EXPECT_EQ(encode(FaultCleared{"paper-out"}), R"({"type":"fault-cleared","code":"paper-out"})");
  EXPECT_EQ(encode(HeartbeatAck{42}), R"({"type":"heartbeat-ack","seq":42})");
  EXPECT_EQ(encode(ErrorMessage{ErrorCode::NotRegistered, "register first"}),
            R"({"type":"error","code":"not-registered","message":"register first"})");
}

TEST(MessageCodec, KeepsChineseTextAsUtf8AndEscapesWhatJsonRequires) {
  const std::string json = encode(Fault{"paper-out", "缺纸 \"A\"\n"});
  EXPECT_EQ(json, R"({"type":"fault","code":"paper-out","message":"缺纸 \"A\"\n"})");
  const Decoded<DeviceMessage> back = decodeDeviceMessage(json);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(std::get<Fault>(*back).message, "缺纸 \"A\"\n");
}

TEST(MessageCodec, DeviceMessagesSurviveTheRoundTrip) {
  const std::vector<DeviceMessage> messages = {
      Register{"kiosk-1f-a", std::string(64, 'a'), ""}, Heartbeat{0}, Heartbeat{9007199254740991},
      Fault{"paper-jam", "卡纸"}, FaultCleared{"paper-jam"}};
  for (const DeviceMessage& message : messages) {
    const std::string json = encode(message);
    const Decoded<DeviceMessage> back = decodeDeviceMessage(json);
    ASSERT_TRUE(back.ok()) << json << ": " << back.error().message;
    EXPECT_EQ(*back, message) << json;
  }
}

TEST(MessageCodec, ServerMessagesSurviveTheRoundTrip) {
  const Registered registered{"strip-W01", "window-strip", "z1", "W01", 10};
  Decoded<ServerMessage> back = decodeServerMessage(encode(registered));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(std::get<Registered>(*back), registered);

  Display display{DisplayTopic::Call,
                  object(R"({"ticket":"A001","window":"W01","windowNumber":1})"), 1790812800000};
  const std::string json = encode(display);
  EXPECT_EQ(json, R"({"type":"display","topic":"call","data":{"ticket":"A001","window":"W01",)"
                  R"("windowNumber":1},"sentAt":1790812800000})");
  back = decodeServerMessage(json);
  ASSERT_TRUE(back.ok()) << back.error().message;
  const Display& got = std::get<Display>(*back);
  EXPECT_EQ(got.topic, DisplayTopic::Call);
  EXPECT_EQ(got.sent_at_ms, 1790812800000);
  EXPECT_EQ(got.data->getValue<std::string>("ticket"), "A001");
  EXPECT_EQ(got.data->getValue<int>("windowNumber"), 1);

  back = decodeServerMessage(
      encode(Command{CommandKind::Announce, object(R"({"text":"请A001号到1号窗口"})")}));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(std::get<Command>(*back).command, CommandKind::Announce);
  EXPECT_EQ(text(std::get<Command>(*back).data), R"({"text":"请A001号到1号窗口"})");

  back = decodeServerMessage(encode(ErrorMessage{ErrorCode::BadKey, "wrong key"}));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(std::get<ErrorMessage>(*back), (ErrorMessage{ErrorCode::BadKey, "wrong key"}));
}

TEST(MessageCodec, MissingDataIsWrittenAsTheEmptyObject) {
  EXPECT_EQ(encode(Command{CommandKind::Reload, nullptr}),
            R"({"type":"command","command":"reload","data":{}})");
  const Decoded<ServerMessage> back =
      decodeServerMessage(R"({"type":"command","command":"print"})");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(std::get<Command>(*back).data.isNull());
}

TEST(MessageCodec, IgnoresMembersItDoesNotKnowAndTakesNullForAbsent) {
  const Decoded<DeviceMessage> m = decodeDeviceMessage(
      R"({"type":"register","deviceId":"led-1f","key":"k","software":null,"battery":87})");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(std::get<Register>(*m), (Register{"led-1f", "k", ""}));
}

struct BadMessage {
  std::string json;
  std::string field;
  std::string message;  // the whole message the server sends back
};

TEST(MessageCodec, NamesTheFieldAtFaultInABadDeviceMessage) {
  const std::vector<BadMessage> cases = {
      {"", "", "not JSON"},
      {"{\"type\":", "", "not JSON"},
      {"[1,2]", "", "expected a JSON object"},
      {"\"register\"", "", "expected a JSON object"},
      {" \n", "", "not JSON: the text is empty"},
      {"{}", "type", "type: missing"},
      {R"({"type":7})", "type", "type: expected a string, got a number"},
      {R"({"type":"hello"})", "type",
       "type: unknown message type 'hello' (expected register, heartbeat, fault, fault-cleared, "
       "fingerprint or fingerprint-failed)"},
      {R"({"type":"register","key":"k"})", "deviceId", "deviceId: missing"},
      {R"({"type":"register","deviceId":"strip W01","key":"k"})", "deviceId",
       "deviceId: expected 1 to 64 letters, digits, '.', '_' or '-'"},
      {R"({"type":"register","deviceId":"","key":"k"})", "deviceId",
       "deviceId: expected 1 to 64 letters, digits, '.', '_' or '-'"},
      {R"({"type":"register","deviceId":")" + std::string(65, 'x') + R"(","key":"k"})", "deviceId",
       "deviceId: longer than 64 bytes"},
      {R"({"type":"register","deviceId":"led-1f"})", "key", "key: missing"},
      {R"({"type":"register","deviceId":"led-1f","key":5})", "key",
       "key: expected a string, got a number"},
      {R"({"type":"register","deviceId":"led-1f","key":"k","software":[]})", "software",
       "software: expected a string, got an array"},
      {R"({"type":"heartbeat"})", "seq", "seq: missing"},
      {R"({"type":"heartbeat","seq":"1"})", "seq", "seq: expected an integer, got a string"},
      {R"({"type":"heartbeat","seq":1.5})", "seq", "seq: expected an integer, got a number"},
      {R"({"type":"heartbeat","seq":true})", "seq", "seq: expected an integer, got a boolean"},
      {R"({"type":"heartbeat","seq":-1})", "seq",
       "seq: expected an integer from 0 to 9007199254740991"},
      {R"({"type":"heartbeat","seq":9007199254740992})", "seq",
       "seq: expected an integer from 0 to 9007199254740991"},
      {R"({"type":"fault","message":"缺纸"})", "code", "code: missing"},
      {R"({"type":"fault","code":"Paper Out"})", "code",
       "code: expected 1 to 64 lower-case letters, digits or '-' (e.g. paper-out)"},
      {R"({"type":"fault","code":"paper-out","message":{}})", "message",
       "message: expected a string, got an object"},
      {R"({"type":"fault-cleared","code":""})", "code",
       "code: expected 1 to 64 lower-case letters, digits or '-' (e.g. paper-out)"},
  };
  for (const BadMessage& c : cases) {
    SCOPED_TRACE(c.json);
    const Decoded<DeviceMessage> decoded = decodeDeviceMessage(c.json);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().field, c.field);
    if (c.field.empty()) {
      EXPECT_EQ(decoded.error().message.rfind(c.message, 0), 0u) << decoded.error().message;
    } else {
      EXPECT_EQ(decoded.error().message, c.message);
    }
  }
}

TEST(MessageCodec, NamesTheFieldAtFaultInABadServerMessage) {
  const std::vector<BadMessage> cases = {
      {R"({"type":"display","topic":"weather","sentAt":1})", "topic",
       "topic: unknown topic 'weather' (expected call, queues, window, notice or snapshot)"},
      {R"({"type":"display","topic":"call","data":[],"sentAt":1})", "data",
       "data: expected an object, got an array"},
      {R"({"type":"display","topic":"call","data":{}})", "sentAt", "sentAt: missing"},
      {R"({"type":"command","command":"dance"})", "command",
       "command: unknown command 'dance' (expected announce, print or reload)"},
      {R"({"type":"error","code":"teapot"})", "code",
       "code: unknown error code 'teapot' (expected unknown-device, bad-key, bad-message or "
       "not-registered)"},
      {R"({"type":"registered","deviceId":"led-1f","kind":"welcome-screen","heartbeatSeconds":0})",
       "heartbeatSeconds", "heartbeatSeconds: expected an integer from 1 to 3600"},
      {R"({"type":"welcome"})", "type",
       "type: unknown message type 'welcome' (expected registered, heartbeat-ack, display, "
       "command, error or fingerprint-capture)"},
  };
  for (const BadMessage& c : cases) {
    SCOPED_TRACE(c.json);
    const Decoded<ServerMessage> decoded = decodeServerMessage(c.json);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().field, c.field);
    EXPECT_EQ(decoded.error().message, c.message);
  }
}

TEST(MessageCodec, RefusesTextAfterTheObject) {
  const Decoded<DeviceMessage> decoded = decodeDeviceMessage(R"({"type":"heartbeat","seq":1} {})");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().field, "");
}

TEST(MessageCodec, RefusesDeepNesting) {
  std::string json = R"({"type":"heartbeat","seq":1,"x":)";
  for (int i = 0; i < 100; ++i) json += "[";
  for (int i = 0; i < 100; ++i) json += "]";
  json += "}";
  EXPECT_FALSE(decodeDeviceMessage(json).ok());
}

TEST(MessageCodec, WireNamesGoBothWays) {
  for (DisplayTopic t :
       {DisplayTopic::Call, DisplayTopic::Queues, DisplayTopic::Window, DisplayTopic::Notice}) {
    EXPECT_EQ(topicFromName(topicName(t)), t);
  }
  for (CommandKind c : {CommandKind::Announce, CommandKind::Print, CommandKind::Reload}) {
    EXPECT_EQ(commandFromName(commandName(c)), c);
  }
  for (ErrorCode e : {ErrorCode::UnknownDevice, ErrorCode::BadKey, ErrorCode::BadMessage,
                      ErrorCode::NotRegistered}) {
    EXPECT_EQ(errorCodeFromName(errorCodeName(e)), e);
  }
  EXPECT_EQ(topicFromName("Call"), std::nullopt);
  EXPECT_STREQ(typeName(DeviceMessage(FaultCleared{"x"})), "fault-cleared");
  EXPECT_STREQ(typeName(ServerMessage(HeartbeatAck{1})), "heartbeat-ack");
}

}  // namespace
}  // namespace devices::protocol
