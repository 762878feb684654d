// 市好差评 through the hall's connector, against the real simulator: the
// submit job sends the rating the instance holds and gets the city's id; the
// job run again (or a second process of the same rating) is one rating at
// the city (the key is the hall's rating id); a case the city has another
// rating of is a refusal, not retried; a platform that is down fails the job
// as worth retrying. And through the engine: the rating model's submit task
// and, for a poor rating, its 整改 task for the managers with a due date.
// After an outage, the ratings that back off go as soon as the platform
// answers again (CityClient::onRecovered → Engine::retryJobsNow).
#include "connectors/rating/rating_connector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <thread>

#include "city_connector_fixture.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

namespace connectors {
namespace {

using namespace test;  // the fixture, its constants and clock

wf::Value ratingVariables(const std::string& rating_id, int level,
                          const std::string& case_code = kCaseCode) {
  return wf::Value(wf::Object{{"ratingId", wf::Value(rating_id)},
                              {"serviceType", wf::Value("case")},
                              {"caseCode", wf::Value(case_code)},
                              {"matterCode", wf::Value(kFood)},
                              {"level", wf::Value(level)},
                              {"channel", wf::Value("window")},
                              {"window", wf::Value("W01")},
                              {"clerk", wf::Value("clerk01")},
                              {"comment", wf::Value("材料一次说清，很满意")},
                              {"ratedAt", wf::Value(nowMillis() - 1000)}});
}

class RatingConnectorTest : public CityConnectorTest {
 protected:
  RatingConnectorTest() : CityConnectorTest("rating") {}
  wf::Result<wf::Value> runJob(RatingConnector& connector, const std::string& job_id,
                               const wf::Value& variables) {
    return CityConnectorTest::runJob([&](const wf::JobContext& j) { return connector.submit(j); },
                                     RatingConnector::kSubmitJob, job_id, variables);
  }
};

TEST_F(RatingConnectorTest, SubmitsTheRatingOnceHoweverOftenItIsSent) {
  auto city = client();
  RatingConnector connector(*city);
  const wf::Value vars = ratingVariables("rt-1", 5);
  wf::Result<wf::Value> first = runJob(connector, "job-1", vars);
  ASSERT_TRUE(first.ok()) << first.status().toString();
  const std::string city_id = first->find("cityRatingId")->asString();
  EXPECT_FALSE(city_id.empty());
  EXPECT_EQ(first->find("ratingSource")->asString(), "city");
  // Another job of the same rating (a process started twice): the same one.
  wf::Result<wf::Value> again = runJob(connector, "job-2", vars);
  ASSERT_TRUE(again.ok()) << again.status().toString();
  EXPECT_EQ(again->find("cityRatingId")->asString(), city_id);
  EXPECT_EQ(stat("issued"), 1);
  EXPECT_EQ(stat("duplicates"), 1);

  const auto listed = control_->get(std::string("/rating/v1/ratings?caseCode=") + kCaseCode);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json.asArray().size(), 1u);
  const wf::Value& r = listed.json.asArray()[0];
  EXPECT_EQ(r.find("level")->asNumber(), 5);
  EXPECT_EQ(r.find("matterCode")->asString(), kFood);
  EXPECT_EQ(r.find("clerk")->asString(), "clerk01");
  EXPECT_EQ(r.find("comment")->asString(), "材料一次说清，很满意");
}

TEST_F(RatingConnectorTest, ARefusalIsNotRetriedAndAnOutageIs) {
  auto city = client();
  RatingConnector connector(*city);
  ASSERT_TRUE(runJob(connector, "job-1", ratingVariables("rt-1", 5)).ok());
  const int64_t before = stat("requests");
  wf::Result<wf::Value> other = runJob(connector, "job-2", ratingVariables("rt-2", 1));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(other.status().message().find("ALREADY_RATED"), std::string::npos)
      << other.status().message();
  EXPECT_EQ(stat("requests"), before + 1) << "a 409 is sent once";

  wf::Result<wf::Value> no_id = runJob(connector, "job-3", wf::Value(wf::Object{}));
  ASSERT_FALSE(no_id.ok());
  EXPECT_EQ(no_id.status().code(), wf::StatusCode::InvalidArgument);

  downFor(60000);
  wf::Result<wf::Value> down = runJob(connector, "job-4", ratingVariables("rt-4", 3));
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.status().code(), wf::StatusCode::Unavailable);
  EXPECT_NE(down.status().message().find("HTTP 503"), std::string::npos);
  EXPECT_EQ(stat("issued"), 1);
}

// The repository's rating model on an engine: submitted through the job
// table; a poor rating waits at 整改 for the managers, due in 5 working days.
TEST_F(RatingConnectorTest, ThePoorRatingOfTheModelOpensAFollowUpForTheManagers) {
  hall::test::TempDir dir;
  std::unique_ptr<wf::Engine> engine = openEngine(dir.path());
  ASSERT_NE(engine, nullptr);
  for (const char* file : {"/models/calendar/cn-mainland.xml", "/models/processes/rating.bpmn"}) {
    const std::string path = std::string(HALL_SOURCE_DIR) + file;
    const auto deployed = engine->deploy(path, hall::test::readFile(path));
    ASSERT_TRUE(deployed.ok()) << file << ": " << deployed.status().toString();
  }
  auto city = client();
  RatingConnector connector(*city);
  connector.registerWith(*engine);
  engine->startJobWorkers();

  wf::Value poor = ratingVariables("rt-poor", 2);
  auto poor_instance = engine->startInstance("rating", poor, "rt-poor");
  ASSERT_TRUE(poor_instance.ok()) << poor_instance.status().toString();
  ASSERT_TRUE(engine->waitForJobsIdle(std::chrono::seconds(10)));
  wf::TaskQuery query;
  query.instance_id = poor_instance->id;
  const auto tasks = engine->tasks(query);
  ASSERT_TRUE(tasks.ok());
  ASSERT_EQ(tasks->size(), 1u);
  const wf::TaskInfo& follow_up = tasks->front();
  EXPECT_EQ(follow_up.element_id, "follow_up");
  EXPECT_EQ(follow_up.candidate_groups, std::vector<std::string>{"manager"});
  EXPECT_EQ(follow_up.queue, "rating-follow-up");
  // Five working days: at least five days on, at most five plus a long holiday.
  EXPECT_GE(follow_up.due_at, follow_up.created_at + 5 * 86'400'000LL - 86'400'000LL);
  EXPECT_LE(follow_up.due_at, follow_up.created_at + 16 * 86'400'000LL);
  const wf::InstanceInfo sent = engine->instance(poor_instance->id).value();
  EXPECT_EQ(sent.variables.find("ratingSource")->asString(), "city");
  EXPECT_EQ(stat("issued"), 1);

  // A good rating (of another case) needs no follow-up: the instance ends.
  wf::Object good = ratingVariables("rt-good", 4).asObject();
  good["caseCode"] = wf::Value("31010520261129010000025");
  auto good_instance = engine->startInstance("rating", wf::Value(good), "rt-good");
  ASSERT_TRUE(good_instance.ok());
  ASSERT_TRUE(engine->waitForJobsIdle(std::chrono::seconds(10)));
  EXPECT_NE(engine->instance(good_instance->id)->ended_at, 0);
  EXPECT_EQ(stat("issued"), 2);
  engine.reset();
}

// A submit task with room for long backoffs (1 s, 2 s, 4 s, 8 s …).
constexpr const char* kPatientSubmit = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:hall="urn:hall:bpmn:1" id="defs_patient" targetNamespace="urn:hall:test">
  <bpmn:process id="patient_rating" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="submit" hall:connector="rating.submit" hall:retries="10" />
    <bpmn:userTask id="sent" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="submit" />
    <bpmn:sequenceFlow id="f2" sourceRef="submit" targetRef="sent" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f3" sourceRef="sent" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>)";

TEST_F(RatingConnectorTest, AfterAnOutageTheBackloggedRatingsGoAsSoonAsThePlatformAnswers) {
  hall::test::TempDir dir;
  std::unique_ptr<wf::Engine> engine = engineWith(dir.path(), kPatientSubmit);
  ASSERT_NE(engine, nullptr);
  auto city = client();
  RatingConnector connector(*city);
  connector.registerWith(*engine);
  std::atomic<int> recoveries{0};
  std::atomic<int> hurried{0};
  city->onRecovered([&] {
    ++recoveries;
    const wf::Result<int> due = engine->retryJobsNow({RatingConnector::kSubmitJob});
    hurried += due.ok() ? *due : -100;
  });
  engine->startJobWorkers();

  downFor(60000);
  constexpr int kRatings = 6;
  const std::vector<std::string> instances =
      startCases(*engine, "patient_rating", kRatings,
                 [](const std::string& code) { return ratingVariables("rt-" + code, 4, code); });
  ASSERT_EQ(instances.size(), size_t{kRatings});
  // Each has failed three times (after 1 s and 2 s): the next try waits 4 s.
  const auto backingOff = [&] {
    const auto jobs = engine->jobs(wf::JobState::Pending);
    return jobs.ok() && jobs->size() == size_t{kRatings} &&
           std::all_of(jobs->begin(), jobs->end(), [](const wf::JobInfo& j) {
             return j.retries <= 7 && j.due_at > nowMillis();
           });
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!backingOff()) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the jobs never backed off";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  int64_t first_due = INT64_MAX;
  const auto waiting = engine->jobs(wf::JobState::Pending);
  ASSERT_TRUE(waiting.ok());
  for (const wf::JobInfo& j : *waiting) first_due = std::min(first_due, j.due_at);
  EXPECT_EQ(recoveries.load(), 0);

  ASSERT_EQ(control_->send("DELETE", "/_sim/faults/rating").status, 200);
  // The first call that gets an answer (as the hall's next request would)
  // tells of the recovery; the breaker may still refuse for up to 300 ms.
  const auto probe_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!city->send("GET", std::string("/ratings?caseCode=") + kCaseCode, "").ok()) {
    ASSERT_LT(std::chrono::steady_clock::now(), probe_deadline) << "the platform never answered";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(recoveries.load(), 1);
  EXPECT_EQ(hurried.load(), kRatings);
  ASSERT_TRUE(eachWaitsAt(*engine, instances, "sent", std::chrono::seconds(10)));
  const int64_t drained = nowMillis();
  EXPECT_LT(drained, first_due) << "drained " << first_due - drained << " ms before any backoff";
  EXPECT_EQ(stat("issued"), kRatings);
  EXPECT_EQ(recoveries.load(), 1) << "once per recovery";
  engine.reset();
}

}  // namespace
}  // namespace connectors
