// <callback scheme=…>: HMAC-SM3 unless the file says sm2, and then the
// platform's public key is named (a file beside the database or a
// variable), never written in the file; every mistake names file:line:col.
#include <gtest/gtest.h>

#include "connectors/common/platform_config.h"

namespace connectors {
namespace {

PlatformReadResult readWithCallback(const std::string& callback) {
  return readPlatformConfig("cb.xml",
                            "<platform xmlns=\"urn:hall:connectors:1\" id=\"x\" name=\"X\" "
                            "pathPrefix=\"/x\">\n  <key app=\"hall\" env=\"K\"/>\n  " +
                                callback + "\n</platform>");
}

std::string messages(const PlatformReadResult& r) {
  std::string out;
  for (const wf::Diagnostic& d : r.diagnostics) out += d.toString() + "\n";
  return out;
}

TEST(CallbackSchemeConfig, HmacSm3IsTheDefault) {
  const PlatformReadResult r = readWithCallback(R"(<callback app="city-x"/>)");
  ASSERT_TRUE(r.config.has_value()) << messages(r);
  EXPECT_EQ(r.config->callback_scheme, CallbackScheme::HmacSm3);
  EXPECT_TRUE(r.config->callback_public_key_file.empty());
  const PlatformReadResult named =
      readWithCallback(R"(<callback app="city-x" scheme="hmac-sm3"/>)");
  ASSERT_TRUE(named.config.has_value()) << messages(named);
  EXPECT_EQ(named.config->callback_scheme, CallbackScheme::HmacSm3);
}

TEST(CallbackSchemeConfig, Sm2NamesThePublicKeysFileOrVariable) {
  const PlatformReadResult r = readWithCallback(
      R"(<callback app="city-x" scheme="sm2" publicKey="x-callback.pem" publicKeyEnv="X_PEM"/>)");
  ASSERT_TRUE(r.config.has_value()) << messages(r);
  EXPECT_EQ(r.config->callback_app, "city-x");
  EXPECT_EQ(r.config->callback_scheme, CallbackScheme::Sm2);
  EXPECT_EQ(r.config->callback_public_key_file, "x-callback.pem");
  EXPECT_EQ(r.config->callback_public_key_env, "X_PEM");
}

TEST(CallbackSchemeConfig, MistakesNameFileLineAndColumn) {
  const PlatformReadResult unknown = readWithCallback(R"(<callback app="c" scheme="rsa"/>)");
  EXPECT_FALSE(unknown.config.has_value());
  EXPECT_NE(messages(unknown).find("cb.xml:3:29: error: scheme: expected hmac-sm3 or sm2"),
            std::string::npos)
      << messages(unknown);

  const PlatformReadResult keyless = readWithCallback(R"(<callback app="c" scheme="sm2"/>)");
  EXPECT_FALSE(keyless.config.has_value());
  EXPECT_NE(messages(keyless).find("cb.xml:3:3: error: <callback scheme=\"sm2\"> needs publicKey"),
            std::string::npos)
      << messages(keyless);

  const PlatformReadResult hmac_key = readWithCallback(R"(<callback app="c" publicKey="a.pem"/>)");
  EXPECT_FALSE(hmac_key.config.has_value());
  EXPECT_NE(messages(hmac_key).find("publicKey: only with scheme=\"sm2\""), std::string::npos)
      << messages(hmac_key);

  const PlatformReadResult inline_key = readWithCallback(
      R"(<callback app="c" scheme="sm2" publicKey="-----BEGIN PUBLIC KEY-----"/>)");
  EXPECT_FALSE(inline_key.config.has_value());
  EXPECT_NE(messages(inline_key).find("publicKey: a file name beside the database"),
            std::string::npos)
      << messages(inline_key);

  const PlatformReadResult path =
      readWithCallback(R"(<callback app="c" scheme="sm2" publicKey="../keys/a.pem"/>)");
  EXPECT_FALSE(path.config.has_value());
}

}  // namespace
}  // namespace connectors
