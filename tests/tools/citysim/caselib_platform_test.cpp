// 市办件库 over real HTTP against the built hall-citysim: status changes of
// a case in order, duplicates replayed, a late (out-of-order) status kept in
// the history but not current, and refused input naming its field.
#include <gtest/gtest.h>

#include <string>

#include "citysim_fixture.h"

namespace hall::citysim::test {
namespace {

class CitysimCaselib : public CitysimTest {
 protected:
  static std::string path() { return std::string("/caselib/v1/cases/") + kCaseCode; }
  Reply report(const std::string& status, int seq, const wf::Object& changes = {}) {
    const wf::Object o{{"status", wf::Value(status)},
                       {"at", wf::Value(nowMs() - 10'000 + seq)},
                       {"seq", wf::Value(seq)},
                       {"matterCode", wf::Value(kFoodMatter)},
                       {"dept", wf::Value("amr-food")}};
    return client_->post(path() + "/statuses", wf::Value(withChanges(o, changes)).toJson(),
                         {{"Idempotency-Key", std::string(kCaseCode) + ":" + std::to_string(seq)}});
  }
  std::vector<std::string> history() {
    const Reply read = client_->get(path());
    EXPECT_EQ(read.status, 200) << read.body;
    std::vector<std::string> out;
    const wf::Value* h = read.json.find("history");
    if (h == nullptr || !h->isArray()) return out;
    for (const wf::Value& e : h->asArray()) out.push_back(e.find("status")->asString());
    return out;
  }
  std::string current() {
    const Reply read = client_->get(path());
    const wf::Value* c = read.json.find("current");
    return c != nullptr ? c->find("status")->asString() : std::string();
  }
};

TEST_F(CitysimCaselib, KeepsTheStatusesOfACaseInOrder) {
  EXPECT_EQ(client_->get(path()).status, 404);
  for (const auto& [status, seq] : std::vector<std::pair<std::string, int>>{
           {"accepted", 1}, {"supplement", 2}, {"resumed", 3}, {"concluded", 4}, {"issued", 5}}) {
    const Reply r = report(status, seq);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_TRUE(r.json.find("current")->asBool());
  }
  EXPECT_EQ(history(),
            (std::vector<std::string>{"accepted", "supplement", "resumed", "concluded", "issued"}));
  EXPECT_EQ(current(), "issued");
  const Reply read = client_->get(path());
  EXPECT_EQ(read.json.find("matterCode")->asString(), kFoodMatter);
  EXPECT_EQ(stat("caselib", "issued"), 5);
}

TEST_F(CitysimCaselib, ADuplicateIsReplayedAndAnotherStatusUnderItsSeqConflicts) {
  ASSERT_EQ(report("accepted", 1).status, 201);
  const Reply again = report("accepted", 1);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(again.json.find("replayed")->asBool());
  const Reply other = report("refused", 1);
  EXPECT_EQ(other.status, 409) << other.body;
  EXPECT_EQ(other.field(), "seq");
  EXPECT_EQ(history(), std::vector<std::string>{"accepted"});
  EXPECT_EQ(stat("caselib", "issued"), 1);
  EXPECT_EQ(stat("caselib", "duplicates"), 1);
}

TEST_F(CitysimCaselib, ALateStatusIsKeptInTheHistoryButNotCurrent) {
  ASSERT_EQ(report("accepted", 1).status, 201);
  ASSERT_EQ(report("concluded", 3).status, 201);
  const Reply late = report("supplement", 2);
  ASSERT_EQ(late.status, 201) << late.body;
  EXPECT_FALSE(late.json.find("current")->asBool());
  EXPECT_EQ(current(), "concluded");
  EXPECT_EQ(history(), (std::vector<std::string>{"accepted", "supplement", "concluded"}));
}

TEST_F(CitysimCaselib, RefusesBadInputNamingTheField) {
  struct Case {
    wf::Object changes;
    const char* field;
  };
  const Case cases[] = {
      {{{"status", wf::Value("approved")}}, "status"},
      {{{"status", wf::Value()}}, "status"},
      {{{"seq", wf::Value(0)}}, "seq"},
      {{{"seq", wf::Value("1")}}, "seq"},
      {{{"seq", wf::Value(1.5)}}, "seq"},
      {{{"at", wf::Value()}}, "at"},
      {{{"at", wf::Value("2026-11-29")}}, "at"},
      {{{"matterCode", wf::Value()}}, "matterCode"},
      {{{"dept", wf::Value(3)}}, "dept"},
  };
  for (const Case& c : cases) {
    const Reply reply = report("accepted", 1, c.changes);
    EXPECT_EQ(reply.status, 400) << c.field << ": " << reply.body;
    EXPECT_EQ(reply.field(), c.field) << reply.body;
  }
  const Reply bad_code =
      client_->post("/caselib/v1/cases/310105/statuses", "{}", {{"Idempotency-Key", "k"}});
  EXPECT_EQ(bad_code.status, 400);
  EXPECT_EQ(bad_code.field(), "caseCode");
  const Reply no_key = client_->post(path() + "/statuses", "{}");
  EXPECT_EQ(no_key.status, 400);
  EXPECT_EQ(no_key.field(), "Idempotency-Key");
  ASSERT_EQ(report("accepted", 1).status, 201);
  const Reply other_matter = report("concluded", 2, {{"matterCode", wf::Value("another")}});
  EXPECT_EQ(other_matter.status, 409);
  EXPECT_EQ(other_matter.field(), "matterCode");
  EXPECT_EQ(stat("caselib", "issued"), 1);
}

}  // namespace
}  // namespace hall::citysim::test
