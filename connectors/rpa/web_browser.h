// WebBrowser: what the robot uses to talk to an old web app over HTTP — GET
// a page, POST a form (application/x-www-form-urlencoded), follow redirects
// (302/303 become a GET, at most 5), and keep the app's cookies (the session
// cookie after sign-in) across requests until forget(). Answers are bounded
// (4 MiB). One connection per request.
//
// Thread-safety: none; the robot that owns it runs one script at a time.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace connectors {

struct WebReply {
  int status = 0;  // of the last answer; 0: no answer
  std::string body;
  std::string target;                   // path?query of the last request (after redirects)
  std::vector<std::string> redirected;  // every Location followed, in order
  std::string error;                    // why there was no answer
};

class WebBrowser {
 public:
  WebBrowser(std::string base_url, std::chrono::milliseconds timeout)
      : base_url_(std::move(base_url)), timeout_(timeout) {}

  // `target`: an absolute path with its query ("/linesys/web/cases?caseCode=…").
  WebReply get(const std::string& target);
  WebReply post(const std::string& target,
                const std::vector<std::pair<std::string, std::string>>& form);
  void forget() { cookies_.clear(); }
  bool hasCookies() const { return !cookies_.empty(); }

 private:
  WebReply send(const std::string& method, const std::string& target, const std::string& body);

  const std::string base_url_;
  const std::chrono::milliseconds timeout_;
  std::map<std::string, std::string> cookies_;
};

// "a=1&b=%E4%B8%AD": the form as a browser encodes it.
std::string encodeForm(const std::vector<std::pair<std::string, std::string>>& form);

}  // namespace connectors
