#include "portal/store/sm4_vault.h"

#include <gtest/gtest.h>

namespace hall::store {
namespace {

Sm4Vault vault(const char* secret = "a test master secret of enough length") {
  wf::Result<Sm4Vault> v = Sm4Vault::fromSecret(secret);
  EXPECT_TRUE(v.ok());
  return std::move(v).value();
}

TEST(Sm4Vault, SealsSoThatOnlyItsKeyOpens) {
  const Sm4Vault v = vault();
  const std::string sealed = v.seal("110105199003071239");
  EXPECT_EQ(sealed.rfind("sm4:", 0), 0u);
  EXPECT_EQ(sealed.find("110105199003071239"), std::string::npos);
  EXPECT_NE(sealed, v.seal("110105199003071239"));  // a fresh IV each time
  EXPECT_EQ(*v.open(sealed), "110105199003071239");
  EXPECT_FALSE(vault("another master secret, another key").open(sealed).ok());
}

TEST(Sm4Vault, RefusesAnAlteredValue) {
  const Sm4Vault v = vault();
  std::string sealed = v.seal("13812345678");
  sealed[sealed.size() / 2] = sealed[sealed.size() / 2] == '0' ? '1' : '0';
  EXPECT_EQ(v.open(sealed).status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_FALSE(v.open("13812345678").ok());
  EXPECT_FALSE(v.open("sm4:zz").ok());
}

TEST(Sm4Vault, DigestsAreStablePerKeyAndTokensAreFresh) {
  const Sm4Vault v = vault();
  EXPECT_EQ(v.digest("110105199003071239"), v.digest("110105199003071239"));
  EXPECT_NE(v.digest("110105199003071239"), v.digest("110105199003071247"));
  EXPECT_NE(v.digest("110105199003071239"),
            vault("another master secret, another key").digest("110105199003071239"));
  EXPECT_EQ(v.randomToken().size(), 32u);
  EXPECT_NE(v.randomToken(), v.randomToken());
  EXPECT_FALSE(Sm4Vault::fromSecret("short").ok());
}

}  // namespace
}  // namespace hall::store
