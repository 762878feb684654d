// LinesysWebPlatform: a simulated department line system that has only web
// pages behind a sign-in (an old web app, 部门业务系统（网页）), prefix
// /linesys/web, NOT signed (README.md, "部门业务系统"): a sign-in form with a
// hidden CSRF token, a session cookie that expires when idle (a stale one
// is sent back to the sign-in page), a new-case form whose result page says
// 登记成功 with a registration number (or shows the form again with an error
// beside each bad field), a search by case code and a case page with what
// the department entered. The HTML is what such apps serve: not XML
// (unclosed <input>, <br>).
//
// Controls: PUT /_sim/linesys-web/department/{caseCode} (a test plays the
// department), POST /_sim/linesys-web/expire-sessions (every session goes
// stale at once).
//
// Thread-safe: one mutex guards the sessions and tokens; LineRecords the
// records.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "tools/citysim/line_records.h"
#include "tools/citysim/platform.h"

namespace hall::citysim {

// The web line system's account: CITYSIM_LINESYS_USER and
// CITYSIM_LINESYS_PASSWORD, else the test account hall-robot / robot-test-password.
std::map<std::string, std::string> linesysWebAccounts();

class LinesysWebPlatform final : public Platform {
 public:
  // `accounts`: user → password; `session_idle_ms`: how long an unused
  // session lives.
  LinesysWebPlatform(std::map<std::string, std::string> accounts, int64_t session_idle_ms,
                     int year = 2026)
      : accounts_(std::move(accounts)), session_idle_ms_(session_idle_ms), records_("WEB", year) {}

  std::string name() const override { return "linesys-web"; }
  std::string prefix() const override { return "/linesys/web"; }
  std::string displayName() const override { return "部门业务系统（网页）"; }
  bool signedRequests() const override { return false; }
  PlatformResponse handle(const PlatformRequest& request, PlatformStats& stats) override;
  PlatformResponse control(const PlatformRequest& request) override;

 private:
  struct Session {
    std::string user;
    std::string csrf;  // the forms' token while the session lives
    int64_t last_used_ms = 0;
  };

  PlatformResponse signIn(const PlatformRequest& request);
  PlatformResponse newCase(const PlatformRequest& request, const Session& session,
                           PlatformStats& stats);
  PlatformResponse search(const PlatformRequest& request);
  PlatformResponse casePage(const std::string& case_code);
  std::string loginForm(const std::string& error, int64_t now_ms);
  // The live session of the request's cookie (its use noted), or nullopt.
  std::optional<Session> sessionOf(const PlatformRequest& request);

  const std::map<std::string, std::string> accounts_;
  const int64_t session_idle_ms_;
  LineRecords records_;
  std::mutex mutex_;
  std::map<std::string, Session> sessions_;      // by cookie value
  std::map<std::string, int64_t> login_tokens_;  // CSRF of sign-in forms → issued at
};

}  // namespace hall::citysim
