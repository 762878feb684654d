#include "portal/web/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace portal::web {
namespace {

ApiResponse answer(int status) { return {status, wf::Value(static_cast<int>(status))}; }

using hall::domain::Role;

constexpr EndpointRule kPolicy[] = {
    {"GET", "/api/v1/tasks", Role::Clerk},
    {"GET", "/api/v1/tasks/{id}", Role::Clerk},
    {"POST", "/api/v1/tasks/{id}/claim", Role::Approver},
    {"POST", "/api/v1/tasks/{id}/complete", Role::Approver},
    {"DELETE", "/api/v1/tasks/{id}", {}},
    {"GET", "/items/special", {}, true},
    {"GET", "/items/{id}", {}, true},
};

Router sampleRouter() {
  Router router(kPolicy);
  router.add("GET", "/api/v1/tasks", [](const ApiRequest&) { return answer(1); });
  router.add("GET", "/api/v1/tasks/{id}", [](const ApiRequest&) { return answer(2); });
  router.add("POST", "/api/v1/tasks/{id}/claim", [](const ApiRequest&) { return answer(3); });
  router.add("POST", "/api/v1/tasks/{id}/complete", [](const ApiRequest&) { return answer(4); });
  router.add("DELETE", "/api/v1/tasks/{id}", [](const ApiRequest&) { return answer(5); });
  return router;
}

int call(const Router::Match& match) {
  return match.handler ? (*match.handler)(ApiRequest{}).status : -1;
}

TEST(Router, MatchesLiteralPathAndMethod) {
  const Router router = sampleRouter();
  const Router::Match match = router.match("GET", "/api/v1/tasks");
  ASSERT_EQ(match.kind, Router::Match::Kind::Found);
  EXPECT_EQ(call(match), 1);
  EXPECT_TRUE(match.params.empty());
}

TEST(Router, CapturesOneSegmentPerPathParameter) {
  const Router router = sampleRouter();
  const Router::Match match = router.match("POST", "/api/v1/tasks/T-42/claim");
  ASSERT_EQ(match.kind, Router::Match::Kind::Found);
  EXPECT_EQ(call(match), 3);
  EXPECT_EQ(match.params.at("id"), "T-42");
}

TEST(Router, DecodesCapturesSegmentBySegment) {
  const Router router = sampleRouter();
  const Router::Match match = router.match("GET", "/api/v1/tasks/a%2Fb%20c");
  ASSERT_EQ(match.kind, Router::Match::Kind::Found);
  EXPECT_EQ(match.params.at("id"), "a/b c");
}

TEST(Router, ReportsMethodsAllowedOnAKnownPath) {
  const Router router = sampleRouter();
  const Router::Match match = router.match("PUT", "/api/v1/tasks/7");
  EXPECT_EQ(match.kind, Router::Match::Kind::MethodNotAllowed);
  EXPECT_EQ(match.allowed, (std::vector<std::string>{"GET", "DELETE"}));
  EXPECT_EQ(match.handler, nullptr);
}

TEST(Router, RejectsUnknownPathsEmptyCapturesAndTrailingSlashes) {
  const Router router = sampleRouter();
  for (const char* path : {"/api/v1/task", "/api/v1/tasks/", "/api/v1/tasks//claim",
                           "/api/v1/tasks/7/claim/more", "/", ""}) {
    EXPECT_EQ(router.match("GET", path).kind, Router::Match::Kind::NoSuchPath) << path;
    EXPECT_EQ(router.match("POST", path).kind, Router::Match::Kind::NoSuchPath) << path;
  }
}

TEST(Router, FirstAddedRouteWins) {
  Router router(kPolicy);
  router.add("GET", "/items/special", [](const ApiRequest&) { return answer(10); });
  router.add("GET", "/items/{id}", [](const ApiRequest&) { return answer(11); });
  EXPECT_EQ(call(router.match("GET", "/items/special")), 10);
  EXPECT_EQ(call(router.match("GET", "/items/other")), 11);
}

TEST(Router, EveryRouteCarriesItsRuleAndOneMissingFromThePolicyIsRefused) {
  Router router = sampleRouter();
  const Router::Match claim = router.match("POST", "/api/v1/tasks/7/claim");
  ASSERT_EQ(claim.kind, Router::Match::Kind::Found);
  EXPECT_EQ(claim.rule->roles, hall::domain::Roles(Role::Approver));
  EXPECT_FALSE(claim.rule->is_public);
  Router items(kPolicy);
  items.add("GET", "/items/{id}", [](const ApiRequest&) { return answer(11); });
  EXPECT_TRUE(items.match("GET", "/items/x").rule->is_public);
  EXPECT_THROW(router.add("PUT", "/api/v1/tasks/{id}", [](const ApiRequest&) { return answer(6); }),
               std::logic_error);
  EXPECT_EQ(router.match("PUT", "/api/v1/tasks/7").kind, Router::Match::Kind::MethodNotAllowed);
}

TEST(AccessPolicy, SystemMayCallEveryEndpointAndPublicOnesAreOpenToAll) {
  for (const EndpointRule& rule : accessPolicy()) {
    EXPECT_TRUE(allows(rule, Role::System)) << rule.method << " " << rule.pattern;
    EXPECT_EQ(allows(rule, hall::domain::Roles()), rule.is_public) << rule.pattern;
  }
}

TEST(AccessPolicy, ListsEachEndpointOnce) {
  const auto policy = accessPolicy();
  for (size_t i = 0; i < policy.size(); ++i) {
    for (size_t j = i + 1; j < policy.size(); ++j) {
      EXPECT_FALSE(policy[i].method == policy[j].method && policy[i].pattern == policy[j].pattern)
          << policy[i].method << " " << policy[i].pattern << " is listed twice";
    }
  }
}

}  // namespace
}  // namespace portal::web
