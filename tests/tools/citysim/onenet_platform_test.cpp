// 一网通办中台 over real HTTP against the built hall-citysim: a submitted
// case gets one unified code however often it is sent under its key;
// online cases are listed for their hall and taken once (the same key
// replays the take); form definitions for the mode 1/2 matters; and every
// refused input names its field.
#include <gtest/gtest.h>

#include <string>

#include "citysim_fixture.h"

namespace hall::citysim::test {
namespace {

constexpr const char* kCases = "/onenet/v1/cases";
constexpr const char* kFood = "00012310600001-310105000000-000-11310105MB2F1952X1-1-00";
constexpr const char* kHall = "310105-CN01";

std::string text(const wf::Value& json, const std::string& member) {
  const wf::Value* v = json.find(member);
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

wf::Object submissionObject(const wf::Object& changes = {}) {
  wf::Object o{{"caseCode", wf::Value("31010520261129A1000042K")},
               {"matterCode", wf::Value(kFood)},
               {"applicant", wf::Value(wf::Object{{"name", wf::Value("王小明")},
                                                  {"idType", wf::Value("ID_CARD")},
                                                  {"idNumber", wf::Value(kPersonId)}})},
               {"acceptedAt", wf::Value(nowMs() - 1000)},
               {"hallCode", wf::Value(kHall)},
               {"window", wf::Value("W12")}};
  return withChanges(std::move(o), changes);
}

std::string submission(const wf::Object& changes = {}) {
  return wf::Value(submissionObject(changes)).toJson();
}

class CitysimOnenetTest : public CitysimTest {
 protected:
  int64_t stat(const std::string& name) {
    const Reply reply = control("GET", "/_sim/stats");
    const wf::Value* platform = reply.json.find("onenet");
    const wf::Value* value = platform != nullptr ? platform->find(name) : nullptr;
    EXPECT_TRUE(value != nullptr && value->isNumber()) << reply.body;
    return value != nullptr && value->isNumber() ? static_cast<int64_t>(value->asNumber()) : -1;
  }

  // A citizen applies online for the hall; returns the online case's id.
  std::string applyOnline(const std::string& hall = kHall) {
    const Reply reply =
        control("POST", "/_sim/onenet/online-cases",
                wf::Value(wf::Object{{"matterCode", wf::Value(kFood)},
                                     {"applicant", submissionObject().at("applicant")},
                                     {"phone", wf::Value("13812345678")},
                                     {"hallCode", wf::Value(hall)}})
                    .toJson());
    EXPECT_EQ(reply.status, 201) << reply.body;
    return text(reply.json, "id");
  }

  Reply takeCase(const std::string& id, const std::string& key, const std::string& hall = kHall) {
    return client_->post("/onenet/v1/online-cases/" + id + "/take",
                         wf::Value(wf::Object{{"hallCode", wf::Value(hall)}}).toJson(),
                         {{"Idempotency-Key", key}});
  }
};

TEST_F(CitysimOnenetTest, ASubmittedCaseGetsOneUnifiedCodePerKey) {
  const std::string body = submission();
  const Reply first = client_->post(kCases, body, {{"Idempotency-Key", "hall-job-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  const std::string unified = text(first.json, "unifiedCode");
  EXPECT_EQ(unified.size(), 22u) << unified;
  EXPECT_EQ(text(first.json, "caseCode"), "31010520261129A1000042K");

  const Reply again = client_->post(kCases, body, {{"Idempotency-Key", "hall-job-1"}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(text(again.json, "unifiedCode"), unified);
  EXPECT_NE(again.json.find("replayed"), nullptr);

  // The same key for another case, and the same case under another key.
  const Reply other_case =
      client_->post(kCases, submission({{"caseCode", wf::Value("31010520261129A1000043K")}}),
                    {{"Idempotency-Key", "hall-job-1"}});
  EXPECT_EQ(other_case.status, 409) << other_case.body;
  const Reply other_key = client_->post(kCases, body, {{"Idempotency-Key", "hall-job-2"}});
  EXPECT_EQ(other_key.status, 409) << other_key.body;
  EXPECT_EQ(stat("issued"), 1);
  EXPECT_EQ(stat("duplicates"), 1);
}

TEST_F(CitysimOnenetTest, RefusesABadSubmissionNamingTheField) {
  const wf::Value applicant = submissionObject().at("applicant");
  wf::Object bad_id = applicant.asObject();
  bad_id["idNumber"] = wf::Value("110105194912310021");  // wrong check character
  wf::Object bad_type = applicant.asObject();
  bad_type["idType"] = wf::Value("PASSPORT");
  const std::vector<std::pair<wf::Object, std::string>> cases = {
      {{{"caseCode", wf::Value("SHORT")}}, "caseCode"},
      {{{"caseCode", wf::Value()}}, "caseCode"},
      {{{"matterCode", wf::Value(42)}}, "matterCode"},
      {{{"applicant", wf::Value()}}, "applicant"},
      {{{"applicant", wf::Value(bad_id)}}, "applicant.idNumber"},
      {{{"applicant", wf::Value(bad_type)}}, "applicant.idType"},
      {{{"acceptedAt", wf::Value("yesterday")}}, "acceptedAt"},
      {{{"acceptedAt", wf::Value(nowMs() + 3'600'000)}}, "acceptedAt"},
      {{{"hallCode", wf::Value("")}}, "hallCode"},
      {{{"window", wf::Value(12)}}, "window"},
  };
  for (const auto& [changes, field] : cases) {
    const Reply reply = client_->post(kCases, submission(changes), {{"Idempotency-Key", "k"}});
    EXPECT_EQ(reply.status, 400) << field << ": " << reply.body;
    EXPECT_EQ(reply.field(), field) << reply.body;
  }
  EXPECT_EQ(client_->post(kCases, submission()).field(), "Idempotency-Key");
  EXPECT_EQ(client_->post(kCases, "[1]", {{"Idempotency-Key", "k"}}).field(), "body");
  // The refusals took no key: the good case passes under it.
  EXPECT_EQ(client_->post(kCases, submission(), {{"Idempotency-Key", "k"}}).status, 201);
}

TEST_F(CitysimOnenetTest, ListsTheHallsPendingOnlineCasesAndTakesEachOnce) {
  const std::string id = applyOnline();
  applyOnline("310104-XH01");  // another hall's
  const Reply pending =
      client_->get(std::string("/onenet/v1/online-cases?hallCode=") + kHall + "&status=pending");
  ASSERT_EQ(pending.status, 200) << pending.body;
  ASSERT_TRUE(pending.json.isArray());
  ASSERT_EQ(pending.json.asArray().size(), 1u) << pending.body;
  EXPECT_EQ(text(pending.json.asArray()[0], "id"), id);
  EXPECT_EQ(text(pending.json.asArray()[0], "phone"), "13812345678");

  const Reply taken = takeCase(id, "hall-take-" + id);
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(text(taken.json, "status"), "taken");
  EXPECT_EQ(text(taken.json, "matterCode"), kFood);
  // The same take again (a hall that lost the answer) replays it …
  const Reply replayed = takeCase(id, "hall-take-" + id);
  EXPECT_EQ(replayed.status, 200) << replayed.body;
  EXPECT_NE(replayed.json.find("replayed"), nullptr);
  // … another take is refused, and another hall may not take it.
  EXPECT_EQ(takeCase(id, "someone-else").status, 409);
  EXPECT_EQ(takeCase(applyOnline(), "k", "310104-XH01").status, 409);
  EXPECT_EQ(takeCase("oc-99999999", "k").status, 404);

  const Reply after = client_->get(std::string("/onenet/v1/online-cases?hallCode=") + kHall);
  ASSERT_TRUE(after.json.isArray());
  EXPECT_EQ(after.json.asArray().size(), 1u) << "only the second, still pending: " << after.body;
  EXPECT_EQ(client_->get("/onenet/v1/online-cases").field(), "hallCode");
  EXPECT_EQ(
      client_->get(std::string("/onenet/v1/online-cases?hallCode=") + kHall + "&status=x").field(),
      "status");
  EXPECT_EQ(stat("issued"), 1);
}

TEST_F(CitysimOnenetTest, AnOnlineApplicationIsCheckedToo) {
  const Reply reply = control(
      "POST", "/_sim/onenet/online-cases",
      wf::Value(wf::Object{{"matterCode", wf::Value(kFood)}, {"hallCode", wf::Value(kHall)}})
          .toJson());
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.field(), "applicant");
}

TEST_F(CitysimOnenetTest, GivesTheFormOfAMatterRunInMode12) {
  const Reply form = client_->get(std::string("/onenet/v1/matters/") + kFood + "/form");
  ASSERT_EQ(form.status, 200) << form.body;
  const wf::Value* fields = form.json.find("fields");
  ASSERT_TRUE(fields != nullptr && fields->isArray());
  ASSERT_FALSE(fields->asArray().empty());
  for (const wf::Value& f : fields->asArray()) {
    EXPECT_FALSE(text(f, "name").empty()) << f.toJson();
    EXPECT_FALSE(text(f, "label").empty()) << f.toJson();
    EXPECT_FALSE(text(f, "type").empty()) << f.toJson();
    ASSERT_NE(f.find("required"), nullptr);
    EXPECT_TRUE(f.find("required")->isBool());
    EXPECT_TRUE(f.find("options")->isArray());
  }
  EXPECT_EQ(client_->get("/onenet/v1/matters/NO-SUCH-MATTER/form").status, 404);
}

}  // namespace
}  // namespace hall::citysim::test
