// 好差评 through the hall's API against the real `hall serve --city` and the
// real simulator: a visitor rates their case by its code; the rating reaches
// 市好差评 (through the rating process's job); a poor rating opens 整改 for
// the hall managers with a due date, which a manager completes with what was
// done. One rating per case; the clerk who served cannot rate themself; bad
// input names its field and keeps nothing.
#include <gtest/gtest.h>

#include "portal/city/city_hall.h"

namespace portal::web {
namespace {

using testing::CityHallTest;
using testing::Reply;

class RatingRoutesTest : public CityHallTest {
 protected:
  std::string rating(int level, const std::string& comment = "等了很久，窗口解释不清") const {
    return wf::Value(wf::Object{{"caseCode", wf::Value(case_code_)},
                                {"level", wf::Value(level)},
                                {"channel", wf::Value("web")},
                                {"comment", wf::Value(comment)}})
        .toJson();
  }
  // The city's ratings of the case.
  wf::Value cityRatings() const {
    return city_->get("/rating/v1/ratings?caseCode=" + case_code_).json;
  }
  Reply followUps() const { return manager_->get("/api/v1/ratings/follow-ups"); }
};

TEST_F(RatingRoutesTest, APoorRatingReachesTheCityAndOpensAFollowUpForTheManagers) {
  // The clerk who accepted the case cannot rate it.
  const Reply own = clerk_->post("/api/v1/ratings", rating(5, "很好"));
  EXPECT_EQ(own.status, 403) << own.body;

  const Reply taken = anonymous().post("/api/v1/ratings", rating(2));
  ASSERT_EQ(taken.status, 201) << taken.body;
  EXPECT_TRUE(taken.json.find("followUp")->asBool());
  EXPECT_EQ(taken.json.find("serviceType")->asString(), "case");

  ASSERT_TRUE(eventually([&] {
    const wf::Value r = cityRatings();
    return r.isArray() && r.asArray().size() == 1;
  })) << "市好差评 got no rating: "
      << cityRatings().toJson();
  const wf::Value at_city = cityRatings().asArray()[0];
  EXPECT_EQ(at_city.find("level")->asNumber(), 2);
  EXPECT_EQ(at_city.find("clerk")->asString(), "clerk-t");
  EXPECT_EQ(at_city.find("window")->asString(), "W01");
  EXPECT_EQ(at_city.find("comment")->asString(), "等了很久，窗口解释不清");
  EXPECT_EQ(at_city.find("matterCode")->asString().size(), 55u) << at_city.toJson();

  const Reply open = followUps();
  ASSERT_EQ(open.status, 200) << open.body;
  ASSERT_EQ(open.json.asArray().size(), 1u) << open.body;
  const wf::Value& task = open.json.asArray()[0];
  EXPECT_EQ(task.find("name")->asString(), "差评整改");
  ASSERT_TRUE(task.find("due") != nullptr && task.find("due")->isString()) << open.body;
  EXPECT_EQ(task.find("rating")->find("caseCode")->asString(), case_code_);
  EXPECT_EQ(task.find("rating")->find("level")->asNumber(), 2);

  // Only managers see and complete it.
  EXPECT_EQ(anonymous().get("/api/v1/ratings/follow-ups").status, 401);
  EXPECT_EQ(clerk_->get("/api/v1/ratings/follow-ups").status, 403);
  const std::string path =
      "/api/v1/ratings/follow-ups/" + task.find("id")->asString() + "/complete";
  const Reply empty = manager_->post(path, R"({"actions": ""})");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.errorField(), "actions");
  const Reply done =
      manager_->post(path, R"({"actions": "当日电话回访，已向申请人说明办理流程并致歉"})");
  ASSERT_EQ(done.status, 204) << done.body;
  EXPECT_TRUE(followUps().json.asArray().empty());
}

TEST_F(RatingRoutesTest, OneRatingPerCaseAndBadInputNamesItsField) {
  struct Bad {
    std::string body;
    const char* field;
  };
  const Bad bad[] = {
      {R"({"level": 5, "channel": "web"})", "ticketToken"},
      {R"({"caseCode": ")" + case_code_ + R"(", "level": 7, "channel": "web"})", "level"},
      {R"({"caseCode": ")" + case_code_ + R"(", "level": 4.5, "channel": "web"})", "level"},
      {R"({"caseCode": ")" + case_code_ + R"(", "level": "5", "channel": "web"})", "level"},
      {R"({"caseCode": ")" + case_code_ + R"(", "channel": "web"})", "level"},
      {R"({"caseCode": ")" + case_code_ + R"(", "level": 5, "channel": "fax"})", "channel"},
      {R"({"caseCode": ")" + case_code_ + R"(", "level": 5, "channel": "web", "comment": 3})",
       "comment"},
  };
  for (const Bad& b : bad) {
    const Reply r = anonymous().post("/api/v1/ratings", b.body);
    EXPECT_EQ(r.status, 400) << b.body << " → " << r.body;
    EXPECT_EQ(r.errorField(), b.field) << r.body;
  }
  const Reply unknown =
      anonymous().post("/api/v1/ratings",
                       R"({"caseCode": "31010520261129019999999", "level": 5, "channel": "web"})");
  EXPECT_EQ(unknown.status, 404) << unknown.body;

  const Reply first = anonymous().post("/api/v1/ratings", rating(5, "一次办成"));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_FALSE(first.json.find("followUp")->asBool());
  const Reply second = anonymous().post("/api/v1/ratings", rating(1));
  EXPECT_EQ(second.status, 409) << second.body;
  ASSERT_TRUE(
      eventually([&] { return cityRatings().isArray() && cityRatings().asArray().size() == 1; }));
  EXPECT_EQ(cityRatings().asArray()[0].find("level")->asNumber(), 5);
  EXPECT_TRUE(followUps().json.asArray().empty()) << "a good rating needs no 整改";
}

}  // namespace
}  // namespace portal::web
