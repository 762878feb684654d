// Static files through a real WebServer on port 0: what a browser gets for
// the hall's pages, and what an attacker gets for a path that tries to leave
// the assets folder.
#include "portal/web/static_files.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "portal/web/api_client.h"
#include "portal/web/web_server.h"

namespace portal::web {
namespace {

namespace fs = std::filesystem;

constexpr const char* kToken = "test-token-0123456789";

void write(const fs::path& file, const std::string& content) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << content;
}

// A raw request, so that the path goes out exactly as written (no client
// normalises it first).
testing::Reply raw(uint16_t port, const std::string& method, const std::string& target) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  testing::Reply reply;
  reply.status = static_cast<int>(response.getStatus());
  Poco::StreamCopier::copyToString(in, reply.body);
  for (const auto& [name, value] : response) reply.headers[name] = value;
  return reply;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets_ = dir_.path() / "assets";
    write(assets_ / "index.html", "<!doctype html><title>长宁</title>");
    write(assets_ / "app.js", "console.log(1)");
    write(assets_ / "app.css", "body{}");
    write(assets_ / "data.json", "{}");
    write(assets_ / "logo.svg", "<svg/>");
    write(assets_ / "logo.png", std::string("\x89PNG\r\n", 6));
    write(assets_ / "font.woff2", "wOF2");
    write(assets_ / "engine.wasm", std::string("\0asm", 4));
    write(assets_ / "notes.bin", "?");
    write(assets_ / "screens" / "index.html", "<p>screens</p>");
    write(assets_ / ".env", "SECRET=1");
    fs::create_directories(assets_ / "empty");
    write(dir_.path() / "secret.txt", "outside the assets");
    fs::create_symlink(dir_.path() / "secret.txt", assets_ / "link.txt");

    WebServerOptions options;
    options.port = 0;
    options.assets_dir = assets_;
    server_ = startServer(options);
  }

  std::unique_ptr<WebServer> startServer(WebServerOptions options, UpgradeRoutes upgrades = {}) {
    wf::Result<AdminToken> token = AdminToken::load(std::string(kToken), dir_.path());
    EXPECT_TRUE(token.ok());
    wf::Result<std::unique_ptr<WebServer>> server =
        WebServer::start(Router(), std::move(token).value(), options, std::move(upgrades));
    if (!server.ok()) {
      ADD_FAILURE() << server.status().toString();
      return nullptr;
    }
    return std::move(server).value();
  }

  testing::Reply get(const std::string& target) { return raw(server_->port(), "GET", target); }

  testing::TempDir dir_;
  fs::path assets_;
  std::unique_ptr<WebServer> server_;
};

TEST_F(StaticFilesTest, ServesTheIndexOfTheRootAndOfAFolder) {
  testing::Reply reply = get("/");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "<!doctype html><title>长宁</title>");
  EXPECT_EQ(reply.headers["Content-Type"], "text/html; charset=utf-8");
  EXPECT_EQ(reply.headers["X-Content-Type-Options"], "nosniff");

  reply = get("/screens/");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "<p>screens</p>");
}

TEST_F(StaticFilesTest, RedirectsAFolderNamedWithoutItsSlash) {
  testing::Reply reply = get("/screens?wall=1");
  EXPECT_EQ(reply.status, 301);
  EXPECT_EQ(reply.headers["Location"], "/screens/?wall=1");
}

TEST_F(StaticFilesTest, TypesFilesByTheirExtension) {
  const std::vector<std::pair<std::string, std::string>> table = {
      {"/index.html", "text/html; charset=utf-8"},
      {"/app.js", "text/javascript; charset=utf-8"},
      {"/app.css", "text/css; charset=utf-8"},
      {"/data.json", "application/json; charset=utf-8"},
      {"/logo.svg", "image/svg+xml"},
      {"/logo.png", "image/png"},
      {"/font.woff2", "font/woff2"},
      {"/engine.wasm", "application/wasm"},
      {"/notes.bin", "application/octet-stream"},
  };
  for (const auto& [path, type] : table) {
    testing::Reply reply = get(path);
    EXPECT_EQ(reply.status, 200) << path;
    EXPECT_EQ(reply.headers["Content-Type"], type) << path;
  }
  EXPECT_EQ(get("/engine.wasm").body, std::string("\0asm", 4));
}

TEST_F(StaticFilesTest, HeadSendsTheHeadersWithoutTheBody) {
  testing::Reply reply = raw(server_->port(), "HEAD", "/app.js");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers["Content-Length"], "14");
  EXPECT_EQ(reply.headers["Content-Type"], "text/javascript; charset=utf-8");
  EXPECT_TRUE(reply.body.empty());
}

TEST_F(StaticFilesTest, MissingFilesAndFoldersWithoutAnIndexAre404) {
  EXPECT_EQ(get("/nope.js").status, 404);
  EXPECT_EQ(get("/empty/").status, 404);  // no listing
  EXPECT_EQ(get("/screens/nope/").status, 404);
  EXPECT_EQ(get("/.env").status, 404);      // hidden
  EXPECT_EQ(get("/link.txt").status, 404);  // a link out of the folder
  EXPECT_EQ(get("//etc/passwd").status, 404);
}

TEST_F(StaticFilesTest, RefusesPathsThatTryToLeaveTheFolder) {
  for (const std::string target :
       {"/../secret.txt", "/screens/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
        "/.%2e/secret.txt", "/screens/%2e%2e%2f%2e%2e%2fsecret.txt", "/..%2fsecret.txt",
        "/..%5csecret.txt", "/app.js%00.png", "/%zz", "/./index.html"}) {
    const testing::Reply reply = get(target);
    EXPECT_EQ(reply.status, 400) << target;
    EXPECT_EQ(reply.body.find("outside the assets"), std::string::npos) << target;
  }
}

TEST_F(StaticFilesTest, LeavesHealthApiAndWebSocketPathsAlone) {
  const testing::ApiClient api(server_->port(), kToken);
  EXPECT_EQ(api.get("/health").status, 200);
  EXPECT_EQ(api.withToken(std::nullopt).get("/api/v1/index.html").status, 401);
  EXPECT_EQ(api.get("/api/v1/index.html").status, 404);
  EXPECT_EQ(api.get("/ws/index.html").status, 404);
  EXPECT_EQ(api.post("/index.html", "{}").status, 404);  // files are for GET and HEAD
}

TEST_F(StaticFilesTest, WithoutAnAssetsFolderThereAreNoFiles) {
  server_.reset();
  WebServerOptions options;
  options.port = 0;
  server_ = startServer(options);
  ASSERT_NE(server_, nullptr);
  EXPECT_EQ(get("/index.html").status, 404);
  EXPECT_EQ(get("/").status, 404);
}

TEST_F(StaticFilesTest, StartRefusesAMissingFolderAndUpgradesOutsideWs) {
  server_.reset();
  wf::Result<AdminToken> token = AdminToken::load(std::string(kToken), dir_.path());
  ASSERT_TRUE(token.ok());
  WebServerOptions options;
  options.port = 0;
  options.assets_dir = dir_.path() / "no-such-folder";
  EXPECT_EQ(WebServer::start(Router(), *token, options).status().code(),
            wf::StatusCode::InvalidArgument);

  options.assets_dir.clear();
  UpgradeRoutes outside{
      {"/api/v1/socket", [](Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&) {}}};
  EXPECT_EQ(WebServer::start(Router(), *token, options, outside).status().code(),
            wf::StatusCode::InvalidArgument);
}

TEST(StaticFilesResolve, NamesTheFileBelowTheRoot) {
  testing::TempDir dir;
  write(dir.path() / "a" / "b.js", "x");
  const StaticFiles files(dir.path());
  const StaticFiles::Resolved found = files.resolve("/a/b.js");
  ASSERT_EQ(found.kind, StaticFiles::Resolved::Kind::File);
  EXPECT_EQ(found.file, fs::canonical(dir.path() / "a" / "b.js"));
  EXPECT_EQ(files.resolve("/a").kind, StaticFiles::Resolved::Kind::Redirect);
  EXPECT_EQ(files.resolve("/a/%62.js").kind, StaticFiles::Resolved::Kind::File);  // %62 is b
  EXPECT_EQ(files.resolve("a/b.js").kind, StaticFiles::Resolved::Kind::BadPath);
}

}  // namespace
}  // namespace portal::web
