// The simulated web line system (部门业务系统（网页）, /linesys/web) over real
// HTTP, as a browser meets it: a sign-in form with a CSRF token (a post
// without it, or with one used already, is refused; a wrong password shows
// the form again and sets no cookie), a session cookie without which — or
// once it is stale — every page sends you to the sign-in page, a new-case
// form that comes back with an error beside each bad field and stores
// nothing, 登记成功 with a registration number, one registration per case
// code, and a case page that shows what the department entered.
#include <gtest/gtest.h>

#include "citysim_fixture.h"
#include "connectors/rpa/html_page.h"
#include "connectors/rpa/web_browser.h"

namespace hall::citysim::test {
namespace {

using connectors::HtmlPage;

constexpr const char* kCase = "31010520261129A1000042K";
constexpr const char* kUser = "hall-robot";
constexpr const char* kPassword = "robot-test-password";

class LinesysWebTest : public CitysimTest {
 protected:
  // A request as a browser sends it: the session cookie, a form body.
  Reply browse(const std::string& method, const std::string& target,
               const std::vector<std::pair<std::string, std::string>>& form = {}) {
    std::map<std::string, std::string> headers;
    if (!session_.empty()) headers["Cookie"] = "LSSESSION=" + session_;
    const std::string body = method == "POST" ? connectors::encodeForm(form) : std::string();
    return client_->sendRaw(method, target, body, headers);
  }

  std::string csrfOf(const Reply& page, const std::string& form) {
    const auto f = HtmlPage::parse(page.body).form(form);
    EXPECT_TRUE(f.has_value()) << page.body;
    if (!f) return {};
    for (const auto& [name, value] : f->fields) {
      if (name == "_csrf") return value;
    }
    return {};
  }

  Reply signIn(const std::string& password = kPassword) {
    const std::string token = csrfOf(browse("GET", "/linesys/web/login"), "login");
    return browse("POST", "/linesys/web/login",
                  {{"_csrf", token}, {"user", kUser}, {"password", password}});
  }

  void signedIn() {
    const Reply r = signIn();
    ASSERT_EQ(r.status, 302) << r.body;
    const std::string cookie = r.headers.at("Set-Cookie");
    ASSERT_EQ(cookie.rfind("LSSESSION=", 0), 0u) << cookie;
    session_ = cookie.substr(10, cookie.find(';') - 10);
  }

  std::vector<std::pair<std::string, std::string>> caseForm(
      const std::map<std::string, std::string>& changes = {}) {
    std::map<std::string, std::string> values{{"caseCode", kCase},
                                              {"applicant", "上海某某餐饮有限公司"},
                                              {"matterCode", "00012310600001"},
                                              {"address", "长宁路1号"},
                                              {"category", "FOOD_SERVICE"},
                                              {"area", "120"}};
    for (const auto& [k, v] : changes) values[k] = v;
    std::vector<std::pair<std::string, std::string>> out{
        {"_csrf", csrfOf(browse("GET", "/linesys/web/cases/new"), "case-form")}};
    out.insert(out.end(), values.begin(), values.end());
    return out;
  }

  std::string session_;
};

TEST_F(LinesysWebTest, SignInNeedsTheFormsTokenAndTheRightPassword) {
  const Reply form = browse("GET", "/linesys/web/login");
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.headers.at("Content-Type"), "text/html; charset=utf-8");
  EXPECT_FALSE(csrfOf(form, "login").empty());

  const Reply no_token =
      browse("POST", "/linesys/web/login", {{"user", kUser}, {"password", kPassword}});
  EXPECT_EQ(no_token.status, 403);
  EXPECT_TRUE(HtmlPage::parse(no_token.body).shows("CSRF"));
  EXPECT_EQ(no_token.headers.count("Set-Cookie"), 0u);

  const Reply wrong = signIn("guess");
  EXPECT_EQ(wrong.status, 200);
  EXPECT_TRUE(HtmlPage::parse(wrong.body).shows("用户名或密码错误"));
  EXPECT_EQ(wrong.headers.count("Set-Cookie"), 0u);

  const std::string token = csrfOf(browse("GET", "/linesys/web/login"), "login");
  const Reply ok = browse("POST", "/linesys/web/login",
                          {{"_csrf", token}, {"user", kUser}, {"password", kPassword}});
  EXPECT_EQ(ok.status, 302);
  EXPECT_EQ(ok.headers.at("Location"), "/linesys/web/");
  const Reply reused = browse("POST", "/linesys/web/login",
                              {{"_csrf", token}, {"user", kUser}, {"password", kPassword}});
  EXPECT_EQ(reused.status, 403) << "a token signs in once";
}

TEST_F(LinesysWebTest, WithoutALiveSessionEveryPageSendsYouToSignIn) {
  const Reply anonymous = browse("GET", "/linesys/web/cases/new");
  EXPECT_EQ(anonymous.status, 302);
  EXPECT_EQ(anonymous.headers.at("Location"), "/linesys/web/login");

  signedIn();
  const Reply home = browse("GET", "/linesys/web/");
  ASSERT_EQ(home.status, 200);
  EXPECT_TRUE(HtmlPage::parse(home.body).shows("退出登录"));

  const Reply expired = control("POST", "/_sim/linesys-web/expire-sessions");
  ASSERT_EQ(expired.status, 200) << expired.body;
  EXPECT_EQ(expired.json.find("expired")->asNumber(), 1);
  const Reply stale = browse("GET", "/linesys/web/cases/new");
  EXPECT_EQ(stale.status, 302);
  EXPECT_EQ(stale.headers.at("Location"), "/linesys/web/login");
}

TEST_F(LinesysWebTest, ABadFormComesBackWithAnErrorBesideEachFieldAndStoresNothing) {
  signedIn();
  const Reply bad = browse("POST", "/linesys/web/cases",
                           caseForm({{"area", "一百"}, {"category", ""}, {"caseCode", "X1"}}));
  ASSERT_EQ(bad.status, 200);
  const HtmlPage page = HtmlPage::parse(bad.body);
  EXPECT_FALSE(page.shows("登记成功"));
  EXPECT_EQ(page.elementText("err-area").value_or(""), "经营面积须为数字");
  EXPECT_TRUE(page.elementText("err-category").has_value());
  EXPECT_TRUE(page.elementText("err-caseCode").has_value());
  EXPECT_FALSE(page.elementText("err-applicant").has_value());
  EXPECT_EQ(page.form("case-form")->fields.size(), 7u) << "the form again, to correct";

  const Reply no_token =
      browse("POST", "/linesys/web/cases", {{"caseCode", kCase}, {"applicant", "某某"}});
  EXPECT_EQ(no_token.status, 403);

  const Reply search = browse("GET", std::string("/linesys/web/cases?caseCode=") + kCase);
  EXPECT_TRUE(HtmlPage::parse(search.body).shows("无匹配办件"));
  EXPECT_EQ(statOf("linesys-web", "issued"), 0);
}

TEST_F(LinesysWebTest, ACaseIsRegisteredOnceAndItsPageShowsTheDepartmentsEntries) {
  signedIn();
  const Reply done = browse("POST", "/linesys/web/cases", caseForm());
  ASSERT_EQ(done.status, 200);
  const HtmlPage result = HtmlPage::parse(done.body);
  EXPECT_TRUE(result.shows("登记成功")) << done.body;
  EXPECT_EQ(result.elementText("regNo").value_or(""), "WEB-2026-000001");

  const Reply twice = browse("POST", "/linesys/web/cases", caseForm());
  const HtmlPage again = HtmlPage::parse(twice.body);
  EXPECT_FALSE(again.shows("登记成功"));
  EXPECT_NE(again.elementText("err-caseCode").value_or("").find("WEB-2026-000001"),
            std::string::npos);
  EXPECT_EQ(statOf("linesys-web", "issued"), 1);
  EXPECT_EQ(statOf("linesys-web", "duplicates"), 1);

  const std::string department = std::string("/_sim/linesys-web/department/") + kCase;
  ASSERT_EQ(control("PUT", department,
                    R"({"decision": "rejected", "opinion": "场所面积不符", "licenceNo": ""})")
                .status,
            200);
  const HtmlPage shown =
      HtmlPage::parse(browse("GET", std::string("/linesys/web/cases/") + kCase).body);
  EXPECT_EQ(shown.besideLabel("申请人").value_or(""), "上海某某餐饮有限公司");
  EXPECT_EQ(shown.besideLabel("经营类别").value_or(""), "餐饮服务");
  EXPECT_EQ(shown.besideLabel("审批结论").value_or(""), "不予许可");
  EXPECT_EQ(shown.besideLabel("审批意见").value_or(""), "场所面积不符");
  EXPECT_EQ(browse("GET", "/linesys/web/cases/31010520261129A1000099K").status, 404);
}

}  // namespace
}  // namespace hall::citysim::test
