#include "portal/web/admin_token.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "portal/web/api_client.h"

namespace portal::web {
namespace {

std::string readFile(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

TEST(AdminToken, EnvironmentWinsAndWritesNoFile) {
  testing::TempDir dir;
  const wf::Result<AdminToken> token = AdminToken::load(std::string("  s3cret \n"), dir.path());
  ASSERT_TRUE(token.ok()) << token.status().toString();
  EXPECT_EQ(token->value(), "s3cret");
  EXPECT_EQ(token->source(), AdminToken::Source::Environment);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / AdminToken::kFileName));
}

TEST(AdminToken, GeneratesAPrivateFileOfRandomHex) {
  testing::TempDir dir;
  const wf::Result<AdminToken> token = AdminToken::load(std::nullopt, dir.path());
  ASSERT_TRUE(token.ok()) << token.status().toString();
  EXPECT_EQ(token->source(), AdminToken::Source::NewFile);
  EXPECT_EQ(token->value().size(), 64u);
  EXPECT_EQ(token->value().find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(readFile(token->file()), token->value());
  struct stat info {};
  ASSERT_EQ(::stat(token->file().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(AdminToken, EmptyEnvironmentFallsBackToTheFile) {
  testing::TempDir dir;
  const wf::Result<AdminToken> token = AdminToken::load(std::string(""), dir.path());
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->source(), AdminToken::Source::NewFile);
}

TEST(AdminToken, ReusesTheFileOnTheNextStart) {
  testing::TempDir dir;
  const wf::Result<AdminToken> first = AdminToken::load(std::nullopt, dir.path());
  const wf::Result<AdminToken> second = AdminToken::load(std::nullopt, dir.path());
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->source(), AdminToken::Source::ExistingFile);
  EXPECT_EQ(second->value(), first->value());
}

TEST(AdminToken, TwoFreshFoldersGetDifferentTokens) {
  testing::TempDir a;
  testing::TempDir b;
  EXPECT_NE(AdminToken::load(std::nullopt, a.path())->value(),
            AdminToken::load(std::nullopt, b.path())->value());
}

TEST(AdminToken, RefusesAnEmptyFile) {
  testing::TempDir dir;
  std::ofstream(dir.path() / AdminToken::kFileName) << "\n";
  const wf::Result<AdminToken> token = AdminToken::load(std::nullopt, dir.path());
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.status().code(), wf::StatusCode::InvalidArgument);
}

TEST(AdminToken, MissingFolderIsUnavailable) {
  testing::TempDir dir;
  const wf::Result<AdminToken> token = AdminToken::load(std::nullopt, dir.path() / "nope");
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.status().code(), wf::StatusCode::Unavailable);
}

TEST(AdminToken, MatchesOnlyTheExactToken) {
  testing::TempDir dir;
  const wf::Result<AdminToken> token = AdminToken::load(std::string("abc123"), dir.path());
  ASSERT_TRUE(token.ok());
  EXPECT_TRUE(token->matches("abc123"));
  EXPECT_FALSE(token->matches("abc12"));
  EXPECT_FALSE(token->matches("abc1234"));
  EXPECT_FALSE(token->matches("ABC123"));
  EXPECT_FALSE(token->matches(""));
}

TEST(AdminToken, LivesBesideTheDatabaseFile) {
  const std::pair<const char*, const char*> table[] = {
      {"sqlite:data/hall.db", "data"}, {"sqlite:/var/lib/hall/hall.db", "/var/lib/hall"},
      {"sqlite:hall.db", "."},         {"sqlite::memory:", "."},
      {"postgresql://db/hall", "."},
  };
  for (const auto& [url, dir] : table) {
    EXPECT_EQ(AdminToken::dirForDatabase(url), std::filesystem::path(dir)) << url;
  }
}

}  // namespace
}  // namespace portal::web
