// The connector files: the repository's own read clean; every mistake names
// file:line:col, and a key is never accepted inside the file.
#include "connectors/common/platform_config.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace connectors {
namespace {

const std::filesystem::path kModels = std::filesystem::path(HALL_SOURCE_DIR) / "models";

std::string messages(const PlatformReadResult& r) {
  std::string out;
  for (const wf::Diagnostic& d : r.diagnostics) out += d.toString() + "\n";
  return out;
}

TEST(PlatformConfig, TheModelsFolderConfiguresTheElicenseLibraryForEveryMatter) {
  auto read = readPlatformConfigs(kModels / "connectors");
  ASSERT_TRUE(read.ok()) << read.status().message();
  const PlatformConfig& c = read->at("elicense");
  EXPECT_EQ(c.name, "市电子证照库");
  EXPECT_EQ(c.path_prefix, "/elicense/v1");
  EXPECT_EQ(c.key_env, "HALL_CITY_KEY");
  EXPECT_GE(c.retry.attempts, 1);
  const LicenceType* food = c.licenceFor("00012310600001-310105000000-000-11310105MB2F1952X1-1-00");
  ASSERT_NE(food, nullptr);
  EXPECT_EQ(food->name, "食品经营许可证");
  EXPECT_EQ(food->valid_years, 5);
  EXPECT_NE(c.licenceFor("open-restaurant"), nullptr);
  EXPECT_EQ(c.licenceFor("no-such-matter"), nullptr);
}

TEST(PlatformConfig, TheAppointmentPlatformKeepsInStepOnItsSchedule) {
  auto read = readPlatformConfigs(kModels / "connectors");
  ASSERT_TRUE(read.ok()) << read.status().message();
  const PlatformConfig& c = read->at("appointment");
  ASSERT_TRUE(c.sync.has_value());
  EXPECT_EQ(c.sync->hall_code, "SH-310105-ZW01");
  EXPECT_EQ(c.sync->fetch_every, std::chrono::milliseconds(300000));
  EXPECT_EQ(c.sync->push_every, std::chrono::milliseconds(10000));
  EXPECT_FALSE(read->at("suishen").sync.has_value());
  EXPECT_FALSE(read->at("elicense").sync.has_value());
}

TEST(PlatformConfig, ASyncNeedsAHallAndSaneIntervals) {
  const PlatformReadResult r = readPlatformConfig(
      "sync.xml", R"(<platform xmlns="urn:hall:connectors:1" id="x" name="X" pathPrefix="/x">
  <key app="hall" env="K"/>
  <sync fetchEveryMs="0" pushEveryMs="ten"/>
  <sync hall="H"/>
</platform>)");
  EXPECT_FALSE(r.config.has_value());
  const std::string all = messages(r);
  EXPECT_NE(all.find("sync.xml:3:3: error: <sync> has no hall"), std::string::npos) << all;
  EXPECT_NE(all.find("fetchEveryMs: expected a whole number from 1"), std::string::npos) << all;
  EXPECT_NE(all.find("pushEveryMs: expected a whole number"), std::string::npos) << all;
  EXPECT_NE(all.find("sync.xml:4:3: error: <sync> given twice"), std::string::npos) << all;
}

TEST(PlatformConfig, TheExpressPlatformNamesTheHallAsSender) {
  auto read = readPlatformConfigs(kModels / "connectors");
  ASSERT_TRUE(read.ok()) << read.status().message();
  const PlatformConfig& c = read->at("express");
  EXPECT_EQ(c.path_prefix, "/express/v1");
  EXPECT_EQ(c.callback_app, "city-express");
  ASSERT_TRUE(c.sender.has_value());
  EXPECT_EQ(c.sender->name, "长宁区行政服务中心");
  EXPECT_FALSE(c.sender->address.empty());
  EXPECT_FALSE(read->at("elicense").sender.has_value());

  const PlatformReadResult bad = readPlatformConfig(
      "express.xml", R"(<platform xmlns="urn:hall:connectors:1" id="x" name="X" pathPrefix="/x">
  <key app="hall" env="K"/>
  <sender name="厅"/>
  <sender name="厅" address="路"/>
</platform>)");
  EXPECT_FALSE(bad.config.has_value());
  const std::string all = messages(bad);
  EXPECT_NE(all.find("express.xml:3:3: error: <sender> has no address"), std::string::npos) << all;
  EXPECT_NE(all.find("express.xml:4:3: error: <sender> given twice"), std::string::npos) << all;
}

TEST(PlatformConfig, MistakesNameFileLineAndColumn) {
  const PlatformReadResult r = readPlatformConfig(
      "bad.xml", R"(<platform xmlns="urn:hall:connectors:1" id="x" name="X" pathPrefix="x">
  <endpoint baseUrl="ftp://city" timeoutMs="soon"/>
  <key app="hall" value="s3cret"/>
  <licence matter="m" typeCode="T" name="N" issuer="I"/>
  <licence matter="m" typeCode="T2" name="N2" issuer="I"/>
  <surprise/>
</platform>)");
  EXPECT_FALSE(r.config.has_value());
  const std::string all = messages(r);
  EXPECT_NE(all.find("bad.xml:1:"), std::string::npos) << all;  // pathPrefix
  EXPECT_NE(all.find("bad.xml:2:22: error: baseUrl"), std::string::npos) << all;
  EXPECT_NE(all.find("timeoutMs: expected a whole number"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.xml:3:"), std::string::npos) << all;
  EXPECT_NE(all.find("never kept in the models"), std::string::npos) << all;
  EXPECT_NE(all.find("needs env or file"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.xml:5:"), std::string::npos) << all;  // matter twice
  EXPECT_NE(all.find("bad.xml:6:3: error: unknown element <surprise>"), std::string::npos) << all;
}

TEST(PlatformConfig, BrokenXmlAndAnotherRootAreRefused) {
  EXPECT_FALSE(readPlatformConfig("a.xml", "<platform").config.has_value());
  const PlatformReadResult other = readPlatformConfig("b.xml", R"(<hall xmlns="urn:x"/>)");
  ASSERT_FALSE(other.config.has_value());
  EXPECT_NE(messages(other).find("b.xml:1:1"), std::string::npos) << messages(other);
  EXPECT_FALSE(isConnectorDocument(R"(<hall xmlns="urn:x"/>)"));
  EXPECT_TRUE(isConnectorDocument(R"(<platform xmlns="urn:hall:connectors:1"/>)"));
}

}  // namespace
}  // namespace connectors
