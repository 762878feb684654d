// The role matrix, walked whole against the real `hall serve`: every
// endpoint the access policy lists, called by every kind of caller — nobody,
// a device, and a person of each role. A caller the matrix does not list is
// refused (401 without credentials, 403 with) and nothing changes: the
// hall's state read back afterwards is the same, and the audit trail holds
// exactly one entry per refused change. A caller the matrix lists is never
// refused by it (a sign-in endpoint may still refuse bad credentials), and no line of the matrix
// names an endpoint that the server lacks.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "devices/protocol/device_key.h"
#include "portal/web/access_policy.h"
#include "portal/web/api_client.h"
#include "support/hall_process.h"

namespace portal::web {
namespace {

using hall::domain::Role;
using hall::domain::Roles;

constexpr const char* kToken = "role-matrix-token-0123456789";
constexpr const char* kSecret = "role-matrix-device-secret";
constexpr const char* kPassword = "Matrix walk 2026";
constexpr const char* kDevice = "kiosk-1f-a";

struct Caller {
  std::string name;
  Roles roles;
  testing::ApiClient client;
};

// "/api/v1/users/{login}/retire" → "/api/v1/users/zz-none/retire": ids that
// name nothing, so an allowed call finds nothing to change.
std::string concrete(std::string_view pattern) {
  return std::regex_replace(std::string(pattern), std::regex(R"(\{[a-z]+\})"), "zz-none");
}

bool isChange(std::string_view method) { return method != "GET" && method != "HEAD"; }

class RoleMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    hall_ = std::make_unique<hall::test::HallProcess>(
        HALL_BINARY, dir_.path(), std::vector<std::string>{},
        Poco::Process::Env{{"HALL_ADMIN_TOKEN", kToken},
                           {"HALL_DEVICE_SECRET", kSecret},
                           {"HALL_ADMIN_PASSWORD", kPassword}});
    ASSERT_NE(hall_->port(), 0) << hall_->output();
    const testing::ApiClient system(hall_->port(), kToken);
    struct Person {
      const char* login;
      Roles roles;
      const char* department;
    };
    for (const Person& p :
         {Person{"m-clerk", Role::Clerk, ""}, Person{"m-approver", Role::Approver, "scjg"},
          Person{"m-manager", Role::Manager, ""}, Person{"m-analyst", Role::Analyst, ""}}) {
      wf::Array roles;
      for (const std::string& name : p.roles.names()) roles.emplace_back(name);
      const testing::Reply made =
          system.post("/api/v1/users", wf::Value(wf::Object{{"login", wf::Value(p.login)},
                                                            {"displayName", wf::Value(p.login)},
                                                            {"roles", wf::Value(roles)},
                                                            {"department", wf::Value(p.department)},
                                                            {"password", wf::Value(kPassword)}})
                                           .toJson());
      ASSERT_EQ(made.status, 201) << made.body;
      people_.push_back({p.login, p.roles});
    }
    people_.push_back({"admin", Role::Admin});
  }

  Caller signedIn(const std::string& login, Roles roles) const {
    auto client = testing::ApiClient(hall_->port()).signIn(login, kPassword);
    EXPECT_TRUE(client.ok()) << client.status().toString();
    return {login, roles, client.ok() ? *client : testing::ApiClient(hall_->port())};
  }

  std::vector<Caller> callers() const {
    std::vector<Caller> out;
    out.push_back({"nobody", Roles(), testing::ApiClient(hall_->port())});
    out.push_back({"device", Role::Device,
                   testing::ApiClient(hall_->port(), std::nullopt)
                       .withAuthorization(std::string("Device ") + kDevice + ":" +
                                          devices::protocol::deviceKey(kSecret, kDevice))});
    for (const auto& [login, roles] : people_) out.push_back(signedIn(login, roles));
    return out;
  }

  // What a refused call must leave as it was, read by the hall's tools.
  std::string state() const {
    const testing::ApiClient system(hall_->port(), kToken);
    std::string all;
    for (const char* path : {"/api/v1/users", "/api/v1/process-definitions",
                             "/api/v1/tasks?limit=1000", "/api/v1/jobs", "/api/v1/incidents",
                             "/api/v1/work-queues", "/api/v1/windows", "/api/v1/devices"}) {
      const testing::Reply reply = system.get(path);
      EXPECT_EQ(reply.status, 200) << path << " " << reply.body;
      all += std::string(path) + " " + reply.body + "\n";
    }
    return all;
  }

  size_t auditSize() const {
    const testing::Reply reply =
        testing::ApiClient(hall_->port(), kToken).get("/api/v1/audit?limit=1000");
    EXPECT_EQ(reply.status, 200);
    return reply.json.isArray() ? reply.json.asArray().size() : 0;
  }

  testing::TempDir dir_;
  std::unique_ptr<hall::test::HallProcess> hall_;
  std::vector<std::pair<std::string, Roles>> people_;
};

TEST_F(RoleMatrixTest, EveryForbiddenCallIsRefusedAndChangesNothing) {
  const std::vector<Caller> everyone = callers();
  const std::string before = state();
  const size_t audit_before = auditSize();
  size_t refused_changes = 0;
  size_t refusals = 0;
  for (const EndpointRule& rule : accessPolicy()) {
    const std::string path = concrete(rule.pattern);
    for (const Caller& caller : everyone) {
      if (allows(rule, caller.roles)) continue;
      const testing::Reply reply =
          caller.client.send(std::string(rule.method), path, isChange(rule.method) ? "{}" : "");
      const int expected = caller.roles.empty() ? 401 : 403;
      EXPECT_EQ(reply.status, expected)
          << caller.name << " " << rule.method << " " << rule.pattern << ": " << reply.body;
      ++refusals;
      if (isChange(rule.method)) ++refused_changes;
    }
  }
  EXPECT_GT(refusals, 100u) << "the walk covered too little of the matrix";
  EXPECT_EQ(state(), before);
  EXPECT_EQ(auditSize(), audit_before + refused_changes);
}

TEST_F(RoleMatrixTest, TheMatrixNeverRefusesWhomItListsAndNamesOnlyRealEndpoints) {
  std::vector<const EndpointRule*> rules;
  for (const EndpointRule& rule : accessPolicy()) rules.push_back(&rule);
  // Signing out last: it ends the session the later calls use.
  std::stable_partition(rules.begin(), rules.end(), [](const EndpointRule* r) {
    return !(r->method == "DELETE" && r->pattern == "/api/v1/session");
  });
  std::vector<Caller> everyone = callers();
  everyone.push_back({"system", Role::System, testing::ApiClient(hall_->port(), kToken)});
  for (const Caller& caller : everyone) {
    for (const EndpointRule* rule : rules) {
      if (!allows(*rule, caller.roles)) continue;
      const testing::Reply reply = caller.client.send(
          std::string(rule->method), concrete(rule->pattern), isChange(rule->method) ? "{}" : "");
      const std::string where = caller.name + " " + std::string(rule->method) + " " +
                                std::string(rule->pattern) + ": " + reply.body;
      EXPECT_EQ(reply.errorMessage().find("请先登录"), std::string::npos) << where;
      EXPECT_EQ(reply.errorMessage().find("无权操作"), std::string::npos) << where;
      EXPECT_EQ(reply.errorMessage().find("no endpoint at"), std::string::npos) << where;
      EXPECT_NE(reply.status, 405) << where;
      EXPECT_LT(reply.status, 500) << where;
    }
  }
}

}  // namespace
}  // namespace portal::web
