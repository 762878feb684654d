#include "portal/web/food_case.h"

#include <gtest/gtest.h>

namespace portal::web::testing {

std::optional<ApiClient> clerkAtWindow(const ApiClient& system, uint16_t port,
                                       const std::string& login, const std::string& password,
                                       const std::string& window) {
  const Reply made = system.post(
      "/api/v1/users", wf::Value(wf::Object{{"login", wf::Value(login)},
                                            {"displayName", wf::Value("测试综窗")},
                                            {"roles", wf::Value(wf::Array{wf::Value("clerk")})},
                                            {"password", wf::Value(password)}})
                           .toJson());
  EXPECT_EQ(made.status, 201) << made.body;
  auto clerk = ApiClient(port).signIn(login, password);
  EXPECT_TRUE(clerk.ok()) << clerk.status().toString();
  if (made.status != 201 || !clerk.ok()) return std::nullopt;
  const Reply signed_in = clerk->post("/api/v1/windows/" + window + "/sign-in", "{}");
  EXPECT_EQ(signed_in.status, 200) << signed_in.body;
  if (signed_in.status != 200) return std::nullopt;
  return *clerk;
}

std::string foodMatterCode(const ApiClient& clerk) {
  const Reply found = clerk.get("/api/v1/catalogue?q=%E9%A3%9F%E5%93%81");  // 食品
  EXPECT_EQ(found.status, 200) << found.body;
  return found.json.find("matters")->asArray().front().find("code")->asString();
}

std::string foodCaseRequest(const ApiClient& clerk, const std::string& code,
                            const std::string& window) {
  const Reply subject = clerk.get("/api/v1/catalogue/" + code);
  EXPECT_EQ(subject.status, 200) << subject.body;
  wf::Object answers;
  for (const wf::Value& q : subject.json.find("questions")->asArray()) {
    answers[q.find("id")->asString()] = *q.find("options")->asArray().front().find("id");
  }
  const Reply checklist =
      clerk.post("/api/v1/catalogue/" + code + "/checklist",
                 wf::Value(wf::Object{{"answers", wf::Value(answers)}}).toJson());
  EXPECT_EQ(checklist.status, 200) << checklist.body;
  wf::Object materials;
  for (const wf::Value& m : checklist.json.asArray()) {
    if (m.find("bring")->asBool()) materials[m.find("id")->asString()] = wf::Value("received");
  }
  return wf::Value(wf::Object{{"subject", wf::Value(code)},
                              {"answers", wf::Value(answers)},
                              {"applicantName", wf::Value("李四")},
                              {"applicantId", wf::Value("11010519491231002X")},
                              {"materials", wf::Value(materials)},
                              {"window", wf::Value(window)}})
      .toJson();
}

}  // namespace portal::web::testing
