// 市电子证照库 after issue, through the hall's connector against the real
// simulator: the usage list (用证清单) intake reads — a holder's licences
// with status and last day, nothing sent for a malformed identity, and an
// outage an error that never names the holder; 注销 (elicense.revoke) —
// once, a rerun counted as done, an unknown licence or a missing reason a
// permanent failure; 子母证 (elicense.link) — children linked once however
// often the job runs, an unknown child a permanent failure. And both job
// types on a real engine with a fixture model, across a short outage.
#include <gtest/gtest.h>

#include <chrono>

#include "city_connector_fixture.h"
#include "connectors/elicense/elicense_connector.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

namespace connectors {
namespace {

using test::nowMillis;

constexpr const char* kFood = "00012310600001-310105000000-000-11310105MB2F1952X1-1-00";
constexpr const char* kHygiene = "00012360300001-310105000000-000-11310105002470088K-1-00";
constexpr const char* kRestaurant = "open-restaurant";
constexpr const char* kHolderId = "11010519491231002X";

class OneHolder final : public HolderDirectory {
 public:
  wf::Result<LicenceHolder> holderOf(const std::string&) override {
    return LicenceHolder{"王小明", "ID_CARD", kHolderId};
  }
};

class ElicenseLifecycleTest : public test::CityConnectorTest {
 protected:
  ElicenseLifecycleTest() : CityConnectorTest("elicense") {}

  void SetUp() override {
    CityConnectorTest::SetUp();
    city_ = client();
    connector_ = std::make_unique<ElicenseConnector>(*city_, holders_, nowMillis);
  }

  // Issues the licence of `matter` to the holder; its id.
  std::string issued(const std::string& matter, const std::string& case_code) {
    const wf::Value vars(wf::Object{{"caseCode", wf::Value(case_code)},
                                    {"matterCode", wf::Value(matter)},
                                    {"applicantName", wf::Value("王**")}});
    auto licence = runJob([&](const wf::JobContext& j) { return connector_->issue(j); },
                          ElicenseConnector::kIssueJob, "issue-" + case_code, vars);
    EXPECT_TRUE(licence.ok()) << licence.status().toString();
    return licence.ok() ? licence->find("licence")->find("id")->asString() : std::string();
  }

  wf::Result<wf::Value> revoke(const std::string& job_id, const wf::Value& vars) {
    return runJob([&](const wf::JobContext& j) { return connector_->revoke(j); },
                  ElicenseConnector::kRevokeJob, job_id, vars);
  }
  wf::Result<wf::Value> link(const std::string& job_id, const wf::Value& vars) {
    return runJob([&](const wf::JobContext& j) { return connector_->link(j); },
                  ElicenseConnector::kLinkJob, job_id, vars);
  }

  wf::Value licenceAtTheLibrary(const std::string& id) {
    const auto reply = control_->get("/elicense/v1/licences/" + id);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json;
  }

  static wf::Value ids(std::initializer_list<const char*> list) {
    wf::Array out;
    for (const char* s : list) out.emplace_back(s);
    return wf::Value(std::move(out));
  }

  OneHolder holders_;
  std::unique_ptr<CityClient> city_;
  std::unique_ptr<ElicenseConnector> connector_;
};

TEST_F(ElicenseLifecycleTest, TheUsageListHasTheHoldersLicencesWithStatusAndLastDay) {
  const std::string food = issued(kFood, "31010520261129010000101");
  const std::string hygiene = issued(kHygiene, "31010520261129010000102");
  ASSERT_TRUE(revoke("revoke-1", wf::Value(wf::Object{{"licenceId", wf::Value(hygiene)},
                                                      {"revokeReason", wf::Value("歇业")}}))
                  .ok());

  wf::Result<std::vector<HeldLicence>> held = connector_->licencesOf("ID_CARD", kHolderId);
  ASSERT_TRUE(held.ok()) << held.status().toString();
  ASSERT_EQ(held->size(), 2u);
  EXPECT_EQ((*held)[0].id, food);
  EXPECT_EQ((*held)[0].type_code, "SH-AMR-FOOD-01");
  EXPECT_EQ((*held)[0].name, "食品经营许可证");
  EXPECT_EQ((*held)[0].status, "valid");
  EXPECT_EQ((*held)[0].valid_until.size(), 10u) << "valid 5 years: a last day";
  EXPECT_EQ((*held)[1].id, hygiene);
  EXPECT_EQ((*held)[1].status, "revoked");

  wf::Result<std::vector<HeldLicence>> none = connector_->licencesOf("USCC", "91310105MA1FL0000X");
  ASSERT_TRUE(none.ok()) << none.status().toString();
  EXPECT_TRUE(none->empty());
}

TEST_F(ElicenseLifecycleTest, AMalformedIdentityIsRefusedHereAndAnOutageNeverNamesTheHolder) {
  const int64_t before = stat("requests");
  for (const auto& [type, number, field] :
       {std::tuple{"PASSPORT", kHolderId, "idType"}, std::tuple{"ID_CARD", "1101", "idNumber"},
        std::tuple{"ID_CARD", "11010519491231002X&x=1", "idNumber"}}) {
    auto refused = connector_->licencesOf(type, number);
    ASSERT_FALSE(refused.ok()) << number;
    EXPECT_EQ(refused.status().code(), wf::StatusCode::InvalidArgument);
    EXPECT_EQ(refused.status().message().rfind(field, 0), 0u) << refused.status().message();
  }
  EXPECT_EQ(stat("requests"), before) << "nothing was sent";

  downFor(60000);
  auto down = connector_->licencesOf("ID_CARD", kHolderId);
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.status().code(), wf::StatusCode::Unavailable);
  EXPECT_NE(down.status().message().find("HTTP 503"), std::string::npos) << down.status().message();
  EXPECT_EQ(down.status().message().find(kHolderId), std::string::npos)
      << "the holder's number is in no error";
}

TEST_F(ElicenseLifecycleTest, RevokesOnceAndARerunCountsAsDone) {
  const std::string id = issued(kFood, "31010520261129010000103");
  const wf::Value vars(
      wf::Object{{"licenceId", wf::Value(id)}, {"revokeReason", wf::Value("申请人申请注销")}});
  wf::Result<wf::Value> first = revoke("revoke-2", vars);
  ASSERT_TRUE(first.ok()) << first.status().toString();
  const wf::Value* r = first->find("licenceRevocation");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->find("licenceId")->asString(), id);
  EXPECT_EQ(r->find("status")->asString(), "revoked");
  EXPECT_FALSE(r->find("alreadyRevoked")->asBool());
  EXPECT_TRUE(r->find("licenceNumber")->isString());
  EXPECT_TRUE(r->find("revokedAt")->isNumber());
  const wf::Value at_library = licenceAtTheLibrary(id);
  EXPECT_EQ(at_library.find("status")->asString(), "revoked");
  EXPECT_EQ(at_library.find("revokeReason")->asString(), "申请人申请注销");

  wf::Result<wf::Value> again = revoke("revoke-2", vars);
  ASSERT_TRUE(again.ok()) << "409 revoked already is done: " << again.status().toString();
  EXPECT_TRUE(again->find("licenceRevocation")->find("alreadyRevoked")->asBool());
  EXPECT_EQ(licenceAtTheLibrary(id).find("revokeReason")->asString(), "申请人申请注销")
      << "the first reason stands";

  // No licenceId: the case's own licence, as elicense.issue left it.
  const std::string own = issued(kFood, "31010520261129010000104");
  wf::Result<wf::Value> by_case = revoke(
      "revoke-3", wf::Value(wf::Object{{"licence", wf::Value(wf::Object{{"id", wf::Value(own)}})},
                                       {"revokeReason", wf::Value("许可被撤销")}}));
  ASSERT_TRUE(by_case.ok()) << by_case.status().toString();
  EXPECT_EQ(licenceAtTheLibrary(own).find("status")->asString(), "revoked");
}

TEST_F(ElicenseLifecycleTest, WhatNoRetryMendsFailsTheRevocationAtOnce) {
  const int64_t before = stat("requests");
  for (const wf::Value& vars : {wf::Value(wf::Object{{"revokeReason", wf::Value("x")}}),
                                wf::Value(wf::Object{{"licenceId", wf::Value("lic-00000001")}}),
                                wf::Value(wf::Object{{"licenceId", wf::Value("../_sim/faults")},
                                                     {"revokeReason", wf::Value("x")}})}) {
    wf::Result<wf::Value> refused = revoke("revoke-bad", vars);
    ASSERT_FALSE(refused.ok()) << vars.toJson();
    EXPECT_TRUE(wf::isPermanentJobFailure(refused.status())) << refused.status().message();
  }
  EXPECT_EQ(stat("requests"), before) << "nothing was sent";

  wf::Result<wf::Value> unknown =
      revoke("revoke-4", wf::Value(wf::Object{{"licenceId", wf::Value("lic-99999999")},
                                              {"revokeReason", wf::Value("x")}}));
  ASSERT_FALSE(unknown.ok());
  EXPECT_TRUE(wf::isPermanentJobFailure(unknown.status()));
  EXPECT_NE(unknown.status().message().find("HTTP 404"), std::string::npos)
      << unknown.status().message();

  downFor(60000);
  const std::string id = "lic-00000001";
  wf::Result<wf::Value> down =
      revoke("revoke-5",
             wf::Value(wf::Object{{"licenceId", wf::Value(id)}, {"revokeReason", wf::Value("x")}}));
  ASSERT_FALSE(down.ok());
  EXPECT_FALSE(wf::isPermanentJobFailure(down.status())) << "an outage is worth the retries";
}

TEST_F(ElicenseLifecycleTest, LinksChildrenToTheParentOnceHoweverOftenTheJobRuns) {
  const std::string parent = issued(kRestaurant, "31010520261129010000105");
  const std::string food = issued(kFood, "31010520261129010000106");
  const std::string hygiene = issued(kHygiene, "31010520261129010000107");
  // Children as ids, or as the licences the matters' issue tasks left.
  const wf::Value vars(wf::Object{
      {"parentLicenceId", wf::Value(parent)},
      {"childLicenceIds",
       wf::Value(wf::Array{wf::Value(food), wf::Value(wf::Object{{"id", wf::Value(hygiene)}}),
                           wf::Value(food)})}});
  for (int run = 0; run < 2; ++run) {
    wf::Result<wf::Value> linked = link("link-1", vars);
    ASSERT_TRUE(linked.ok()) << linked.status().toString();
    const wf::Value* links = linked->find("licenceLinks");
    EXPECT_EQ(links->find("parentId")->asString(), parent);
    EXPECT_EQ(links->find("children")->asArray().size(), 2u);
    const wf::Value at_library = licenceAtTheLibrary(parent);
    ASSERT_EQ(at_library.find("children")->asArray().size(), 2u) << at_library.toJson();
    EXPECT_EQ(at_library.find("children")->asArray()[0].asString(), food);
    EXPECT_EQ(at_library.find("children")->asArray()[1].asString(), hygiene);
  }

  // No parentLicenceId: the case's own licence (the theme's 行业综合许可证).
  wf::Result<wf::Value> by_case =
      link("link-2",
           wf::Value(wf::Object{{"licence", wf::Value(wf::Object{{"id", wf::Value(parent)}})},
                                {"childLicenceIds", wf::Value(wf::Array{wf::Value(hygiene)})}}));
  ASSERT_TRUE(by_case.ok()) << by_case.status().toString();
  EXPECT_EQ(licenceAtTheLibrary(parent).find("children")->asArray().size(), 2u);

  wf::Result<wf::Value> unknown =
      link("link-3", wf::Value(wf::Object{{"parentLicenceId", wf::Value(parent)},
                                          {"childLicenceIds", ids({"lic-99999999"})}}));
  ASSERT_FALSE(unknown.ok());
  EXPECT_TRUE(wf::isPermanentJobFailure(unknown.status()));
  EXPECT_NE(unknown.status().message().find("HTTP 404"), std::string::npos);

  const int64_t before = stat("requests");
  for (const wf::Value& bad :
       {wf::Value(wf::Object{{"parentLicenceId", wf::Value(parent)}}),
        wf::Value(wf::Object{{"parentLicenceId", wf::Value(parent)},
                             {"childLicenceIds", wf::Value(wf::Array{wf::Value(parent)})}}),
        wf::Value(wf::Object{{"parentLicenceId", wf::Value(parent)},
                             {"childLicenceIds", wf::Value(wf::Array{wf::Value(7.0)})}})}) {
    wf::Result<wf::Value> refused = link("link-bad", bad);
    ASSERT_FALSE(refused.ok()) << bad.toJson();
    EXPECT_TRUE(wf::isPermanentJobFailure(refused.status())) << refused.status().message();
  }
  EXPECT_EQ(stat("requests"), before) << "nothing was sent";
}

// On a real engine: the fixture model links, then revokes, through a short
// outage the engine's durable retries outlast.
TEST_F(ElicenseLifecycleTest, TheJobTypesRunInAModelAndOutlastAnOutage) {
  const std::string parent = issued(kRestaurant, "31010520261129010000108");
  const std::string food = issued(kFood, "31010520261129010000109");
  hall::test::TempDir dir;
  std::unique_ptr<wf::Engine> engine = test::engineWith(
      dir.path(), hall::test::readFile(std::string(HALL_SOURCE_DIR) +
                                       "/tests/fixtures/connectors/revoke_link.bpmn"));
  ASSERT_NE(engine, nullptr);
  connector_->registerWith(*engine);
  downFor(600);
  auto started = engine->startInstance(
      "revoke_link",
      wf::Value(wf::Object{{"parentLicenceId", wf::Value(parent)},
                           {"childLicenceIds", wf::Value(wf::Array{wf::Value(food)})},
                           {"licenceId", wf::Value(food)},
                           {"revokeReason", wf::Value("并入行业综合许可证")}}),
      "31010520261129010000109");
  ASSERT_TRUE(started.ok()) << started.status().toString();
  engine->startJobWorkers();
  ASSERT_TRUE(test::eachWaitsAt(*engine, {started->id}, "done", std::chrono::seconds(20)));

  const wf::InstanceInfo instance = engine->instance(started->id).value();
  EXPECT_EQ(instance.variables.find("licenceLinks")->find("children")->asArray().size(), 1u);
  EXPECT_EQ(instance.variables.find("licenceRevocation")->find("licenceId")->asString(), food);
  EXPECT_EQ(licenceAtTheLibrary(parent).find("children")->asArray().at(0).asString(), food);
  EXPECT_EQ(licenceAtTheLibrary(food).find("status")->asString(), "revoked");
  EXPECT_GT(stat("faulted"), 0) << "the outage was met";
  engine.reset();
}

}  // namespace
}  // namespace connectors
