// The RPA scripts (models/connectors/rpa/*.xml): the repository's read
// cleanly, and a script with a mistake is refused with file:line:col for
// each — an unknown step, a step with two sources, a credential outside the
// sign-in, a sign-in that does not start by opening its page, an unknown
// attribute (a typo) and a placeholder left open.
#include "connectors/rpa/rpa_script.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace connectors {
namespace {

const std::filesystem::path kScripts =
    std::filesystem::path(HALL_SOURCE_DIR) / "models" / "connectors" / "rpa";

TEST(RpaScriptTest, TheRepositorysScriptsReadCleanly) {
  auto scripts = readRpaScripts(kScripts);
  ASSERT_TRUE(scripts.ok()) << scripts.status().message();
  ASSERT_EQ(scripts->count("linesys-web"), 1u);
  ASSERT_EQ(scripts->count("linesys-json"), 1u);
  const RpaScript& web = scripts->at("linesys-web");
  EXPECT_EQ(web.kind, "web");
  EXPECT_EQ(web.path_prefix, "/linesys/web");
  EXPECT_EQ(web.sign_in.front().kind, RpaStepKind::Open);
  ASSERT_EQ(web.push[1].kind, RpaStepKind::When);
  EXPECT_EQ(web.push[1].text, "无匹配办件");
  EXPECT_FALSE(web.push[1].steps.empty());
  const RpaScript& json = scripts->at("linesys-json");
  ASSERT_EQ(json.push.size(), 1u);
  EXPECT_EQ(json.push.front().url, "/records/{caseCode}");
}

TEST(RpaScriptTest, MistakesAreRefusedWithFileLineAndColumn) {
  const std::string xml =
      R"(<rpa xmlns="urn:hall:rpa:1" system="s" name="n" kind="web" pathPrefix="/s">
  <signIn userEnv="U" passwordEnv="P">
    <fill form="login" field="user" credential="user"/>
  </signIn>
  <push>
    <open url="/cases/{caseCode"/>
    <click button="ok"/>
    <fill form="f" field="a" var="x" value="y"/>
    <fill form="f" field="b" credential="password"/>
    <expect txt="登记成功"/>
  </push>
</rpa>)";
  const RpaScriptReadResult read = readRpaScript("bad.xml", xml);
  EXPECT_FALSE(read.script.has_value());
  std::vector<std::string> found;
  for (const wf::Diagnostic& d : read.diagnostics) found.push_back(d.toString());
  const auto has = [&](const std::string& text) {
    return std::any_of(found.begin(), found.end(),
                       [&](const std::string& f) { return f.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has("bad.xml:2:3: error: <signIn> must start with <open>"))
      << ::testing::PrintToString(found);
  EXPECT_TRUE(has("bad.xml:6:16: error: url: a {placeholder} is not closed"))
      << ::testing::PrintToString(found);
  EXPECT_TRUE(has("bad.xml:7:5: error: unknown step <click>")) << ::testing::PrintToString(found);
  EXPECT_TRUE(has("bad.xml:8:5: error: <fill> needs exactly one of var, value, credential"))
      << ::testing::PrintToString(found);
  EXPECT_TRUE(has("bad.xml:9:42: error: credential: only in <signIn>"))
      << ::testing::PrintToString(found);
  EXPECT_TRUE(has("bad.xml:10:18: error: unknown attribute txt on <expect>"))
      << ::testing::PrintToString(found);
  EXPECT_TRUE(has("bad.xml:10:5: error: <expect> needs exactly one of text, element"))
      << ::testing::PrintToString(found);
}

TEST(RpaScriptTest, CredentialsAreNeverInTheScript) {
  const RpaScriptReadResult read = readRpaScript(
      "s.xml", R"(<rpa xmlns="urn:hall:rpa:1" system="s" name="n" kind="web" pathPrefix="/s">
  <signIn password="secret"><open url="/login"/></signIn>
  <fetch><open url="/x"/></fetch>
</rpa>)");
  EXPECT_FALSE(read.script.has_value());
  ASSERT_GE(read.diagnostics.size(), 2u);
  EXPECT_EQ(read.diagnostics[0].toString(),
            "s.xml:2:21: error: unknown attribute password on <signIn>");
  EXPECT_EQ(read.diagnostics[1].line, 2);
  EXPECT_NE(read.diagnostics[1].message.find("credentials are never kept"), std::string::npos);
}

}  // namespace
}  // namespace connectors
