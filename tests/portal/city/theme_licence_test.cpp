// 一业一证 through the hall against the real `hall serve --city` and the real
// simulator: a "一件事" 开办餐饮店 case approved by every department gets a
// licence per bundled matter from the city's 市电子证照库, then the theme's
// 行业综合许可证, and the library holds the bundled licences as its
// children (子母证) — each once, and nothing else.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "portal/city/city_hall.h"

namespace portal::web {
namespace {

using testing::CityHallTest;
using testing::Reply;

constexpr const char* kApplicantId = "11010519491231002X";  // food_case.h's 李四

class ThemeLicenceTest : public CityHallTest {
 protected:
  wf::Array openTasks(const std::string& instance) const {
    const Reply r = system().get("/api/v1/tasks?processInstanceId=" + instance);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.isArray() ? r.json.asArray() : wf::Array{};
  }
  bool waitsAt(const std::string& instance, const std::string& element) const {
    const wf::Array tasks = openTasks(instance);
    return std::any_of(tasks.begin(), tasks.end(), [&](const wf::Value& t) {
      return t.find("elementId")->asString() == element;
    });
  }
  // The applicant's licences at the city, by type code → licence id.
  std::multimap<std::string, std::string> cityLicences() const {
    const auto listed = city_->get(std::string("/elicense/v1/licences?holderId=") + kApplicantId);
    EXPECT_EQ(listed.status, 200) << listed.body;
    std::multimap<std::string, std::string> out;
    if (!listed.json.isArray()) return out;
    for (const wf::Value& l : listed.json.asArray()) {
      out.emplace(l.find("typeCode")->asString(), l.find("licenceId")->asString());
    }
    return out;
  }
};

TEST_F(ThemeLicenceTest, TheBundledLicencesAreTheChildrenOfTheIndustryLicence) {
  const Reply accepted =
      clerk_->post("/api/v1/cases", testing::foodCaseRequest(*clerk_, "open-restaurant", "W01"));
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  const std::string instance = accepted.json.find("instanceId")->asString();

  // Every department approves once (bounded: the theme has six).
  for (int round = 0; round < 10; ++round) {
    bool approved = false;
    for (const wf::Value& t : openTasks(instance)) {
      if (t.find("elementId")->asString().rfind("approve_", 0) != 0) continue;
      const Reply done = system().post("/api/v1/tasks/" + t.find("id")->asString() + "/complete",
                                       R"({"decision": "approve", "reason": "同意"})");
      ASSERT_EQ(done.status, 204) << done.body;
      approved = true;
    }
    if (!approved) break;
  }
  ASSERT_TRUE(eventually([&] { return waitsAt(instance, "hand_over"); }))
      << "the licences were not issued and linked";

  const std::multimap<std::string, std::string> held = cityLicences();
  ASSERT_EQ(held.count("SH-IND-RESTAURANT-01"), 1u) << "one 行业综合许可证";
  ASSERT_EQ(held.size(), 4u) << "three bundled licences and the industry licence";
  std::set<std::string> bundled;
  for (const auto& [type, id] : held) {
    if (type != "SH-IND-RESTAURANT-01") bundled.insert(id);
  }
  const auto parent =
      city_->get("/elicense/v1/licences/" + held.find("SH-IND-RESTAURANT-01")->second);
  ASSERT_EQ(parent.status, 200) << parent.body;
  std::set<std::string> children;
  for (const wf::Value& c : parent.json.find("children")->asArray()) {
    children.insert(c.asString());
  }
  EXPECT_EQ(children, bundled);
  EXPECT_EQ(parent.json.find("children")->asArray().size(), 3u) << "each child once";
}

}  // namespace
}  // namespace portal::web
