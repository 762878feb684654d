#include "tools/devicesim/devicesim_options.h"

#include <gtest/gtest.h>

namespace hall::devicesim {
namespace {

TEST(DevicesimOptions, ReadsTheFleetTheRateAndTheDuration) {
  const auto o = parseDevicesimOptions(
      {"--url", "http://127.0.0.1:9000", "--secret=s", "--devices", "strip-W01,led-1f", "--strips",
       "65", "--screens=2", "--kiosks", "3", "--speakers", "2", "--take-tickets-per-minute", "12.5",
       "--duration", "30", "--verbose"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->url, "http://127.0.0.1:9000");
  EXPECT_EQ(o->secret, "s");
  EXPECT_EQ(o->fleet.ids, (std::vector<std::string>{"strip-W01", "led-1f"}));
  EXPECT_EQ(o->fleet.strips, 65);
  EXPECT_EQ(o->fleet.screens, 2);
  EXPECT_EQ(o->fleet.kiosks, 3);
  EXPECT_EQ(o->fleet.speakers, 2);
  EXPECT_EQ(o->tickets_per_minute, 12.5);
  EXPECT_EQ(o->duration_seconds, 30);
  EXPECT_TRUE(o->verbose);
}

TEST(DevicesimOptions, WrongArgumentsNameTheOption) {
  const struct {
    std::vector<std::string> args;
    const char* says;
  } kCases[] = {
      {{"--strips", "-1"}, "--strips"},
      {{"--strips", "many"}, "--strips"},
      {{"--duration", "soon"}, "--duration"},
      {{"--take-tickets-per-minute", "inf"}, "--take-tickets-per-minute"},
      {{"--url"}, "--url needs a value"},
      {{"--frobnicate"}, "unknown option --frobnicate"},
      {{"--extra-screens", "30"}, "one connection per device id"},
  };
  for (const auto& c : kCases) {
    const auto o = parseDevicesimOptions(c.args);
    ASSERT_FALSE(o.ok()) << c.args.front();
    EXPECT_NE(o.status().message().find(c.says), std::string::npos) << o.status().message();
  }
}

}  // namespace
}  // namespace hall::devicesim
