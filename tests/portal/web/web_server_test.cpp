#include "portal/web/web_server.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <gtest/gtest.h>

#include <mutex>
#include <stdexcept>
#include <vector>

#include "portal/web/api_client.h"
#include "portal/web/request_guard.h"

namespace portal::web {
namespace {

constexpr const char* kToken = "test-token-0123456789";

// Keeps what the web logger writes, to check what support would find.
class CapturingChannel final : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    texts_.push_back(message.getText());
  }
  std::vector<std::string> texts() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return texts_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> texts_;
};

using hall::domain::Role;

constexpr EndpointRule kPolicy[] = {
    {"GET", "/health", {}, true},
    {"GET", "/api/v1/echo/{id}", Role::Clerk},
    {"POST", "/api/v1/echo/{id}", Role::Clerk},
    {"GET", "/api/v1/boom", Role::Clerk},
    {"GET", "/api/v1/poco-boom", Role::Clerk},
};

// A server with a few routes of its own, no engine: what every request goes
// through before a handler runs.
class WebServerTest : public ::testing::Test {
 protected:
  void SetUp() override { start(WebServerOptions{}); }

  void start(WebServerOptions options) {
    server_.reset();
    Router router(kPolicy);
    router.add("GET", "/api/v1/echo/{id}", [](const ApiRequest& r) {
      return ApiResponse::ok(
          wf::Value(wf::Object{{"id", wf::Value(r.params.at("id"))},
                               {"bytes", wf::Value(static_cast<int64_t>(r.body.size()))}}));
    });
    router.add("POST", "/api/v1/echo/{id}", [](const ApiRequest& r) {
      return ApiResponse::ok(wf::Value(static_cast<int64_t>(r.body.size())));
    });
    router.add("GET", "/api/v1/boom", [](const ApiRequest&) -> ApiResponse {
      throw std::runtime_error("secret internal detail");
    });
    router.add("GET", "/api/v1/poco-boom",
               [](const ApiRequest&) -> ApiResponse { throw Poco::IOException("disk on fire"); });
    options.host = "127.0.0.1";
    options.port = 0;
    wf::Result<AdminToken> token = AdminToken::load(std::string(kToken), dir_.path());
    ASSERT_TRUE(token.ok());
    wf::Result<std::unique_ptr<WebServer>> server =
        WebServer::start(std::move(router), std::move(token).value(), options);
    ASSERT_TRUE(server.ok()) << server.status().toString();
    server_ = std::move(server).value();
  }

  testing::ApiClient client() const { return testing::ApiClient(server_->port(), kToken); }

  testing::TempDir dir_;
  std::unique_ptr<WebServer> server_;
};

TEST_F(WebServerTest, HealthNeedsNoToken) {
  const testing::Reply reply = client().withToken(std::nullopt).get("/health");
  EXPECT_EQ(reply.status, 200);
  ASSERT_TRUE(reply.json.isObject()) << reply.body;
  EXPECT_EQ(reply.json.find("status")->asString(), "ok");
  EXPECT_EQ(reply.headers.at("Content-Type"), "application/json; charset=utf-8");
}

TEST_F(WebServerTest, BindsAnEphemeralPortOnLoopback) {
  EXPECT_NE(server_->port(), 0);
  EXPECT_EQ(server_->url(), "http://127.0.0.1:" + std::to_string(server_->port()));
}

TEST_F(WebServerTest, ApiWithoutTokenIs401) {
  const testing::Reply reply = client().withToken(std::nullopt).get("/api/v1/echo/1");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.errorCode(), "UNAUTHENTICATED");
}

TEST_F(WebServerTest, ApiWithWrongTokenIs401) {
  EXPECT_EQ(client().withToken("test-token-012345678").get("/api/v1/echo/1").status, 401);
  EXPECT_EQ(client().withToken("test-token-0123456789x").get("/api/v1/echo/1").status, 401);
  EXPECT_EQ(client().send("GET", "/api/v1/echo/1", "", "", std::string("Basic ") + kToken).status,
            401);
  EXPECT_EQ(client().send("GET", "/api/v1/echo/1", "", "", std::string("Bearer")).status, 401);
}

TEST_F(WebServerTest, ApiWithRightTokenPasses) {
  const testing::Reply reply = client().get("/api/v1/echo/abc");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json.find("id")->asString(), "abc");
  // The scheme is case-insensitive (RFC 7235).
  EXPECT_EQ(client().send("GET", "/api/v1/echo/1", "", "", std::string("bearer ") + kToken).status,
            200);
}

TEST_F(WebServerTest, UnknownApiPathNeedsTheTokenBeforeSaying404) {
  EXPECT_EQ(client().withToken(std::nullopt).get("/api/v1/nothing").status, 401);
  const testing::Reply reply = client().get("/api/v1/nothing");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.reason, "Not Found");
  EXPECT_EQ(reply.errorCode(), "NOT_FOUND");
}

TEST_F(WebServerTest, WrongMethodIs405ListingAllowedOnes) {
  const testing::Reply reply = client().send("DELETE", "/api/v1/echo/1");
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(reply.errorCode(), "METHOD_NOT_ALLOWED");
  const wf::Value* allowed = reply.errorDetail("allowed");
  ASSERT_NE(allowed, nullptr);
  EXPECT_EQ(*allowed, wf::Value(wf::Array{wf::Value("GET"), wf::Value("POST")}));
}

TEST_F(WebServerTest, BodyOverTheLimitIs413WithoutReadingIt) {
  // Only the headers are sent: the server must refuse on the declared length.
  const testing::Reply reply = client().send("POST", "/api/v1/echo/1", "", "application/json",
                                             std::nullopt, int64_t{5} << 20);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.errorCode(), "PAYLOAD_TOO_LARGE");
  EXPECT_EQ(reply.errorDetail("limit")->asNumber(), 4 * 1024 * 1024);
}

TEST_F(WebServerTest, BodyAtTheLimitIsAccepted) {
  start(WebServerOptions{.max_body_bytes = 1024});
  const testing::Reply at_limit = client().post("/api/v1/echo/1", std::string(1024, 'x'));
  EXPECT_EQ(at_limit.status, 200);
  EXPECT_EQ(at_limit.json, wf::Value(1024));
  EXPECT_EQ(
      client().send("POST", "/api/v1/echo/1", "", "application/json", std::nullopt, 1025).status,
      413);
}

TEST_F(WebServerTest, ChunkedBodiesAreReadAndBounded) {
  start(WebServerOptions{.max_body_bytes = 1024});
  const testing::Reply reply = client().postChunked("/api/v1/echo/1", std::string(1000, 'y'));
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json, wf::Value(1000));
}

TEST_F(WebServerTest, PostWithoutLengthOrChunksHasAnEmptyBody) {
  // What `curl -X POST` sends: no Content-Length, no Transfer-Encoding.
  const testing::Reply reply = client().send("POST", "/api/v1/echo/1");
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json, wf::Value(0));
}

TEST_F(WebServerTest, ExceptionBecomes500WithALoggedCorrelationId) {
  Poco::Logger& logger = Poco::Logger::get(kWebLoggerName);
  const Poco::Channel::Ptr previous = logger.getChannel();
  Poco::AutoPtr<CapturingChannel> capture(new CapturingChannel);
  logger.setChannel(capture);
  const testing::Reply reply = client().get("/api/v1/boom");
  logger.setChannel(previous);

  EXPECT_EQ(reply.status, 500);
  EXPECT_EQ(reply.errorCode(), "INTERNAL");
  EXPECT_EQ(reply.body.find("secret internal detail"), std::string::npos) << reply.body;
  const wf::Value* id = reply.errorDetail("correlationId");
  ASSERT_NE(id, nullptr);
  ASSERT_TRUE(id->isString());
  EXPECT_EQ(id->asString().size(), 16u);
  EXPECT_EQ(reply.headers.at("X-Correlation-Id"), id->asString());
  // The log keeps what the client was not told, under the same id.
  const std::vector<std::string> logged = capture->texts();
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_NE(logged[0].find(id->asString()), std::string::npos) << logged[0];
  EXPECT_NE(logged[0].find("secret internal detail"), std::string::npos) << logged[0];
  EXPECT_NE(logged[0].find("GET /api/v1/boom"), std::string::npos) << logged[0];

  const testing::Reply again = client().get("/api/v1/poco-boom");
  EXPECT_EQ(again.status, 500);
  EXPECT_NE(again.errorDetail("correlationId")->asString(), id->asString());
  // The server keeps serving.
  EXPECT_EQ(client().get("/health").status, 200);
}

TEST_F(WebServerTest, StopIsIdempotent) {
  server_->stop();
  server_->stop();
  SUCCEED();
}

TEST(WebServer, BusyPortIsUnavailable) {
  testing::TempDir dir;
  auto first = WebServer::start(Router(), *AdminToken::load(std::string("t"), dir.path()),
                                WebServerOptions{.port = 0});
  ASSERT_TRUE(first.ok());
  auto second = WebServer::start(Router(), *AdminToken::load(std::string("t"), dir.path()),
                                 WebServerOptions{.port = (*first)->port()});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), wf::StatusCode::Unavailable);
}

}  // namespace
}  // namespace portal::web
