#include "tools/citysim/linesys_web_platform.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "tools/citysim/request_parts.h"

namespace hall::citysim {

namespace {

constexpr int64_t kLoginTokenMs = 10 * 60 * 1000;
constexpr const char* kCookie = "LSSESSION";

std::string escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string randomToken() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  char out[33];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(random()),
                static_cast<unsigned long long>(random()));
  return out;
}

PlatformResponse html(int status, const std::string& title, const std::string& body,
                      bool signed_in) {
  PlatformResponse r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) +
           "</title></head>\n<body>\n<div class=\"top\">区市场监督管理局 食品经营许可业务系统";
  if (signed_in) r.body += " | <a href=\"/linesys/web/logout\">退出登录</a>";
  r.body += "</div><hr>\n<h1>" + escape(title) + "</h1>\n" + body + "\n</body></html>\n";
  return r;
}

PlatformResponse redirect(const std::string& to) {
  PlatformResponse r;
  r.status = 302;
  r.content_type = "text/html; charset=utf-8";
  r.body = "<a href=\"" + to + "\">" + to + "</a>";
  r.headers.emplace_back("Location", to);
  return r;
}

// application/x-www-form-urlencoded, decoded ('+' is a space).
std::map<std::string, std::string> formOf(const std::string& body) {
  std::map<std::string, std::string> out;
  size_t at = 0;
  while (at <= body.size()) {
    const size_t end = std::min(body.find('&', at), body.size());
    std::string pair = body.substr(at, end - at);
    for (char& c : pair) c = c == '+' ? ' ' : c;
    const size_t eq = pair.find('=');
    std::string name, value;
    try {
      Poco::URI::decode(pair.substr(0, eq), name);
      if (eq != std::string::npos) Poco::URI::decode(pair.substr(eq + 1), value);
    } catch (const Poco::Exception&) {
      name.clear();
    }
    if (!name.empty()) out[name] = value;
    at = end + 1;
  }
  return out;
}

std::string valueOf(const std::map<std::string, std::string>& form, const std::string& name) {
  const auto found = form.find(name);
  return found == form.end() ? std::string() : found->second;
}

// The case form's inputs by name, their labels, and the problem of each.
struct FormField {
  const char* name;
  const char* label;
};
constexpr FormField kCaseFields[] = {{"caseCode", "统一办件编码"}, {"applicant", "申请人"},
                                     {"matterCode", "事项编码"},   {"address", "经营场所"},
                                     {"category", "经营类别"},     {"area", "经营面积（平方米）"}};

std::string caseForm(const std::string& csrf, const std::map<std::string, std::string>& values,
                     const std::map<std::string, std::string>& problems) {
  std::string out;
  if (!problems.empty()) out += "<div class=\"errors\">请更正以下错误</div>\n";
  out += "<form id=\"case-form\" method=\"post\" action=\"/linesys/web/cases\">\n";
  out += "<input type=\"hidden\" name=\"_csrf\" value=\"" + csrf + "\">\n";
  for (const FormField& f : kCaseFields) {
    out += "<label for=\"" + std::string(f.name) + "\">" + f.label + "</label> ";
    const std::string value = valueOf(values, f.name);
    if (std::string(f.name) == "category") {
      out += "<select name=\"category\" id=\"category\"><option value=\"\">请选择";
      for (const auto& [code, label] : lineCategories()) {
        out += "<option value=\"" + code + "\"" + (code == value ? " selected" : "") + ">" + label;
      }
      out += "</select>";
    } else {
      out += "<input type=\"text\" name=\"" + std::string(f.name) + "\" id=\"" + f.name +
             "\" value=\"" + escape(value) + "\">";
    }
    if (const auto problem = problems.find(f.name); problem != problems.end()) {
      out += " <span class=\"error\" id=\"err-" + std::string(f.name) + "\">" +
             escape(problem->second) + "</span>";
    }
    out += "<br>\n";
  }
  out += "<input type=\"submit\" value=\"提交登记\">\n</form>";
  return out;
}

}  // namespace

std::map<std::string, std::string> linesysWebAccounts() {
  const char* user = std::getenv("CITYSIM_LINESYS_USER");
  const char* password = std::getenv("CITYSIM_LINESYS_PASSWORD");
  if (user != nullptr && password != nullptr && *user != '\0') return {{user, password}};
  return {{"hall-robot", "robot-test-password"}};
}

std::string LinesysWebPlatform::loginForm(const std::string& error, int64_t now_ms) {
  const std::string token = randomToken();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    std::erase_if(login_tokens_, [&](const auto& t) { return t.second + kLoginTokenMs < now_ms; });
    login_tokens_.emplace(token, now_ms);
  }
  std::string body;
  if (!error.empty()) body += "<p class=\"error\">" + escape(error) + "</p>\n";
  body +=
      "<form id=\"login\" method=\"post\" action=\"/linesys/web/login\">\n"
      "<input type=\"hidden\" name=\"_csrf\" value=\"" +
      token +
      "\">\n"
      "<label>用户名</label> <input type=\"text\" name=\"user\"><br>\n"
      "<label>密码</label> <input type=\"password\" name=\"password\"><br>\n"
      "<input type=\"submit\" value=\"登录\">\n</form>";
  return body;
}

std::optional<LinesysWebPlatform::Session> LinesysWebPlatform::sessionOf(
    const PlatformRequest& request) {
  const std::string* header = request.header("Cookie");
  if (header == nullptr) return std::nullopt;
  Poco::Net::HTTPRequest parsed;
  parsed.set("Cookie", *header);
  Poco::Net::NameValueCollection cookies;
  parsed.getCookies(cookies);
  const std::string token = cookies.get(kCookie, "");
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = sessions_.find(token);
  if (found == sessions_.end()) return std::nullopt;
  if (found->second.last_used_ms + session_idle_ms_ < request.now_ms) {
    sessions_.erase(found);
    return std::nullopt;
  }
  found->second.last_used_ms = request.now_ms;
  return found->second;
}

PlatformResponse LinesysWebPlatform::control(const PlatformRequest& request) {
  if (request.path == "/expire-sessions") {
    if (request.method != "POST") return methodNotAllowed(request);
    std::lock_guard<std::mutex> lock(mutex_);
    const size_t expired = sessions_.size();
    sessions_.clear();
    return jsonResponse(200, wf::Value(wf::Object{{"expired", wf::Value(int64_t(expired))}}));
  }
  return departmentControl(records_, request, name());
}

PlatformResponse LinesysWebPlatform::signIn(const PlatformRequest& request) {
  const std::map<std::string, std::string> form = formOf(request.body);
  const std::string token = valueOf(form, "_csrf");
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = login_tokens_.find(token);
    if (token.empty() || found == login_tokens_.end() ||
        found->second + kLoginTokenMs < request.now_ms) {
      return html(403, "请求无效",
                  "<p class=\"error\">缺少或无效的CSRF令牌，请重新打开<a "
                  "href=\"/linesys/web/login\">登录页</a>。</p>",
                  false);
    }
    login_tokens_.erase(found);
  }
  const std::string user = valueOf(form, "user");
  const auto account = accounts_.find(user);
  if (user.empty() || account == accounts_.end() || account->second != valueOf(form, "password")) {
    return html(200, "登录", loginForm("用户名或密码错误", request.now_ms), false);
  }
  const std::string session = randomToken();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_[session] = Session{user, randomToken(), request.now_ms};
  }
  PlatformResponse r = redirect("/linesys/web/");
  r.headers.emplace_back("Set-Cookie",
                         std::string(kCookie) + "=" + session + "; Path=/linesys/web; HttpOnly");
  return r;
}

PlatformResponse LinesysWebPlatform::newCase(const PlatformRequest& request, const Session& session,
                                             PlatformStats& stats) {
  std::map<std::string, std::string> form = formOf(request.body);
  if (valueOf(form, "_csrf") != session.csrf) {
    return html(403, "请求无效", "<p class=\"error\">缺少或无效的CSRF令牌，请重新打开表单。</p>",
                true);
  }
  std::map<std::string, std::string> problems;
  const std::string case_code = valueOf(form, "caseCode");
  if (!isCaseCode(case_code)) problems["caseCode"] = "统一办件编码须为23位数字或大写字母";
  wf::Object fields;
  for (const char* name : {"applicant", "matterCode", "address", "category"}) {
    if (!valueOf(form, name).empty()) fields[name] = wf::Value(valueOf(form, name));
  }
  const std::string area_text = valueOf(form, "area");
  char* end = nullptr;
  const double area = std::strtod(area_text.c_str(), &end);
  if (!area_text.empty() && end == area_text.c_str() + area_text.size()) {
    fields["area"] = wf::Value(area);
  }
  for (const FieldProblem& p : LineRecords::check(fields)) problems.emplace(p.field, p.why);
  if (problems.empty()) {
    if (const std::optional<LineRecord> existing = records_.find(case_code)) {
      ++stats.duplicates;
      problems["caseCode"] = "该办件编码已登记（登记号 " + existing->reg_no + "）";
    }
  }
  if (!problems.empty()) {
    return html(200, "新办件登记", caseForm(session.csrf, form, problems), true);
  }
  const LineRecords::Put put = records_.put(case_code, std::move(fields));
  ++stats.issued;
  return html(200, "登记结果",
              "<p class=\"ok\">登记成功</p>\n<p>登记号：<span id=\"regNo\">" + put.record.reg_no +
                  "</span><br>统一办件编码：" + escape(case_code) +
                  "</p>\n<a href=\"/linesys/web/cases/" + escape(case_code) + "\">查看办件</a>",
              true);
}

PlatformResponse LinesysWebPlatform::search(const PlatformRequest& request) {
  const auto code = request.query.find("caseCode");
  const std::string case_code = code == request.query.end() ? std::string() : code->second;
  std::string body =
      "<form id=\"search\" method=\"get\" action=\"/linesys/web/cases\"><input type=\"text\" "
      "name=\"caseCode\" value=\"" +
      escape(case_code) + "\"><input type=\"submit\" value=\"查询\"></form>\n";
  const std::optional<LineRecord> record = records_.find(case_code);
  if (!record) {
    body += "<p class=\"empty\">无匹配办件</p>";
  } else {
    body +=
        "<table class=\"results\"><tr><th>统一办件编码<th>登记号<th>申请人\n<tr><td><a "
        "href=\"/linesys/web/cases/" +
        escape(record->case_code) + "\">" + escape(record->case_code) + "</a><td>" +
        record->reg_no + "<td>" + escape(record->fields.at("applicant").asString()) + "\n</table>";
  }
  return html(200, "办件查询", body, true);
}

PlatformResponse LinesysWebPlatform::casePage(const std::string& case_code) {
  const std::optional<LineRecord> record = records_.find(case_code);
  if (!record) {
    return html(404, "未找到", "<p class=\"error\">未找到办件 " + escape(case_code) + "</p>", true);
  }
  const auto text = [](const wf::Object& o, const char* name) {
    const auto found = o.find(name);
    if (found == o.end()) return std::string();
    return found->second.isString() ? escape(found->second.asString()) : found->second.toJson();
  };
  std::string decision = text(record->department, "decision");
  decision = decision == "approved" ? "准予许可" : decision == "rejected" ? "不予许可" : "";
  std::string category = text(record->fields, "category");
  for (const auto& [code, label] : lineCategories()) category = code == category ? label : category;
  std::string body = "<table class=\"detail\">\n";
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"统一办件编码", escape(record->case_code)},
      {"申请人", text(record->fields, "applicant")},
      {"事项编码", text(record->fields, "matterCode")},
      {"经营场所", text(record->fields, "address")},
      {"经营类别", category},
      {"经营面积（平方米）", text(record->fields, "area")},
      {"审批意见", text(record->department, "opinion")},
      {"许可证编号", text(record->department, "licenceNo")},
      {"审批结论", decision}};
  body += "<tr><th>登记号</th><td id=\"regNo\">" + record->reg_no + "</td></tr>\n";
  for (const auto& [label, value] : rows) {
    body += "<tr><th>" + label + "</th><td>" + value + "</td></tr>\n";
  }
  body += "</table>";
  return html(200, "办件详情", body, true);
}

PlatformResponse LinesysWebPlatform::handle(const PlatformRequest& request, PlatformStats& stats) {
  const std::vector<std::string> s =
      segmentsOf(std::string_view(request.path).substr(prefix().size()));
  if (s.size() == 1 && s[0] == "login") {
    if (request.method == "GET") return html(200, "登录", loginForm("", request.now_ms), false);
    if (request.method == "POST") return signIn(request);
    return methodNotAllowed(request);
  }
  const std::optional<Session> session = sessionOf(request);
  if (!session) return redirect("/linesys/web/login");
  if (s.empty()) {
    return html(200, "首页",
                "<p>欢迎，" + escape(session->user) +
                    "</p>\n<a href=\"/linesys/web/cases/new\">新办件登记</a> <a "
                    "href=\"/linesys/web/cases\">办件查询</a>",
                true);
  }
  if (s.size() == 1 && s[0] == "logout") {
    std::lock_guard<std::mutex> lock(mutex_);
    std::erase_if(sessions_, [&](const auto& e) { return e.second.csrf == session->csrf; });
    return redirect("/linesys/web/login");
  }
  if (s[0] != "cases" || s.size() > 2) {
    return html(404, "未找到", "<p class=\"error\">页面不存在</p>", true);
  }
  if (s.size() == 1) {
    if (request.method == "POST") return newCase(request, *session, stats);
    if (request.method == "GET") return search(request);
    return methodNotAllowed(request);
  }
  if (request.method != "GET") return methodNotAllowed(request);
  if (s[1] == "new") return html(200, "新办件登记", caseForm(session->csrf, {}, {}), true);
  return casePage(s[1]);
}

}  // namespace hall::citysim
