// The fingerprint messages of the device protocol (README.md, "fingerprint
// readers"): fingerprint-capture from the server, fingerprint and
// fingerprint-failed from a reader — written with the type first, read back
// unchanged, and a bad one refused with the member at fault named.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "devices/protocol/message_codec.h"
#include "devices/protocol/protocol_constants.h"

namespace devices::protocol {
namespace {

struct BadMessage {
  std::string json;
  std::string field;
  std::string message;
};

TEST(FingerprintCodec, WritesTheMessagesWithTheTypeFirst) {
  EXPECT_EQ(encode(FingerprintCapture{"r-1", FingerprintPurpose::Enroll, "clerk-a"}),
            R"({"type":"fingerprint-capture","requestId":"r-1","purpose":"enroll",)"
            R"("clerk":"clerk-a"})");
  EXPECT_EQ(encode(Fingerprint{"r-1", "QUJD"}),
            R"({"type":"fingerprint","requestId":"r-1","template":"QUJD"})");
  EXPECT_EQ(encode(FingerprintFailed{"r-1", FingerprintFailure::PoorQuality}),
            R"({"type":"fingerprint-failed","requestId":"r-1","reason":"poor-quality"})");
}

TEST(FingerprintCodec, MessagesSurviveTheRoundTrip) {
  // The largest template: 4 KiB decoded, 5464 characters of base64.
  const std::string largest = std::string(5460, 'A') + "AA==";
  const std::vector<DeviceMessage> device_messages = {
      Fingerprint{"0123456789abcdef", "QUJDRA=="}, Fingerprint{"r", largest},
      FingerprintFailed{"r-2", FingerprintFailure::Timeout},
      FingerprintFailed{"r-3", FingerprintFailure::Cancelled},
      FingerprintFailed{"r-4", FingerprintFailure::PoorQuality}};
  for (const DeviceMessage& message : device_messages) {
    const std::string json = encode(message);
    const Decoded<DeviceMessage> back = decodeDeviceMessage(json);
    ASSERT_TRUE(back.ok()) << json << ": " << back.error().message;
    EXPECT_EQ(*back, message);
  }
  for (const FingerprintCapture& capture :
       {FingerprintCapture{"a1", FingerprintPurpose::Enroll, "wang.fang"},
        FingerprintCapture{"b2", FingerprintPurpose::Verify, "li-si"}}) {
    const Decoded<ServerMessage> back = decodeServerMessage(encode(capture));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(std::get<FingerprintCapture>(*back), capture);
  }
}

TEST(FingerprintCodec, NamesTheFieldAtFaultInABadReaderAnswer) {
  const std::string too_long = std::string(5468, 'A');
  const std::vector<BadMessage> cases = {
      {R"({"type":"fingerprint","template":"QUJD"})", "requestId", "requestId: missing"},
      {R"({"type":"fingerprint","requestId":7,"template":"QUJD"})", "requestId",
       "requestId: expected a string, got a number"},
      {R"({"type":"fingerprint","requestId":"r 1","template":"QUJD"})", "requestId",
       "requestId: expected 1 to 64 letters, digits, '.', '_' or '-'"},
      {R"({"type":"fingerprint","requestId":"r-1"})", "template", "template: missing"},
      {R"({"type":"fingerprint","requestId":"r-1","template":null})", "template",
       "template: missing"},
      {R"({"type":"fingerprint","requestId":"r-1","template":["QUJD"]})", "template",
       "template: expected a string, got an array"},
      {R"({"type":"fingerprint","requestId":"r-1","template":"QUJ"})", "template",
       "template: expected base64 (A-Z, a-z, 0-9, '+', '/', '=' padding; groups of 4)"},
      {R"({"type":"fingerprint","requestId":"r-1","template":"QU=D"})", "template",
       "template: expected base64 (A-Z, a-z, 0-9, '+', '/', '=' padding; groups of 4)"},
      {R"({"type":"fingerprint","requestId":"r-1","template":""})", "template",
       "template: expected base64 (A-Z, a-z, 0-9, '+', '/', '=' padding; groups of 4)"},
      {R"({"type":"fingerprint","requestId":"r-1","template":")" + too_long + R"("})", "template",
       "template: longer than 5464 bytes"},
      {R"({"type":"fingerprint","requestId":"r-1","template":")" + std::string(5464, 'A') + R"("})",
       "template", "template: longer than 4096 bytes once decoded"},
      {R"({"type":"fingerprint-failed","reason":"timeout"})", "requestId", "requestId: missing"},
      {R"({"type":"fingerprint-failed","requestId":"r-1"})", "reason", "reason: missing"},
      {R"({"type":"fingerprint-failed","requestId":"r-1","reason":3})", "reason",
       "reason: expected a string, got a number"},
      {R"({"type":"fingerprint-failed","requestId":"r-1","reason":"dirty"})", "reason",
       "reason: unknown reason 'dirty' (expected timeout, cancelled or poor-quality)"},
  };
  for (const BadMessage& c : cases) {
    SCOPED_TRACE(c.json);
    const Decoded<DeviceMessage> decoded = decodeDeviceMessage(c.json);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().field, c.field);
    EXPECT_EQ(decoded.error().message, c.message);
  }
}

TEST(FingerprintCodec, NamesTheFieldAtFaultInABadCaptureRequest) {
  const std::vector<BadMessage> cases = {
      {R"({"type":"fingerprint-capture","purpose":"verify","clerk":"a"})", "requestId",
       "requestId: missing"},
      {R"({"type":"fingerprint-capture","requestId":"r","clerk":"a"})", "purpose",
       "purpose: missing"},
      {R"({"type":"fingerprint-capture","requestId":"r","purpose":"steal","clerk":"a"})", "purpose",
       "purpose: unknown purpose 'steal' (expected enroll or verify)"},
      {R"({"type":"fingerprint-capture","requestId":"r","purpose":"verify"})", "clerk",
       "clerk: missing"},
      {R"({"type":"fingerprint-capture","requestId":"r","purpose":"verify","clerk":true})", "clerk",
       "clerk: expected a string, got a boolean"},
  };
  for (const BadMessage& c : cases) {
    SCOPED_TRACE(c.json);
    const Decoded<ServerMessage> decoded = decodeServerMessage(c.json);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().field, c.field);
    EXPECT_EQ(decoded.error().message, c.message);
  }
}

TEST(FingerprintCodec, WireNamesGoBothWays) {
  for (FingerprintPurpose p : {FingerprintPurpose::Enroll, FingerprintPurpose::Verify}) {
    EXPECT_EQ(purposeFromName(purposeName(p)), p);
  }
  for (FingerprintFailure f : {FingerprintFailure::Timeout, FingerprintFailure::Cancelled,
                               FingerprintFailure::PoorQuality}) {
    EXPECT_EQ(failureFromName(failureName(f)), f);
  }
  EXPECT_EQ(purposeFromName("Enroll"), std::nullopt);
  EXPECT_EQ(failureFromName("poor_quality"), std::nullopt);
  EXPECT_EQ(kMaxFingerprintTemplateBytes, 4096u);
}

}  // namespace
}  // namespace devices::protocol
