// 一网通办中台 through the hall's connector, against the real simulator: the
// submit job gets the case's unified code, the same job again the same code
// (the job id is the key); a refusal and an outage fail the job as they
// should; after an outage the engine's retries report every case exactly
// once; online cases are listed, taken (again: the same answer) and a form
// is read, an unknown matter's being NotFound.
#include "connectors/onenet/onenet_connector.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "city_connector_fixture.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

namespace connectors {
namespace {

using test::kFood;

constexpr const char* kHall = "310105-CN01";

// Every case: accepted a minute ago at W12 from a resident of Changning, or
// (for case codes ending in "X") from one with a wrong ID number.
class Cases final : public AcceptedCases {
 public:
  wf::Result<AcceptedCase> acceptedCase(const std::string& case_code) override {
    // As stored with the case: the same at every run of the job.
    if (case_code.empty()) return wf::Status::notFound("no case");
    const bool bad = case_code.back() == 'X';
    return AcceptedCase{"王小明", "ID_CARD", bad ? "110105194912310021" : "11010519491231002X",
                        accepted_at_, "W12"};
  }

 private:
  const int64_t accepted_at_ = test::nowMillis() - 60'000;
};

wf::Value caseVariables(const std::string& case_code) {
  return wf::Value(wf::Object{{"caseCode", wf::Value(case_code)},
                              {"matterCode", wf::Value(kFood)},
                              {"matterName", wf::Value("食品经营许可（新办）")}});
}

class OnenetConnectorTest : public test::CityConnectorTest {
 protected:
  OnenetConnectorTest() : CityConnectorTest("onenet") {}

  wf::Result<wf::Value> submit(OnenetConnector& c, const std::string& job,
                               const std::string& code) {
    return runJob([&](const wf::JobContext& j) { return c.submit(j); }, OnenetConnector::kSubmitJob,
                  job, caseVariables(code));
  }

  std::string applyOnline() {
    const auto r = control_->sendRaw(
        "POST", "/_sim/onenet/online-cases",
        wf::Value(wf::Object{{"matterCode", wf::Value(kFood)},
                             {"applicant",
                              wf::Value(wf::Object{{"name", wf::Value("李四")},
                                                   {"idType", wf::Value("ID_CARD")},
                                                   {"idNumber", wf::Value("11010519491231002X")}})},
                             {"hallCode", wf::Value(kHall)}})
            .toJson(),
        {});
    EXPECT_EQ(r.status, 201) << r.body;
    const wf::Value* id = r.json.find("id");
    return id != nullptr && id->isString() ? id->asString() : std::string();
  }

  Cases cases_;
};

TEST_F(OnenetConnectorTest, ACaseGetsOneUnifiedCodeHoweverOftenTheJobRuns) {
  auto city = client();
  OnenetConnector connector(*city, cases_, kHall);
  const wf::Result<wf::Value> first = submit(connector, "job-1", "31010520261129010000017");
  ASSERT_TRUE(first.ok()) << first.status().toString();
  const wf::Value* code = first->find("unifiedCode");
  ASSERT_TRUE(code != nullptr && code->isString());
  EXPECT_EQ(code->asString().size(), 22u);
  const wf::Result<wf::Value> again = submit(connector, "job-1", "31010520261129010000017");
  ASSERT_TRUE(again.ok()) << again.status().toString();
  EXPECT_EQ(again->find("unifiedCode")->asString(), code->asString());
  EXPECT_EQ(stat("issued"), 1);
  EXPECT_EQ(stat("duplicates"), 1);
}

TEST_F(OnenetConnectorTest, AnInstanceWithNoCaseCodeHasNothingToReport) {
  auto city = client();
  OnenetConnector connector(*city, cases_, kHall);
  const wf::Result<wf::Value> skipped = submit(connector, "job-0", "");
  ASSERT_TRUE(skipped.ok()) << skipped.status().toString();
  EXPECT_TRUE(skipped->find("unifiedCode")->isNull());
  EXPECT_EQ(stat("requests"), 0) << "nothing was sent";
}

TEST_F(OnenetConnectorTest, ARefusalIsNotRetriedAndAnOutageIs) {
  auto city = client();
  OnenetConnector connector(*city, cases_, kHall);
  const wf::Result<wf::Value> refused = submit(connector, "job-2", "3101052026112901000001X");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(refused.status().message().find("applicant.idNumber"), std::string::npos)
      << refused.status().message();
  EXPECT_EQ(stat("requests"), 1) << "one request, not retried";

  downFor(60000);
  const wf::Result<wf::Value> down = submit(connector, "job-3", "31010520261129010000018");
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.status().code(), wf::StatusCode::Unavailable);
  EXPECT_EQ(stat("issued"), 0);
}

TEST_F(OnenetConnectorTest, AfterAnOutageEveryCaseIsReportedExactlyOnce) {
  constexpr int kCases = 8;
  hall::test::TempDir dir;
  std::unique_ptr<wf::Engine> engine = test::engineWith(
      dir.path(), hall::test::readFile(std::string(HALL_SOURCE_DIR) +
                                       "/tests/fixtures/connectors/onenet_submit.bpmn"));
  ASSERT_NE(engine, nullptr);
  auto city = client();
  OnenetConnector connector(*city, cases_, kHall);
  connector.registerWith(*engine);

  downFor(1500);
  const std::vector<std::string> instances =
      test::startCases(*engine, "onenet_submit", kCases,
                       [](const std::string& code) { return caseVariables(code); });
  engine->startJobWorkers();
  EXPECT_TRUE(test::eachWaitsAt(*engine, instances, "wait", std::chrono::seconds(30)));
  std::set<std::string> codes;
  for (const std::string& id : instances) {
    const wf::InstanceInfo instance = engine->instance(id).value();
    ASSERT_EQ(instance.active_activity_ids, std::vector<std::string>{"wait"}) << id;
    codes.insert(instance.variables.find("unifiedCode")->asString());
  }
  EXPECT_EQ(codes.size(), static_cast<size_t>(kCases)) << "one unified code per case";
  EXPECT_EQ(stat("issued"), kCases) << "each reported exactly once";
  EXPECT_GT(stat("faulted"), 0) << "the outage was met";
  engine.reset();
}

TEST_F(OnenetConnectorTest, TakesAnOnlineCaseInOnceAndReadsForms) {
  auto city = client();
  OnenetConnector connector(*city, cases_, kHall);
  const std::string id = applyOnline();
  const wf::Result<wf::Value> pending = connector.pendingOnlineCases();
  ASSERT_TRUE(pending.ok()) << pending.status().toString();
  ASSERT_EQ(pending->asArray().size(), 1u);

  const wf::Result<wf::Value> taken = connector.take(id);
  ASSERT_TRUE(taken.ok()) << taken.status().toString();
  EXPECT_EQ(taken->find("matterCode")->asString(), kFood);
  EXPECT_EQ(taken->find("applicant")->find("idNumber")->asString(), "11010519491231002X");
  const wf::Result<wf::Value> again = connector.take(id);
  ASSERT_TRUE(again.ok()) << "the hall's own retake is replayed: " << again.status().toString();
  EXPECT_TRUE(connector.pendingOnlineCases()->asArray().empty());

  OnenetConnector other_hall(*city, cases_, "310104-XH01");
  const wf::Result<wf::Value> refused = other_hall.take(applyOnline());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), wf::StatusCode::Conflict);

  const wf::Result<wf::Value> form = connector.form(kFood);
  ASSERT_TRUE(form.ok()) << form.status().toString();
  EXPECT_FALSE(form->find("fields")->asArray().empty());
  const wf::Result<wf::Value> none = connector.form("no-such-matter");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), wf::StatusCode::NotFound);
}

}  // namespace
}  // namespace connectors
