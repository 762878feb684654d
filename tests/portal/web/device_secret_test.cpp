#include "portal/web/device_secret.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "devices/protocol/device_key.h"
#include "portal/web/api_client.h"

namespace portal::web {
namespace {

TEST(DeviceSecret, EnvironmentWinsAndWritesNoFile) {
  testing::TempDir dir;
  const wf::Result<DeviceSecret> secret = DeviceSecret::load(std::string(" hall-1 \n"), dir.path());
  ASSERT_TRUE(secret.ok()) << secret.status().toString();
  EXPECT_EQ(secret->value(), "hall-1");
  EXPECT_EQ(secret->source(), DeviceSecret::Source::Environment);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / DeviceSecret::kFileName));
}

TEST(DeviceSecret, IsGeneratedIntoAPrivateFileBesideTheDatabaseAndReused) {
  testing::TempDir dir;
  const wf::Result<DeviceSecret> first = DeviceSecret::load(std::nullopt, dir.path());
  ASSERT_TRUE(first.ok()) << first.status().toString();
  EXPECT_EQ(first->source(), DeviceSecret::Source::NewFile);
  EXPECT_EQ(first->file(), dir.path() / "device.secret");
  EXPECT_EQ(first->value().size(), 64u);  // 32 random bytes, hex
  EXPECT_EQ(first->value().find_first_not_of("0123456789abcdef"), std::string::npos);
  struct stat info {};
  ASSERT_EQ(::stat(first->file().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);

  const wf::Result<DeviceSecret> second = DeviceSecret::load(std::nullopt, dir.path());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->source(), DeviceSecret::Source::ExistingFile);
  EXPECT_EQ(second->value(), first->value());
}

TEST(DeviceSecret, RefusesAnEmptyFile) {
  testing::TempDir dir;
  std::ofstream(dir.path() / DeviceSecret::kFileName) << "\n";
  const wf::Result<DeviceSecret> secret = DeviceSecret::load(std::nullopt, dir.path());
  ASSERT_FALSE(secret.ok());
  EXPECT_EQ(secret.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(secret.status().message().find("device secret"), std::string::npos);
}

TEST(DeviceSecret, DerivesEachDevicesKey) {
  testing::TempDir dir;
  const wf::Result<DeviceSecret> secret = DeviceSecret::load(std::string("s3cret"), dir.path());
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(secret->keyFor("strip-W01"), devices::protocol::deviceKey("s3cret", "strip-W01"));
}

}  // namespace
}  // namespace portal::web
