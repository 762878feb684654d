#include "tools/cli/option_reader.h"

#include <gtest/gtest.h>

namespace hall::cli {
namespace {

TEST(OptionReader, ReadsBothSpellingsSwitchesAndUnknownWords) {
  const std::vector<std::string> args = {"--port", "8080",       "--db=sqlite:x.db",
                                         "--demo", "--demo=yes", "--what"};
  OptionReader r(args);
  ASSERT_TRUE(r.next());
  EXPECT_TRUE(r.is("--port"));
  EXPECT_EQ(*r.value(), "8080");
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.name(), "--db");
  EXPECT_EQ(*r.value(), "sqlite:x.db");
  ASSERT_TRUE(r.next());
  EXPECT_TRUE(r.flag("--demo"));
  ASSERT_TRUE(r.next());
  EXPECT_FALSE(r.flag("--demo"));  // a switch takes no value
  EXPECT_TRUE(r.is("--demo"));
  ASSERT_TRUE(r.next());
  EXPECT_EQ(r.unknown().message(), "unknown option --what");
  EXPECT_EQ(r.value().status().message(), "--what needs a value");
  EXPECT_FALSE(r.next());
}

}  // namespace
}  // namespace hall::cli
