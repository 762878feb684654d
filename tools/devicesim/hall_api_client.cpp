#include "tools/devicesim/hall_api_client.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <chrono>

namespace hall::devicesim {

namespace {

constexpr long kTimeoutSeconds = 30;

}  // namespace

wf::Result<ServerAddress> parseServerUrl(const std::string& url) {
  try {
    const Poco::URI uri(url);
    if (uri.getScheme() != "http" || uri.getHost().empty()) {
      return wf::Status::invalid("--url: expected http://HOST:PORT, got \"" + url + "\"");
    }
    return ServerAddress{uri.getHost(), uri.getPort()};
  } catch (const Poco::Exception& e) {
    return wf::Status::invalid("--url: " + e.displayText());
  }
}

std::optional<std::string> ApiReply::stringMember(const std::string& name) const {
  try {
    Poco::JSON::Parser parser;
    const Poco::Dynamic::Var parsed = parser.parse(body);
    const auto object = parsed.extract<Poco::JSON::Object::Ptr>();
    if (!object || !object->has(name) || !object->get(name).isString()) return std::nullopt;
    return object->getValue<std::string>(name);
  } catch (const std::exception&) {  // Poco's exceptions, a bad cast of the parsed value
    return std::nullopt;
  }
}

ApiReply HallApiClient::get(const std::string& path) const { return send("GET", path, ""); }

ApiReply HallApiClient::post(const std::string& path, const std::string& body) const {
  return send("POST", path, body);
}

ApiReply HallApiClient::send(const std::string& method, const std::string& path,
                             const std::string& body) const {
  ApiReply reply;
  const auto started = std::chrono::steady_clock::now();
  try {
    Poco::Net::HTTPClientSession session(server_.host, server_.port);
    session.setTimeout(Poco::Timespan(kTimeoutSeconds, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", authorization_);
    if (method == "POST") {
      request.setContentType("application/json");
      request.setContentLength(static_cast<std::streamsize>(body.size()));
      session.sendRequest(request) << body;
    } else {
      session.sendRequest(request);
    }
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Poco::StreamCopier::copyToString(in, reply.body);
    reply.status = static_cast<int>(response.getStatus());
  } catch (const Poco::Exception& e) {
    reply.status = 0;
    reply.error = method + " " + path + ": " + e.displayText();
  }
  reply.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return reply;
}

}  // namespace hall::devicesim
