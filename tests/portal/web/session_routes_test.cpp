// People over real HTTP: signing in sets an HttpOnly, SameSite session
// cookie; a change needs the session's CSRF token; the role matrix refuses
// what a role may not do (403, nothing changes); lock-out; account changes
// end sessions; and every change asked for is in the audit trail.
#include "portal/web/session_routes.h"

#include <gtest/gtest.h>

#include <atomic>

#include "portal/domain/accounts.h"
#include "portal/store/scrypt_password_hasher.h"
#include "portal/store/soci_account_store.h"
#include "portal/store/soci_audit_trail.h"
#include "portal/web/account_routes.h"
#include "portal/web/api_client.h"
#include "portal/web/audit_hook.h"

namespace portal::web {
namespace {

using hall::domain::Role;

constexpr const char* kToken = "session-test-token-0123";
constexpr const char* kPassword = "Changning 2026";

std::string body(std::initializer_list<std::pair<const char*, wf::Value>> members) {
  wf::Object object;
  for (const auto& [name, value] : members) object.emplace(name, value);
  return wf::Value(std::move(object)).toJson();
}

class SessionRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string url = "sqlite:" + dir_.file("hall.db");
    auto store = hall::store::SociAccountStore::open(url);
    ASSERT_TRUE(store.ok());
    store_ = std::move(store).value();
    auto audit = hall::store::SociAuditTrail::open(url);
    ASSERT_TRUE(audit.ok());
    audit_ = std::move(audit).value();
    accounts_ = std::make_unique<hall::domain::Accounts>(
        *store_, hasher_, [this] { return now_.load(); }, hall::domain::LockoutPolicy{3, 60'000});
    sessions_ = std::make_unique<SessionBook>([this] { return now_.load(); });
    for (auto [login, roles, department] :
         {std::tuple{"admin", hall::domain::Roles(Role::Admin), ""},
          std::tuple{"clerk01", hall::domain::Roles(Role::Clerk), ""},
          std::tuple{"manager01", hall::domain::Roles(Role::Manager), ""}}) {
      ASSERT_TRUE(accounts_->create({login, login, roles, department, kPassword, ""}).ok());
    }
    Router router;
    session_routes_ = std::make_unique<SessionRoutes>(*accounts_, *sessions_, false);
    account_routes_ = std::make_unique<AccountRoutes>(*accounts_, *sessions_, *audit_);
    session_routes_->addTo(router);
    account_routes_->addTo(router);
    WebServerOptions options{.port = 0};
    options.sessions = [this](std::string_view id) { return sessions_->find(id); };
    options.audit = auditHook(*audit_, [this] { return now_.load(); });
    auto server = testing::startServer(std::move(router), kToken, dir_.path(), options);
    ASSERT_TRUE(server.ok()) << server.status().toString();
    server_ = std::move(server).value();
  }

  testing::ApiClient anonymous() const { return testing::ApiClient(server_->port()); }
  testing::ApiClient system() const { return testing::ApiClient(server_->port(), kToken); }
  testing::ApiClient as(const std::string& login) const {
    auto client = anonymous().signIn(login, kPassword);
    EXPECT_TRUE(client.ok()) << client.status().toString();
    return client.ok() ? *client : anonymous();
  }
  size_t auditCount() {
    auto entries = audit_->entries({std::nullopt, 0, 1000});
    return entries.ok() ? entries->size() : 0;
  }

  testing::TempDir dir_;
  std::atomic<int64_t> now_{1'790'812'800'000};
  hall::store::ScryptPasswordHasher hasher_{{1u << 10, 8, 1}};
  std::unique_ptr<hall::store::SociAccountStore> store_;
  std::unique_ptr<hall::store::SociAuditTrail> audit_;
  std::unique_ptr<hall::domain::Accounts> accounts_;
  std::unique_ptr<SessionBook> sessions_;
  std::unique_ptr<SessionRoutes> session_routes_;
  std::unique_ptr<AccountRoutes> account_routes_;
  std::unique_ptr<WebServer> server_;
};

TEST_F(SessionRoutesTest, SignInSetsAStrictHttpOnlyCookieAndTellsWhoIsSignedIn) {
  const testing::Reply reply =
      anonymous().post("/api/v1/session", body({{"login", "clerk01"}, {"password", kPassword}}));
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string cookie = reply.headers.at("Set-Cookie");
  EXPECT_EQ(cookie.rfind("hall_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(reply.json.find("roles")->asArray().front().asString(), "clerk");
  EXPECT_EQ(reply.json.find("csrfToken")->asString().size(), 32u);

  const testing::Reply me = as("clerk01").get("/api/v1/session");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json.find("login")->asString(), "clerk01");
}

TEST_F(SessionRoutesTest, BadSignInsAre401Or400NamingTheField) {
  EXPECT_EQ(anonymous()
                .post("/api/v1/session", body({{"login", "clerk01"}, {"password", "nope 1234567"}}))
                .status,
            401);
  const testing::Reply missing = anonymous().post("/api/v1/session", body({{"login", "clerk01"}}));
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.errorField(), "password");
  const testing::Reply wrong_type =
      anonymous().post("/api/v1/session", body({{"login", 7}, {"password", kPassword}}));
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(wrong_type.errorField(), "login");
  EXPECT_EQ(anonymous().post("/api/v1/session", "{not json").status, 400);
  EXPECT_EQ(anonymous().get("/api/v1/session").status, 401);
  EXPECT_EQ(anonymous().withSession("forged-session-id", "x").get("/api/v1/session").status, 401);
}

TEST_F(SessionRoutesTest, AChangeWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing) {
  const testing::ApiClient admin = as("admin");
  const std::string new_account = body({{"login", "clerk09"},
                                        {"displayName", "新同事"},
                                        {"roles", wf::Value(wf::Array{wf::Value("clerk")})},
                                        {"password", kPassword}});
  // The same cookie, without the header or with another session's token.
  const std::string others =
      as("manager01").get("/api/v1/session").json.find("csrfToken")->asString();
  const size_t entries_before = auditCount();
  for (const std::string& csrf : {std::string(""), others}) {
    const testing::Reply refused =
        anonymous().withSession(admin.session(), csrf).post("/api/v1/users", new_account);
    EXPECT_EQ(refused.status, 403) << csrf;
  }
  // Refused attempts are on record too.
  EXPECT_EQ(auditCount(), entries_before + 2);
  EXPECT_EQ(system().get("/api/v1/users/clerk09").status, 404);
  EXPECT_EQ(admin.post("/api/v1/users", new_account).status, 201);
  EXPECT_EQ(system().get("/api/v1/users/clerk09").status, 200);
}

TEST_F(SessionRoutesTest, ARoleTheMatrixDoesNotListIs403AndChangesNothing) {
  const testing::ApiClient clerk = as("clerk01");
  const testing::ApiClient manager = as("manager01");
  EXPECT_EQ(clerk.get("/api/v1/users").status, 403);
  EXPECT_EQ(manager.get("/api/v1/users").status, 200);
  const std::string promote = body({{"roles", wf::Value(wf::Array{wf::Value("admin")})}});
  EXPECT_EQ(clerk.put("/api/v1/users/clerk01", promote).status, 403);
  EXPECT_EQ(manager.put("/api/v1/users/clerk01", promote).status, 403);
  auto still = accounts_->find("clerk01");
  ASSERT_TRUE(still.ok());
  EXPECT_FALSE(still->roles.has(Role::Admin));
  EXPECT_EQ(clerk.get("/api/v1/audit").status, 403);
  EXPECT_EQ(manager.get("/api/v1/audit").status, 200);
}

TEST_F(SessionRoutesTest, SignOutAndAccountChangesEndTheSession) {
  const testing::ApiClient clerk = as("clerk01");
  EXPECT_EQ(clerk.send("DELETE", "/api/v1/session").status, 204);
  EXPECT_EQ(clerk.get("/api/v1/session").status, 401);

  const testing::ApiClient again = as("clerk01");
  const testing::ApiClient admin = as("admin");
  const testing::Reply changed =
      admin.put("/api/v1/users/clerk01",
                body({{"roles", wf::Value(wf::Array{wf::Value("clerk"), wf::Value("manager")})}}));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(again.get("/api/v1/session").status, 401);
  const testing::ApiClient promoted = as("clerk01");
  EXPECT_EQ(promoted.get("/api/v1/users").status, 200);

  ASSERT_EQ(admin.post("/api/v1/users/clerk01/retire", "").status, 200);
  EXPECT_EQ(promoted.get("/api/v1/session").status, 401);
  EXPECT_FALSE(anonymous().signIn("clerk01", kPassword).ok());
}

TEST_F(SessionRoutesTest, SessionsExpireWhenIdle) {
  const testing::ApiClient clerk = as("clerk01");
  now_ += 29 * 60 * 1000;
  EXPECT_EQ(clerk.get("/api/v1/session").status, 200);
  now_ += 29 * 60 * 1000;
  EXPECT_EQ(clerk.get("/api/v1/session").status, 200) << "use keeps it alive";
  now_ += 31 * 60 * 1000;
  EXPECT_EQ(clerk.get("/api/v1/session").status, 401);
}

TEST_F(SessionRoutesTest, LockOutOverHttpSaysLockedAndAnAdminUnlocks) {
  const std::string wrong = body({{"login", "clerk01"}, {"password", "wrong pass 123"}});
  for (int i = 0; i < 3; ++i) EXPECT_EQ(anonymous().post("/api/v1/session", wrong).status, 401);
  const testing::Reply locked =
      anonymous().post("/api/v1/session", body({{"login", "clerk01"}, {"password", kPassword}}));
  EXPECT_EQ(locked.status, 401);
  ASSERT_NE(locked.errorDetail("locked"), nullptr) << locked.body;
  EXPECT_EQ(as("admin").get("/api/v1/users/clerk01").json.find("locked")->asBool(), true);
  EXPECT_EQ(as("admin").post("/api/v1/users/clerk01/unlock", "").status, 200);
  EXPECT_TRUE(anonymous().signIn("clerk01", kPassword).ok());
}

TEST_F(SessionRoutesTest, AccountsNeverShowPasswordHashesAndBadInputNamesTheField) {
  const testing::ApiClient admin = as("admin");
  const testing::Reply list = admin.get("/api/v1/users");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("scrypt"), std::string::npos);
  const testing::Reply bad_roles =
      admin.post("/api/v1/users", body({{"login", "x01"},
                                        {"displayName", "某"},
                                        {"roles", wf::Value(wf::Array{wf::Value("superuser")})},
                                        {"password", kPassword}}));
  EXPECT_EQ(bad_roles.status, 400);
  EXPECT_EQ(bad_roles.errorField(), "roles");
  const testing::Reply weak =
      admin.post("/api/v1/users/clerk01/password", body({{"password", "123"}}));
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(weak.errorField(), "password");
  EXPECT_EQ(admin.get("/api/v1/users/nobody").status, 404);
  EXPECT_EQ(admin.get("/api/v1/audit?limit=0").errorField(), "limit");
}

TEST_F(SessionRoutesTest, TheAuditTrailSaysWhoDidWhatFromWhereAndHowItEnded) {
  const testing::ApiClient admin = as("admin");
  const testing::ApiClient clerk = as("clerk01");
  ASSERT_EQ(admin.post("/api/v1/users/manager01/unlock", "").status, 200);
  ASSERT_EQ(clerk.post("/api/v1/users/manager01/retire", "").status, 403);
  const testing::Reply trail = admin.get("/api/v1/audit?limit=10");
  ASSERT_EQ(trail.status, 200);
  const wf::Array& entries = trail.json.asArray();
  ASSERT_GE(entries.size(), 2u);
  const wf::Value& refused = entries[0];
  EXPECT_EQ(refused.find("actor")->asString(), "clerk01");
  EXPECT_EQ(refused.find("roles")->asString(), "clerk");
  EXPECT_EQ(refused.find("action")->asString(), "POST /api/v1/users/{login}/retire");
  EXPECT_EQ(refused.find("target")->asString(), "/api/v1/users/manager01/retire");
  EXPECT_EQ(refused.find("outcome")->asNumber(), 403);
  EXPECT_EQ(refused.find("remote")->asString().rfind("127.0.0.1:", 0), 0u);
  const wf::Value& done = entries[1];
  EXPECT_EQ(done.find("actor")->asString(), "admin");
  EXPECT_EQ(done.find("outcome")->asNumber(), 200);
  // Reads are not changes: the GET above left no entry.
  const testing::Reply again = admin.get("/api/v1/audit?limit=10");
  EXPECT_EQ(again.json.asArray().front().find("id")->asNumber(), refused.find("id")->asNumber());
}

}  // namespace
}  // namespace portal::web
