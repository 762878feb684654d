// UTF-8 to GB18030: known byte values of the GB 2312 and four-byte ranges,
// and refusal of text that is not valid UTF-8.
#include "devices/ticket_printer/gb18030.h"

#include <gtest/gtest.h>

#include <string>

namespace devices::printer {
namespace {

TEST(Gb18030, EncodesHanziInTwoBytes) {
  // 商事登记: C9CC CAC2 B5C7 BCC7 in the GB 2312 part of GB18030.
  const PrintResult<std::string> bytes = toGb18030("商事登记", "queue_name");
  ASSERT_TRUE(bytes.ok()) << bytes.error().describe();
  EXPECT_EQ(*bytes, "\xC9\xCC\xCA\xC2\xB5\xC7\xBC\xC7");
}

TEST(Gb18030, KeepsAsciiAsIs) { EXPECT_EQ(*toGb18030("A001 09:03", "number"), "A001 09:03"); }

TEST(Gb18030, EncodesCharactersOutsideTheBmpInFourBytes) {
  // U+20000, the first CJK Extension B ideograph: 95 32 82 36.
  EXPECT_EQ(*toGb18030("\xF0\xA0\x80\x80", "hall_name"), "\x95\x32\x82\x36");
}

TEST(Gb18030, RefusesALoneSurrogateNamingTheField) {
  const PrintResult<std::string> bytes = toGb18030("长宁\xED\xA0\x80", "hall_name");
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().field, "hall_name");
  EXPECT_NE(bytes.error().message.find("byte 6"), std::string::npos) << bytes.error().message;
}

TEST(Gb18030, RefusesBrokenUtf8) {
  const PrintResult<std::string> bytes = toGb18030("\xE5\x95", "notice");
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().field, "notice");
}

}  // namespace
}  // namespace devices::printer
