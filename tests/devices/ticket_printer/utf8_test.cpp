// Strict UTF-8: what decodes, and a table of malformed sequences, each
// refused with the field and the byte offset.
#include "devices/ticket_printer/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace devices::printer {
namespace {

TEST(Utf8, DecodesOneTwoThreeAndFourByteSequences) {
  // a, é (U+00E9), 商 (U+5546), 𠀀 (U+20000), spelled out byte by byte.
  const PrintResult<std::u32string> text =
      decodeUtf8("a\xC3\xA9\xE5\x95\x86\xF0\xA0\x80\x80", "notice");
  ASSERT_TRUE(text.ok()) << text.error().describe();
  EXPECT_EQ(*text, (std::u32string{0x61, 0xE9, 0x5546, 0x20000}));
}

TEST(Utf8, EncodingIsTheInverseOfDecoding) {
  const std::string bytes = "a\xC3\xA9\xE5\x95\x86\xF0\xA0\x80\x80";
  EXPECT_EQ(encodeUtf8(*decodeUtf8(bytes, "notice")), bytes);
}

struct Malformed {
  const char* name;
  std::string bytes;
  size_t offset;
};

class Utf8Refuses : public testing::TestWithParam<Malformed> {};

TEST_P(Utf8Refuses, NamingTheFieldAndTheByte) {
  const PrintResult<std::u32string> text = decodeUtf8(GetParam().bytes, "queue_name");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().field, "queue_name");
  EXPECT_EQ(text.error().message, "not valid UTF-8 at byte " + std::to_string(GetParam().offset));
}

INSTANTIATE_TEST_SUITE_P(Sequences, Utf8Refuses,
                         testing::Values(Malformed{"LoneSurrogate", "ab\xED\xA0\x80", 2},
                                         Malformed{"LowSurrogate", "\xED\xBF\xBF", 0},
                                         Malformed{"OverlongSlash", "x\xC0\xAF", 1},
                                         Malformed{"OverlongThreeByte", "\xE0\x80\xAF", 0},
                                         Malformed{"PastTheLastCodePoint", "\xF4\x90\x80\x80", 0},
                                         Malformed{"CutShort", "\xE5\x95", 0},
                                         Malformed{"StrayContinuation", "a\x80", 1},
                                         Malformed{"ContinuationMissing", "\xE5\x41\x86", 0},
                                         Malformed{"InvalidLeadByte", "\xFF", 0}),
                         [](const testing::TestParamInfo<Malformed>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace devices::printer
