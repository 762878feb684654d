// HTTP keep-alive (WebServerOptions::keep_alive): a client's requests share
// one connection while the pool has threads to spare; when it has not, the
// answer closes the connection, so idle connections cannot take every
// thread; with keep_alive 0 every answer closes its connection.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "portal/web/api_client.h"
#include "portal/web/web_server.h"

namespace portal::web {
namespace {

constexpr EndpointRule kPolicy[] = {
    {"GET", "/health", {}, true},
    {"GET", "/api/v1/hold", {}, true},
};

// Requests to /api/v1/hold wait in their handler until released.
class Gate {
 public:
  void enterAndWait() {
    std::unique_lock lock(mu_);
    ++inside_;
    cv_.notify_all();
    cv_.wait(lock, [&] { return open_; });
  }
  void awaitInside(int n) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return inside_ >= n; });
  }
  void open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int inside_ = 0;
  bool open_ = false;
};

class WebServerKeepAliveTest : public ::testing::Test {
 protected:
  void start(WebServerOptions options) {
    Router router(kPolicy);
    router.add("GET", "/api/v1/hold", [this](const ApiRequest&) {
      gate_.enterAndWait();
      return ApiResponse::noContent();
    });
    options.port = 0;
    auto server =
        testing::startServer(std::move(router), "keep-alive-token-0123", dir_.path(), options);
    ASSERT_TRUE(server.ok()) << server.status().toString();
    server_ = std::move(server).value();
  }

  struct Answer {
    int status = 0;
    bool keep_alive = false;
    uint16_t local_port = 0;  // names the connection it came over
  };

  static Answer get(Poco::Net::HTTPClientSession& session, const std::string& path) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    session.sendRequest(request);
    const uint16_t local_port = session.socket().address().port();
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    return {response.getStatus(), response.getKeepAlive(), local_port};
  }

  testing::TempDir dir_;
  Gate gate_;
  std::unique_ptr<WebServer> server_;
};

TEST_F(WebServerKeepAliveTest, RequestsShareOneConnectionWhileThreadsAreFree) {
  start(WebServerOptions{});
  Poco::Net::HTTPClientSession s("127.0.0.1", server_->port());
  s.setKeepAlive(true);
  const Answer first = get(s, "/health");
  const Answer second = get(s, "/health");
  const Answer third = get(s, "/health");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(third.status, 200);
  EXPECT_TRUE(first.keep_alive);
  EXPECT_TRUE(third.keep_alive);
  EXPECT_EQ(second.local_port, first.local_port);
  EXPECT_EQ(third.local_port, first.local_port);
}

TEST_F(WebServerKeepAliveTest, WithNoThreadToSpareTheAnswerClosesTheConnection) {
  WebServerOptions options;
  options.max_threads = 4;  // a quarter: one thread must stay free
  start(options);
  std::vector<std::thread> holders;
  for (int i = 0; i < 3; ++i) {
    holders.emplace_back([this] {
      testing::ApiClient client(server_->port());
      EXPECT_EQ(client.get("/api/v1/hold").status, 204);
    });
  }
  gate_.awaitInside(3);
  // The last thread serves this one; none would be left for a new client.
  Poco::Net::HTTPClientSession s("127.0.0.1", server_->port());
  s.setKeepAlive(true);
  const Answer crowded = get(s, "/health");
  gate_.open();
  for (std::thread& t : holders) t.join();
  EXPECT_EQ(crowded.status, 200);
  EXPECT_FALSE(crowded.keep_alive);
  // Threads free again: the next connection is kept.
  Poco::Net::HTTPClientSession again("127.0.0.1", server_->port());
  again.setKeepAlive(true);
  EXPECT_TRUE(get(again, "/health").keep_alive);
}

TEST_F(WebServerKeepAliveTest, OffClosesEveryConnection) {
  WebServerOptions options;
  options.keep_alive = std::chrono::milliseconds(0);
  start(options);
  Poco::Net::HTTPClientSession s("127.0.0.1", server_->port());
  s.setKeepAlive(true);
  const Answer first = get(s, "/health");
  const Answer second = get(s, "/health");
  EXPECT_EQ(first.status, 200);
  EXPECT_FALSE(first.keep_alive);
  EXPECT_FALSE(second.keep_alive);
  EXPECT_NE(second.local_port, first.local_port);
}

}  // namespace
}  // namespace portal::web
