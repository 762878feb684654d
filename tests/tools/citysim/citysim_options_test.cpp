#include "tools/citysim/citysim_options.h"

#include <gtest/gtest.h>

#include <fstream>

#include "citysim_process.h"
#include "support/temp_dir.h"

namespace hall::citysim {
namespace {

TEST(CitysimOptions, DefaultsAndEverySpelling) {
  const wf::Result<CitysimOptions> defaults = parseCitysimOptions({});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->host, "127.0.0.1");
  EXPECT_EQ(defaults->port, 8091);
  EXPECT_EQ(defaults->app, "hall-changning");
  EXPECT_FALSE(defaults->key_file);

  const wf::Result<CitysimOptions> o = parseCitysimOptions(
      {"--host", "0.0.0.0", "--port=0", "--key-file", "/k", "--app", "hall-xuhui", "--quiet"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->host, "0.0.0.0");
  EXPECT_EQ(o->port, 0);
  EXPECT_EQ(*o->key_file, "/k");
  EXPECT_EQ(o->app, "hall-xuhui");
  EXPECT_TRUE(o->quiet);
}

TEST(CitysimOptions, RefusesBadArguments) {
  EXPECT_FALSE(parseCitysimOptions({"--port", "70000"}).ok());
  EXPECT_FALSE(parseCitysimOptions({"--port"}).ok());
  EXPECT_FALSE(parseCitysimOptions({"--colour"}).ok());
}

TEST(CitysimOptions, TheKeyFileLosesItsTrailingNewlineOnly) {
  hall::test::TempDir dir;
  std::ofstream(dir.file("key")) << " secret key \r\n";
  CitysimOptions o;
  o.key_file = dir.file("key");
  const wf::Result<std::string> key = sharedKey(o, std::string("from-env"));
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(*key, " secret key ");

  EXPECT_EQ(*sharedKey(CitysimOptions{}, std::string("from-env")), "from-env");
  EXPECT_FALSE(sharedKey(CitysimOptions{}, std::nullopt).ok());
  EXPECT_FALSE(sharedKey(CitysimOptions{}, std::string()).ok());
  o.key_file = dir.file("missing");
  EXPECT_FALSE(sharedKey(o, std::string("from-env")).ok());
}

TEST(CitysimOptions, TheProgramServesWithAKeyFileAndRefusesToStartWithoutAKey) {
  hall::test::TempDir dir;
  std::ofstream(dir.file("key")) << "file-key\n";
  test::CitysimProcessOptions with_file;
  with_file.args = {"--port", "0", "--key-file", dir.file("key"), "--app", "hall-xuhui"};
  auto started = test::CitysimProcess::start(with_file);
  ASSERT_TRUE(started.ok()) << started.status().message();
  test::CitysimClient client((*started)->host(), (*started)->port(), "file-key", "hall-xuhui");
  EXPECT_EQ(client.get("/elicense/v1/licences?holderId=x").status, 200);
  EXPECT_EQ((*started)->stop(), 0);

  test::CitysimProcessOptions without;
  without.env = {{"CITYSIM_KEY", ""}};
  EXPECT_FALSE(test::CitysimProcess::start(without).ok());
}

TEST(CitysimOptions, TheCallbackSm2KeyIsAPrivateKeyFromTheFileOrTheEnvironment) {
  const wf::Result<CitysimOptions> o = parseCitysimOptions({"--callback-sm2-key", "/p.pem"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(*o->callback_sm2_key_file, "/p.pem");
  const wf::Result<std::optional<connectors::Sm2Key>> none =
      callbackSm2Key(CitysimOptions{}, std::nullopt);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value()) << "HMAC-SM3 unless a key is given";

  const wf::Result<connectors::Sm2Key> pair = connectors::Sm2Key::generate();
  ASSERT_TRUE(pair.ok());
  hall::test::TempDir dir;
  std::ofstream(dir.file("private.pem")) << pair->privateKeyPem();
  std::ofstream(dir.file("public.pem")) << pair->publicKeyPem();
  CitysimOptions from_file;
  from_file.callback_sm2_key_file = dir.file("private.pem");
  const wf::Result<std::optional<connectors::Sm2Key>> key = callbackSm2Key(from_file, "ignored");
  ASSERT_TRUE(key.ok()) << key.status().message();
  ASSERT_TRUE(key->has_value());
  EXPECT_TRUE(pair->verify("data", (*key)->sign("data")));

  std::string one_line = pair->privateKeyPem();
  for (size_t at = one_line.find('\n'); at != std::string::npos; at = one_line.find('\n', at)) {
    one_line.replace(at, 1, "\\n");
  }
  const wf::Result<std::optional<connectors::Sm2Key>> env = callbackSm2Key({}, one_line);
  ASSERT_TRUE(env.ok()) << env.status().message();
  EXPECT_TRUE(pair->verify("data", (*env)->sign("data")));

  CitysimOptions public_only;
  public_only.callback_sm2_key_file = dir.file("public.pem");
  const auto refused = callbackSm2Key(public_only, std::nullopt);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("--callback-sm2-key"), std::string::npos);
  public_only.callback_sm2_key_file = dir.file("missing.pem");
  EXPECT_FALSE(callbackSm2Key(public_only, std::nullopt).ok());
}

}  // namespace
}  // namespace hall::citysim
