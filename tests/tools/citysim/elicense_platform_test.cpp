// 市电子证照库 over real HTTP against the built hall-citysim: issue,
// idempotency, 用证清单, read, revoke, 子母证, and every refused input naming
// its field.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "citysim_fixture.h"
#include "tools/citysim/request_signature.h"

namespace hall::citysim::test {
namespace {

using CitysimElicense = CitysimTest;

std::string text(const Reply& reply, const std::string& member) {
  const wf::Value* v = reply.json.find(member);
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

TEST_F(CitysimElicense, IssuesALicenceSignedWithThePlatformKey) {
  const Reply reply = client_->post(kLicences, application(), {{"Idempotency-Key", "case-1"}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(text(reply, "status"), "valid");
  EXPECT_FALSE(text(reply, "licenceId").empty());
  const std::string number = text(reply, "licenceNumber");
  ASSERT_FALSE(number.empty());
  const wf::Value* issued_at = reply.json.find("issuedAt");
  ASSERT_TRUE(issued_at != nullptr && issued_at->isNumber());
  EXPECT_NEAR(issued_at->asNumber(), static_cast<double>(nowMs()), 60'000);
  EXPECT_EQ(text(reply, "signature"),
            hmacSm3Hex(kTestKey, number + "|" + kCompanyUscc + "|SH-FOOD-01"));
  EXPECT_EQ(reply.json.find("replayed"), nullptr);
  EXPECT_EQ(stat("issued"), 1);
}

TEST_F(CitysimElicense, TheSameIdempotencyKeyAndBodyReplaysTheSameLicence) {
  const Reply first = client_->post(kLicences, application(), {{"Idempotency-Key", "case-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  // The same application spaced and ordered differently is the same body.
  const std::string respaced = "  " + application() + "\n";
  const Reply again = client_->post(kLicences, respaced, {{"Idempotency-Key", "case-1"}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(text(again, "licenceNumber"), text(first, "licenceNumber"));
  EXPECT_EQ(text(again, "licenceId"), text(first, "licenceId"));
  const wf::Value* replayed = again.json.find("replayed");
  ASSERT_NE(replayed, nullptr);
  EXPECT_TRUE(replayed->isBool() && replayed->asBool());
  EXPECT_EQ(stat("issued"), 1);
  EXPECT_EQ(stat("duplicates"), 1);
}

TEST_F(CitysimElicense, ConcurrentRetriesUnderOneKeyIssueOneLicence) {
  constexpr int kRetries = 8;
  std::vector<int> statuses(kRetries);
  std::vector<std::string> numbers(kRetries);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRetries; ++i) {
    threads.emplace_back([&, i] {
      CitysimClient client(sim_->host(), sim_->port(), kTestKey);
      const Reply reply = client.post(kLicences, application(), {{"Idempotency-Key", "case-1"}});
      statuses[i] = reply.status;
      numbers[i] = text(reply, "licenceNumber");
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), kRetries - 1);
  EXPECT_EQ(std::count(numbers.begin(), numbers.end(), numbers[0]), kRetries);
  EXPECT_EQ(stat("issued"), 1);
  EXPECT_EQ(stat("duplicates"), kRetries - 1);
}

TEST_F(CitysimElicense, TheSameIdempotencyKeyWithAnotherBodyIsAConflict) {
  issue(application(), "case-1");
  const Reply other = client_->post(kLicences, application({{"holder", wf::Value("另一家公司")}}),
                                    {{"Idempotency-Key", "case-1"}});
  EXPECT_EQ(other.status, 409) << other.body;
  EXPECT_EQ(other.code(), "CONFLICT");
  EXPECT_EQ(stat("issued"), 1);
  EXPECT_EQ(stat("duplicates"), 0);
}

TEST_F(CitysimElicense, ListsTheLicencesOfAHolder) {
  const std::string a = issue(application(), "k-a");
  const std::string b = issue(application({{"typeCode", wf::Value("SH-HEALTH-02")},
                                           {"licenceName", wf::Value("公共场所卫生许可证")}}),
                              "k-b");
  issue(application({{"holderIdType", wf::Value("ID_CARD")}, {"holderId", wf::Value(kPersonId)}}),
        "k-c");

  const Reply list = client_->get(std::string(kLicences) + "?holderId=" + kCompanyUscc);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_TRUE(list.json.isArray()) << list.body;
  ASSERT_EQ(list.json.asArray().size(), 2u) << list.body;
  const wf::Value& first = list.json.asArray()[0];
  EXPECT_EQ(first.find("licenceId")->asString(), a);
  EXPECT_EQ(list.json.asArray()[1].find("licenceId")->asString(), b);
  for (const char* member :
       {"licenceNumber", "typeCode", "licenceName", "holder", "status", "issuedAt"}) {
    EXPECT_NE(first.find(member), nullptr) << member;
  }
  EXPECT_EQ(first.find("licenceName")->asString(), "食品经营许可证");
  ASSERT_NE(first.find("validUntil"), nullptr) << "intake leaves out expired licences";
  EXPECT_EQ(first.find("validUntil")->asString(), "2031-11-28");

  const Reply person = client_->get(std::string(kLicences) + "?holderId=" + kPersonId);
  ASSERT_EQ(person.status, 200);
  EXPECT_EQ(person.json.asArray().size(), 1u);
  const Reply nobody = client_->get(std::string(kLicences) + "?holderId=91310105MA1FL0000X");
  ASSERT_EQ(nobody.status, 200);
  EXPECT_EQ(nobody.body, "[]");

  const Reply missing = client_->get(kLicences);
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.field(), "holderId");
}

TEST_F(CitysimElicense, ReadsOneLicence) {
  const std::string id = issue(application(), "k-1");
  const Reply one = client_->get(std::string(kLicences) + "/" + id);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(text(one, "holderId"), kCompanyUscc);
  EXPECT_EQ(text(one, "caseCode"), "31010520261129A1000042K");
  EXPECT_EQ(text(one, "validUntil"), "2031-11-28");
  ASSERT_NE(one.json.find("children"), nullptr);
  EXPECT_TRUE(one.json.find("children")->asArray().empty());
  ASSERT_NE(one.json.find("data"), nullptr);
  EXPECT_EQ(one.json.find("data")->find("经营场所")->asString(), "长宁路1号");

  const Reply none = client_->get(std::string(kLicences) + "/lic-99999999");
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(none.code(), "NOT_FOUND");
}

TEST_F(CitysimElicense, RevokesOnceThenConflicts) {
  const std::string id = issue(application(), "k-1");
  const std::string path = std::string(kLicences) + "/" + id + "/revoke";
  const Reply no_reason = client_->post(path, "{}");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.field(), "reason");

  const Reply revoked = client_->post(path, R"({"reason": "申请人申请注销"})");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(text(revoked, "status"), "revoked");
  const Reply again = client_->post(path, R"({"reason": "再次注销"})");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.code(), "CONFLICT");

  const Reply list = client_->get(std::string(kLicences) + "?holderId=" + kCompanyUscc);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json.asArray().at(0).find("status")->asString(), "revoked");
  const Reply unknown =
      client_->post(std::string(kLicences) + "/lic-99999999/revoke", R"({"reason": "x"})");
  EXPECT_EQ(unknown.status, 404);
}

TEST_F(CitysimElicense, LinksAChildLicenceOnce) {
  const std::string parent = issue(application(), "k-parent");
  const std::string child =
      issue(application({{"typeCode", wf::Value("SH-FOOD-01-C")}}), "k-child");
  const std::string path = std::string(kLicences) + "/" + parent + "/children";
  const std::string body = R"({"childId": ")" + child + R"("})";
  for (int i = 0; i < 2; ++i) {
    const Reply linked = client_->post(path, body);
    ASSERT_EQ(linked.status, 200) << linked.body;
  }
  const Reply read = client_->get(std::string(kLicences) + "/" + parent);
  ASSERT_EQ(read.status, 200);
  const wf::Array& children = read.json.find("children")->asArray();
  ASSERT_EQ(children.size(), 1u) << read.body;
  EXPECT_EQ(children[0].asString(), child);

  const Reply self = client_->post(path, R"({"childId": ")" + parent + R"("})");
  EXPECT_EQ(self.status, 400);
  EXPECT_EQ(self.field(), "childId");
  const Reply unknown_child = client_->post(path, R"({"childId": "lic-99999999"})");
  EXPECT_EQ(unknown_child.status, 404);
  const Reply unknown_parent =
      client_->post(std::string(kLicences) + "/lic-99999999/children", body);
  EXPECT_EQ(unknown_parent.status, 404);
  const Reply no_child = client_->post(path, "{}");
  EXPECT_EQ(no_child.status, 400);
  EXPECT_EQ(no_child.field(), "childId");
}

struct BadInput {
  const char* name;
  std::string body;
  const char* field;
};

TEST_F(CitysimElicense, RefusesBadInputNamingTheField) {
  const std::vector<BadInput> cases = {
      {"missing typeCode", application({{"typeCode", wf::Value()}}), "typeCode"},
      {"lower-case typeCode", application({{"typeCode", wf::Value("sh-food")}}), "typeCode"},
      {"USCC check character", application({{"holderId", wf::Value("91350100M000100Y44")}}),
       "holderId"},
      {"USCC with an O", application({{"holderId", wf::Value("91350100M000100O43")}}), "holderId"},
      {"ID card check character",
       application(
           {{"holderIdType", wf::Value("ID_CARD")}, {"holderId", wf::Value("110105194912310021")}}),
       "holderId"},
      {"unknown holderIdType", application({{"holderIdType", wf::Value("PASSPORT")}}),
       "holderIdType"},
      {"not a date", application({{"issuedOn", wf::Value("2026-02-30")}}), "issuedOn"},
      {"date format", application({{"issuedOn", wf::Value("2026/11/29")}}), "issuedOn"},
      {"validUntil before issuedOn", application({{"validUntil", wf::Value("2020-01-01")}}),
       "validUntil"},
      {"number for a string", application({{"holder", wf::Value(42)}}), "holder"},
      {"array for data", application({{"data", wf::Value(wf::Array{})}}), "data"},
      {"short caseCode", application({{"caseCode", wf::Value("3101052026")}}), "caseCode"},
      {"missing issuer", application({{"issuer", wf::Value()}}), "issuer"},
      {"malformed JSON", R"({"typeCode": "SH-FOOD-01",)", "body"},
      {"not an object", "[1, 2]", "body"},
  };
  for (const BadInput& c : cases) {
    SCOPED_TRACE(c.name);
    const Reply reply = client_->post(kLicences, c.body, {{"Idempotency-Key", "k-bad"}});
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(reply.code(), "INVALID_ARGUMENT") << reply.body;
    EXPECT_EQ(reply.field(), c.field) << reply.body;
    EXPECT_EQ(text(reply, "message").rfind(std::string(c.field) + ": ", 0), 0u) << reply.body;
  }
  const Reply no_key = client_->post(kLicences, application());
  EXPECT_EQ(no_key.status, 400);
  EXPECT_EQ(no_key.field(), "Idempotency-Key");
  EXPECT_EQ(stat("issued"), 0);
  EXPECT_EQ(stat("refused"), static_cast<int64_t>(cases.size()) + 1);
  // None of them took the key: a valid application under it is issued.
  issue(application(), "k-bad");
}

TEST_F(CitysimElicense, RefusesABodyOverOneMebibyte) {
  const std::string big = application(
      {{"data", wf::Value(wf::Object{{"blob", wf::Value(std::string(1 << 20, 'a'))}})}});
  const Reply reply = client_->post(kLicences, big, {{"Idempotency-Key", "k-big"}});
  EXPECT_EQ(reply.status, 413) << reply.body.substr(0, 200);
  EXPECT_EQ(reply.code(), "TOO_LARGE");
  EXPECT_EQ(stat("issued"), 0);
  // Just under the limit is read whole (and refused only for what it says).
  const std::string fits(1 << 20, ' ');
  const Reply blank = client_->post(kLicences, fits, {{"Idempotency-Key", "k-big"}});
  EXPECT_EQ(blank.status, 400) << blank.body;
  EXPECT_EQ(blank.field(), "body");
}

TEST_F(CitysimElicense, AnswersUnknownPathsWithNotFound) {
  EXPECT_EQ(client_->get("/elicense/v1/nothing").status, 404);
  EXPECT_EQ(client_->get("/elsewhere").status, 404);
}

}  // namespace
}  // namespace hall::citysim::test
