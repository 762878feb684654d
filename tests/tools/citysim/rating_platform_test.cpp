// 市好差评 over real HTTP against the built hall-citysim: a rating taken
// once per case and per ticket, idempotent by key, listed by case code, and
// every refused input naming its field.
#include <gtest/gtest.h>

#include <string>

#include "citysim_fixture.h"

namespace hall::citysim::test {
namespace {

constexpr const char* kRatings = "/rating/v1/ratings";

class CitysimRating : public CitysimTest {
 protected:
  static std::string rating(const wf::Object& changes = {}) {
    const wf::Object o{
        {"serviceType", wf::Value("case")},     {"caseCode", wf::Value(kCaseCode)},
        {"matterCode", wf::Value(kFoodMatter)}, {"level", wf::Value(2)},
        {"channel", wf::Value("web")},          {"window", wf::Value("w-07")},
        {"clerk", wf::Value("clerk01")},        {"comment", wf::Value("等候时间太长")},
        {"ratedAt", wf::Value(nowMs() - 1000)}};
    return wf::Value(withChanges(o, changes)).toJson();
  }
  Reply submit(const std::string& body, const std::string& key) {
    return client_->post(kRatings, body, {{"Idempotency-Key", key}});
  }
};

TEST_F(CitysimRating, TakesARatingOfACaseAndListsIt) {
  const std::string body = rating();
  const Reply taken = submit(body, "rating-1");
  ASSERT_EQ(taken.status, 201) << taken.body;
  const wf::Value* id = taken.json.find("ratingId");
  ASSERT_TRUE(id != nullptr && id->isString()) << taken.body;
  EXPECT_EQ(stat("rating", "issued"), 1);

  const Reply list = client_->get(std::string(kRatings) + "?caseCode=" + kCaseCode);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_TRUE(list.json.isArray() && list.json.asArray().size() == 1u) << list.body;
  const wf::Value& r = list.json.asArray()[0];
  EXPECT_EQ(r.find("ratingId")->asString(), id->asString());
  EXPECT_EQ(r.find("level")->asNumber(), 2);
  EXPECT_EQ(r.find("comment")->asString(), "等候时间太长");
  EXPECT_EQ(r.find("caseCode")->asString(), kCaseCode);

  const Reply none = client_->get(std::string(kRatings) + "?caseCode=31010520261129A1000043X");
  ASSERT_EQ(none.status, 200);
  EXPECT_EQ(none.body, "[]");
  const Reply missing = client_->get(kRatings);
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.field(), "caseCode");
}

TEST_F(CitysimRating, TheSameRatingAgainIsReplayedUnderAnyKey) {
  const std::string body = rating();
  const Reply first = submit(body, "rating-1");
  ASSERT_EQ(first.status, 201) << first.body;
  const Reply again = submit(body, "rating-1");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json.find("ratingId")->asString(), first.json.find("ratingId")->asString());
  EXPECT_TRUE(again.json.find("replayed")->asBool());
  const Reply other_key = submit(body, "rating-2");
  ASSERT_EQ(other_key.status, 200) << other_key.body;
  EXPECT_EQ(stat("rating", "issued"), 1);
  EXPECT_EQ(stat("rating", "duplicates"), 2);
}

TEST_F(CitysimRating, ASecondDifferentRatingOfACaseIsAConflict) {
  ASSERT_EQ(submit(rating(), "rating-1").status, 201);
  const Reply second = submit(rating({{"level", wf::Value(5)}}), "rating-2");
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_EQ(second.code(), "ALREADY_RATED");
  EXPECT_EQ(second.field(), "caseCode");
  const Reply reused_key = submit(rating({{"level", wf::Value(5)}}), "rating-1");
  EXPECT_EQ(reused_key.status, 409) << reused_key.body;
  EXPECT_EQ(reused_key.code(), "CONFLICT");
  EXPECT_EQ(stat("rating", "issued"), 1);
}

TEST_F(CitysimRating, OneRatingPerTicket) {
  const wf::Object visit{{"serviceType", wf::Value("visit")},
                         {"caseCode", wf::Value()},
                         {"matterCode", wf::Value()},
                         {"ticket", wf::Value("2026-11-29/A001")},
                         {"channel", wf::Value("window")}};
  const Reply first = submit(rating(visit), "v-1");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json.find("ticket")->asString(), "2026-11-29/A001");
  wf::Object changed = visit;
  changed["level"] = wf::Value(4);
  const Reply second = submit(rating(changed), "v-2");
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_EQ(second.field(), "ticket");
  // A case with the same number is another service.
  EXPECT_EQ(submit(rating(), "c-1").status, 201);
}

TEST_F(CitysimRating, RefusesBadInputNamingTheField) {
  std::string comment;
  for (int i = 0; i < 501; ++i) comment += "很";
  struct Case {
    wf::Object changes;
    const char* field;
  };
  const Case cases[] = {
      {{{"serviceType", wf::Value("call")}}, "serviceType"},
      {{{"serviceType", wf::Value()}}, "serviceType"},
      {{{"caseCode", wf::Value("310105")}}, "caseCode"},
      {{{"caseCode", wf::Value()}}, "caseCode"},
      {{{"matterCode", wf::Value()}}, "matterCode"},
      {{{"level", wf::Value(0)}}, "level"},
      {{{"level", wf::Value(6)}}, "level"},
      {{{"level", wf::Value(2.5)}}, "level"},
      {{{"level", wf::Value("5")}}, "level"},
      {{{"channel", wf::Value("fax")}}, "channel"},
      {{{"channel", wf::Value()}}, "channel"},
      {{{"comment", wf::Value(comment)}}, "comment"},
      {{{"comment", wf::Value(3)}}, "comment"},
      {{{"window", wf::Value(7)}}, "window"},
      {{{"ratedAt", wf::Value("today")}}, "ratedAt"},
      {{{"ratedAt", wf::Value(nowMs() + 3'600'000)}}, "ratedAt"},
  };
  int n = 0;
  for (const Case& c : cases) {
    const Reply reply = submit(rating(c.changes), "bad-" + std::to_string(n++));
    EXPECT_EQ(reply.status, 400) << c.field << ": " << reply.body;
    EXPECT_EQ(reply.field(), c.field) << reply.body;
  }
  // 500 characters (1500 bytes of UTF-8) are allowed.
  comment.resize(comment.size() - 3);
  EXPECT_EQ(submit(rating({{"comment", wf::Value(comment)}}), "ok").status, 201);

  const Reply not_json = submit("{level: 5", "bad-json");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(not_json.field(), "body");
  const Reply no_key = client_->post(kRatings, rating());
  EXPECT_EQ(no_key.status, 400);
  EXPECT_EQ(no_key.field(), "Idempotency-Key");
  EXPECT_EQ(stat("rating", "issued"), 1);
}

}  // namespace
}  // namespace hall::citysim::test
