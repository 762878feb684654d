#include "callback_receiver.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>

#include <sstream>

namespace hall::citysim::test {

namespace {

class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(std::shared_ptr<CallbackReceiver::Shared> shared) : shared_(std::move(shared)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    ReceivedCallback got;
    got.target = request.getURI();
    for (const char* name : {"X-Ca-Key", "X-Ca-Timestamp", "X-Ca-Nonce", "X-Ca-Signature"}) {
      if (request.has(name)) got.headers.emplace(name, request.get(name));
    }
    std::ostringstream body;
    body << request.stream().rdbuf();
    got.body = body.str();
    {
      std::lock_guard<std::mutex> lock(shared_->mutex);
      got.answered = 200;
      if (!shared_->script.empty()) {
        got.answered = shared_->script.front();
        shared_->script.pop_front();
      }
      shared_->received.push_back(got);
    }
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(got.answered));
    response.setContentType("application/json");
    response.send() << "{}";
  }

 private:
  std::shared_ptr<CallbackReceiver::Shared> shared_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(std::shared_ptr<CallbackReceiver::Shared> shared) : shared_(std::move(shared)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(shared_);
  }

 private:
  std::shared_ptr<CallbackReceiver::Shared> shared_;
};

}  // namespace

CallbackReceiver::CallbackReceiver() : shared_(std::make_shared<Shared>()) {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  port_ = socket.address().port();
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(shared_), socket,
                                                    new Poco::Net::HTTPServerParams);
  server_->start();
}

CallbackReceiver::~CallbackReceiver() { server_->stopAll(true); }

std::string CallbackReceiver::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void CallbackReceiver::script(std::deque<int> statuses) {
  std::lock_guard<std::mutex> lock(shared_->mutex);
  shared_->script = std::move(statuses);
}

std::vector<ReceivedCallback> CallbackReceiver::received() const {
  std::lock_guard<std::mutex> lock(shared_->mutex);
  return shared_->received;
}

}  // namespace hall::citysim::test
