// 市办件库 through the hall against the real `hall serve --city` and the real
// simulator: a case accepted, returned for a supplement, supplemented,
// approved, issued and handed over shows in the city's case library as
// accepted, supplement, resumed, concluded, issued — in that order, each
// once — whatever the scan interval, since the statuses come from the case's
// history — and a crash of the hall in between records nothing twice.
#include <gtest/gtest.h>

#include "portal/city/city_hall.h"

namespace portal::web {
namespace {

using testing::CityHallTest;
using testing::Reply;

class CaselibReportTest : public CityHallTest {
 protected:
  std::vector<std::string> cityHistory() const {
    const auto read = city_->get("/caselib/v1/cases/" + case_code_);
    std::vector<std::string> out;
    const wf::Value* h = read.json.isObject() ? read.json.find("history") : nullptr;
    if (h == nullptr || !h->isArray()) return out;
    for (const wf::Value& e : h->asArray()) out.push_back(e.find("status")->asString());
    return out;
  }
  // The open tasks of the case's instance.
  wf::Array openTasks() const {
    const Reply r = system().get("/api/v1/tasks?processInstanceId=" + instance_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.isArray() ? r.json.asArray() : wf::Array{};
  }
  void completeAll(const std::string& element, const wf::Value& variables) {
    for (const wf::Value& t : openTasks()) {
      if (t.find("elementId")->asString().rfind(element, 0) != 0) continue;
      const Reply done = system().post("/api/v1/tasks/" + t.find("id")->asString() + "/complete",
                                       wf::Value(wf::Object{{"variables", variables}}).toJson());
      ASSERT_EQ(done.status, 204) << done.body;
    }
  }
  bool waitsAt(const std::string& element) const {
    for (const wf::Value& t : openTasks()) {
      if (t.find("elementId")->asString() == element) return true;
    }
    return false;
  }
};

TEST_F(CaselibReportTest, EveryStatusOfACaseReachesTheCaseLibraryInOrder) {
  ASSERT_FALSE(instance_.empty());
  ASSERT_TRUE(eventually([&] { return cityHistory() == std::vector<std::string>{"accepted"}; }))
      << "受理 was not reported";
  // The hall crashes and starts again: what was reported stays reported.
  startHall();
  ASSERT_NE(hall_->port(), 0) << hall_->output();

  // Both departments: one asks for a supplement, the other approves.
  bool first = true;
  for (const wf::Value& t : openTasks()) {
    const wf::Value decision(first ? "supplement" : "approve");
    first = false;
    const Reply done = system().post(
        "/api/v1/tasks/" + t.find("id")->asString() + "/complete",
        wf::Value(
            wf::Object{{"variables", wf::Value(wf::Object{{"decision", decision},
                                                          {"reason", wf::Value("缺少平面图")}})}})
            .toJson());
    ASSERT_EQ(done.status, 204) << done.body;
  }
  ASSERT_TRUE(waitsAt("supplement"));
  completeAll(
      "supplement",
      wf::Value(wf::Object{{"supplementedMaterials", wf::Value(wf::Array{wf::Value("m1")})}}));
  completeAll("approve_",
              wf::Value(wf::Object{{"decision", wf::Value("approve")}, {"reason", wf::Value("")}}));
  // The licence is issued by the city's 市电子证照库 (a job), then handed over.
  ASSERT_TRUE(eventually([&] { return waitsAt("hand_over"); })) << "the licence was not issued";
  completeAll("hand_over", wf::Value(wf::Object{{"delivery", wf::Value("window")}}));

  const std::vector<std::string> expected = {"accepted", "supplement", "resumed", "concluded",
                                             "issued"};
  ASSERT_TRUE(eventually([&] { return cityHistory() == expected; }))
      << "the case library has: " << ::testing::PrintToString(cityHistory());
  const auto read = city_->get("/caselib/v1/cases/" + case_code_);
  EXPECT_EQ(read.json.find("current")->find("status")->asString(), "issued");
  EXPECT_EQ(read.json.find("current")->find("seq")->asNumber(), 5);
  // Recorded once each. The crash may fall between the library's answer and
  // the hall's note of it; the report is then sent once more after the
  // restart and the library answers it as a replay of the same seq.
  const auto stats = city_->get("/_sim/stats");
  EXPECT_EQ(stats.json.find("caselib")->find("issued")->asNumber(), 5);
  EXPECT_LE(stats.json.find("caselib")->find("duplicates")->asNumber(), 1);
}

}  // namespace
}  // namespace portal::web
