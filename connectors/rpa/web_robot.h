// WebRobot: the RPA robot for a line system that has only web pages behind
// a sign-in. It runs the script's steps (rpa_script.h) over HTTP as a clerk
// would in a browser: signs in with the credentials it was given (from the
// environment or a file, never the script), keeps the session cookie for
// the next jobs, and when the app sends it back to the sign-in page (the
// session went stale) signs in again and runs the section once more from
// its first step — the push section begins with a look-up by case code, so
// running it again never registers a case twice.
//
// A step that cannot be done fails the job naming the step as written and
// where it is in the script: a page without the expected text (the form
// came back with its errors, which the message quotes), a missing form or
// field, a select without that option. No answer or a 5xx is Unavailable.
//
// Thread-safety: push() and fetch() may be called from many job workers;
// one mutex runs one script at a time (one session, like one clerk).
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "connectors/rpa/html_page.h"
#include "connectors/rpa/line_system.h"
#include "connectors/rpa/web_browser.h"

namespace connectors {

struct WebCredentials {
  std::string user;
  std::string password;
};

class WebRobot final : public LineSystem {
 public:
  // `base_url`: http://host:port of the app (the script's baseUrl or the
  // hall's --city address).
  WebRobot(RpaScript script, const std::string& base_url, WebCredentials credentials);

  wf::Result<wf::Value> push(const wf::Value& variables, const std::string& job_id) override;
  wf::Result<wf::Value> fetch(const wf::Value& variables, const std::string& job_id) override;

  // How many times it has signed in (1 while a session is reused).
  int signIns() const;

 private:
  struct Run;
  wf::Result<wf::Value> run(const std::string& section, const std::vector<RpaStep>& steps,
                            const wf::Value& variables);
  wf::Status steps(Run& run, const std::vector<RpaStep>& list);
  wf::Status step(Run& run, const RpaStep& s);
  wf::Status load(Run& run, const RpaStep& s, const WebReply& reply);

  const RpaScript script_;
  const WebCredentials credentials_;
  const std::string sign_in_target_;
  mutable std::mutex mutex_;
  WebBrowser browser_;
  bool signed_in_ = false;
  int sign_ins_ = 0;
};

}  // namespace connectors
