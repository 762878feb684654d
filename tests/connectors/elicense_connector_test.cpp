// 市电子证照库 through the hall's connector, against the real simulator
// (`hall-citysim`, a child process on port 0): the issue job asks for the
// matter's licence with the case's holder and gets its number; the same job
// run again gets the same licence (the job id is the idempotency key); a
// matter with no licence type and a refused signature fail without a
// licence; a platform that is down fails the job as worth retrying, and
// after repeated failures the breaker stops calling it at all; an answer
// that is malformed, wrongly typed or huge fails the job, and its rerun
// gets the licence issued the first time.
//
// And the outage the issue asks about, at CI scale: the library is down
// while 30 cases reach "issue"; when it returns, the engine's retries issue
// every licence exactly once (the simulator counts) and every case moves on.
#include "connectors/elicense/elicense_connector.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "city_connector_fixture.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

namespace connectors {
namespace {

using test::kFood;
using test::nowMillis;

// tests/fixtures/connectors/issue_only.bpmn: the issue task, then the hand-over.
std::string issueOnlyModel() {
  return hall::test::readFile(std::string(HALL_SOURCE_DIR) +
                              "/tests/fixtures/connectors/issue_only.bpmn");
}

// Every case's applicant: a resident of Changning.
class OneHolder final : public HolderDirectory {
 public:
  wf::Result<LicenceHolder> holderOf(const std::string& case_code) override {
    if (case_code.empty()) return wf::Status::notFound("no case");
    return LicenceHolder{"王小明", "ID_CARD", "11010519491231002X"};
  }
};

class ElicenseConnectorTest : public test::CityConnectorTest {
 protected:
  ElicenseConnectorTest() : CityConnectorTest("elicense") {}

  static wf::Value caseVariables(const std::string& case_code, const std::string& matter = kFood) {
    return wf::Value(wf::Object{{"caseCode", wf::Value(case_code)},
                                {"matterCode", wf::Value(matter)},
                                {"matterName", wf::Value("食品经营许可（新办）")},
                                {"applicantName", wf::Value("王**")}});
  }

  wf::Result<wf::Value> runJob(ElicenseConnector& connector, const std::string& job_id,
                               const wf::Value& variables) {
    wf::JobInfo job;
    job.id = job_id;
    job.type = ElicenseConnector::kIssueJob;
    return connector.issue(wf::JobContext{job, variables});
  }

  OneHolder holders_;
};

TEST_F(ElicenseConnectorTest, IssuesTheMattersLicenceOnceHoweverOftenTheJobRuns) {
  auto city = client();
  ElicenseConnector connector(*city, holders_, nowMillis);
  const wf::Value vars = caseVariables("31010520261129010000017");
  wf::Result<wf::Value> first = runJob(connector, "job-1", vars);
  ASSERT_TRUE(first.ok()) << first.status().toString();
  const wf::Value* licence = first->find("licence");
  ASSERT_NE(licence, nullptr);
  EXPECT_EQ(licence->find("name")->asString(), "食品经营许可证");
  EXPECT_EQ(licence->find("typeCode")->asString(), "SH-AMR-FOOD-01");
  EXPECT_EQ(licence->find("holder")->asString(), "王**") << "the variable keeps the mask";
  EXPECT_EQ(licence->find("source")->asString(), "city");
  ASSERT_TRUE(licence->find("validUntil")->isString());

  wf::Result<wf::Value> again = runJob(connector, "job-1", vars);
  ASSERT_TRUE(again.ok()) << again.status().toString();
  EXPECT_EQ(again->find("licence")->find("number")->asString(),
            licence->find("number")->asString());
  EXPECT_EQ(stat("issued"), 1);
  EXPECT_EQ(stat("duplicates"), 1);

  // The holder's licences, as intake would see them (用证清单).
  const auto usage = control_->get("/elicense/v1/licences?holderId=11010519491231002X");
  ASSERT_EQ(usage.status, 200) << usage.body;
  EXPECT_EQ(usage.json.asArray().size(), 1u);
}

TEST_F(ElicenseConnectorTest, WhatTheLibraryRefusesOrCannotDoFailsTheJobWithoutALicence) {
  auto city = client();
  ElicenseConnector connector(*city, holders_, nowMillis);
  const int64_t before = stat("requests");
  wf::Result<wf::Value> unknown = runJob(connector, "job-2", caseVariables("C1", "no-such-matter"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_TRUE(wf::isPermanentJobFailure(unknown.status())) << "an incident at once";
  EXPECT_NE(unknown.status().message().find("no-such-matter"), std::string::npos);
  EXPECT_EQ(stat("requests"), before) << "nothing was sent";

  auto forged = client("not the city's key");
  ElicenseConnector forger(*forged, holders_, nowMillis);
  wf::Result<wf::Value> refused = runJob(forger, "job-3", caseVariables("31010520261129010000018"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), wf::StatusCode::InvalidArgument) << "a 401 is not retried";
  EXPECT_TRUE(wf::isPermanentJobFailure(refused.status()));
  EXPECT_NE(refused.status().message().find("HTTP 401"), std::string::npos)
      << refused.status().message();
  EXPECT_EQ(stat("issued"), 0);
}

TEST_F(ElicenseConnectorTest, ADownPlatformIsRetriedThenTheBreakerStopsCallingIt) {
  auto city = client();
  ElicenseConnector connector(*city, holders_, nowMillis);
  downFor(60000);
  wf::Result<wf::Value> down = runJob(connector, "job-4", caseVariables("31010520261129010000019"));
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.status().code(), wf::StatusCode::Unavailable);
  EXPECT_FALSE(wf::isPermanentJobFailure(down.status())) << "worth the engine's retries";
  EXPECT_NE(down.status().message().find("HTTP 503"), std::string::npos) << down.status().message();
  // Three attempts, then two of the next job: five failures open the breaker.
  (void)runJob(connector, "job-5", caseVariables("31010520261129010000020"));
  EXPECT_EQ(city->breaker().state(), CircuitBreaker::State::Open);
  const int64_t sent = stat("requests");
  wf::Result<wf::Value> stopped =
      runJob(connector, "job-6", caseVariables("31010520261129010000021"));
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.status().code(), wf::StatusCode::Unavailable);
  EXPECT_NE(stopped.status().message().find("circuit open"), std::string::npos);
  EXPECT_EQ(stat("requests"), sent) << "an open breaker sends nothing";
  EXPECT_EQ(stat("issued"), 0);
}

// The library issues the licence, then spoils its answer: the job fails as
// worth retrying and says why; the connector goes on working, and the rerun
// of each job gets the licence issued the first time — one per case.
TEST_F(ElicenseConnectorTest, AGarbledAnswerFailsTheJobAndItsRetryGetsTheOneLicence) {
  auto city = client();
  ElicenseConnector connector(*city, holders_, nowMillis);
  const struct {
    const char* fault;
    const char* says;
  } garbles[] = {{"malformedRate", "malformed JSON"},
                 {"wrongTypesRate", "without licenceNumber and licenceId strings"},
                 {"hugeRate", "answer over 4194304 bytes refused"}};
  int cases = 0;
  for (const auto& g : garbles) {
    SCOPED_TRACE(g.fault);
    const std::string job = std::string("job-garbled-") + g.fault;
    const wf::Value vars = caseVariables("3101052026112901000003" + std::to_string(cases++));
    const auto spoil =
        control_->send("PUT", "/_sim/faults/elicense", std::string(R"({")") + g.fault + R"(": 1})");
    ASSERT_EQ(spoil.status, 200) << spoil.body;
    wf::Result<wf::Value> garbled = runJob(connector, job, vars);
    ASSERT_FALSE(garbled.ok());
    EXPECT_EQ(garbled.status().code(), wf::StatusCode::Unavailable);
    EXPECT_NE(garbled.status().message().find(g.says), std::string::npos)
        << garbled.status().message();

    ASSERT_EQ(control_->send("DELETE", "/_sim/faults/elicense", "").status, 200);
    wf::Result<wf::Value> retried = runJob(connector, job, vars);
    ASSERT_TRUE(retried.ok()) << retried.status().toString();
    EXPECT_TRUE(retried->find("licence")->find("number")->isString());
    EXPECT_EQ(stat("issued"), cases) << "the rerun got the licence issued the first time";
  }
  EXPECT_GE(stat("faulted"), 3);
  EXPECT_EQ(city->breaker().state(), CircuitBreaker::State::Closed);
}

TEST_F(ElicenseConnectorTest, AfterAnOutageEveryCaseGetsItsLicenceExactlyOnce) {
  constexpr int kCases = 30;
  hall::test::TempDir dir;
  std::unique_ptr<wf::Engine> engine = test::engineWith(dir.path(), issueOnlyModel());
  ASSERT_NE(engine, nullptr);
  auto city = client();
  ElicenseConnector connector(*city, holders_, nowMillis);
  connector.registerWith(*engine);

  downFor(2500);
  const std::vector<std::string> instances = test::startCases(
      *engine, "issue_only", kCases, [](const std::string& code) { return caseVariables(code); });
  engine->startJobWorkers();
  EXPECT_TRUE(test::eachWaitsAt(*engine, instances, "hand_over", std::chrono::seconds(60)));

  std::set<std::string> numbers;
  for (const std::string& id : instances) {
    const wf::InstanceInfo instance = engine->instance(id).value();
    ASSERT_EQ(instance.active_activity_ids, std::vector<std::string>{"hand_over"}) << id;
    numbers.insert(instance.variables.find("licence")->find("number")->asString());
  }
  EXPECT_EQ(numbers.size(), static_cast<size_t>(kCases)) << "one licence per case";
  EXPECT_EQ(stat("issued"), kCases) << "and the library issued each exactly once";
  EXPECT_GT(stat("faulted"), 0) << "the outage was met";
  engine.reset();
}

}  // namespace
}  // namespace connectors
