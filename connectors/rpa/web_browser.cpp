#include "connectors/rpa/web_browser.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include "connectors/common/city_client.h"

namespace connectors {

namespace {

constexpr size_t kMaxAnswer = 4 * 1024 * 1024;
constexpr int kMaxRedirects = 5;

std::string encode(const std::string& text) {
  std::string out;
  Poco::URI::encode(text, "!#$&'()*+,/:;=?@[]%\"<>\\^`{|}", out);
  return out;
}

}  // namespace

std::string encodeForm(const std::vector<std::pair<std::string, std::string>>& form) {
  std::string out;
  for (const auto& [name, value] : form) {
    if (!out.empty()) out += '&';
    out += encode(name) + "=" + encode(value);
  }
  return out;
}

WebReply WebBrowser::get(const std::string& target) { return send("GET", target, {}); }

WebReply WebBrowser::post(const std::string& target,
                          const std::vector<std::pair<std::string, std::string>>& form) {
  return send("POST", target, encodeForm(form));
}

WebReply WebBrowser::send(const std::string& first_method, const std::string& first_target,
                          const std::string& first_body) {
  WebReply reply;
  std::string method = first_method;
  std::string target = first_target;
  std::string body = first_body;
  const Poco::Timespan timeout(static_cast<Poco::Timespan::TimeDiff>(timeout_.count()) * 1000);
  for (int hop = 0; hop <= kMaxRedirects; ++hop) {
    reply.target = target;
    try {
      const Poco::URI base(base_url_);
      Poco::Net::HTTPClientSession session(base.getHost(), base.getPort());
      session.setTimeout(timeout, timeout, timeout);
      Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
      if (!cookies_.empty()) {
        Poco::Net::NameValueCollection cookies;
        for (const auto& [name, value] : cookies_) cookies.add(name, value);
        request.setCookies(cookies);
      }
      if (method == "POST") {
        request.setContentType("application/x-www-form-urlencoded");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
      }
      session.sendRequest(request) << body;
      Poco::Net::HTTPResponse response;
      std::istream& in = session.receiveResponse(response);
      std::string answer;
      if (!readBoundedAnswer(in, kMaxAnswer, &answer)) {
        reply.status = 0;
        reply.error = "answer over " + std::to_string(kMaxAnswer) + " bytes refused";
        return reply;
      }
      std::vector<Poco::Net::HTTPCookie> set;
      response.getCookies(set);
      for (const Poco::Net::HTTPCookie& c : set) {
        if (c.getMaxAge() == 0) {
          cookies_.erase(c.getName());
        } else {
          cookies_[c.getName()] = c.getValue();
        }
      }
      reply.status = static_cast<int>(response.getStatus());
      reply.body = std::move(answer);
      const int s = reply.status;
      if ((s == 301 || s == 302 || s == 303 || s == 307 || s == 308) && response.has("Location")) {
        const Poco::URI next(Poco::URI(base_url_ + target), response.get("Location"));
        target = next.getPathAndQuery();
        reply.redirected.push_back(target);
        if (s != 307 && s != 308) {
          method = "GET";
          body.clear();
        }
        continue;
      }
      return reply;
    } catch (const Poco::Exception& e) {
      reply.status = 0;
      reply.error = e.displayText();
      return reply;
    }
  }
  reply.status = 0;
  reply.error = "more than " + std::to_string(kMaxRedirects) + " redirects from " + first_target;
  return reply;
}

}  // namespace connectors
