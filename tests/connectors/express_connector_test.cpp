// 市快递平台 through the hall's connector, against the real simulator
// (`hall-citysim`, a child process on port 0): the waybill job asks for a
// waybill for the case's certificate, from the hall (the connector file's
// <sender>) to the recipient opened from its sealed form, and gets its
// number; the same job run again gets the same waybill (the job id is the
// idempotency key); a recipient the platform refuses, a case with no
// recipient and a platform that is down fail the job as they should.
//
// And the repository's matter model (食品经营许可) with it: after 出证 by
// express the engine makes the waybill and waits for express.delivered;
// collected on the way is noted, the same event twice has one effect,
// collected after delivered has none, and a delivered that comes before
// the case waits is kept and taken when it gets there.
#include "connectors/express/express_connector.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "connectors/common/platform_config.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"
#include "tools/citysim/citysim_process.h"

namespace connectors {
namespace {

using hall::citysim::test::CitysimClient;
using hall::citysim::test::CitysimProcess;

constexpr const char* kKey = "express-connector-test-key";
constexpr const char* kCase = "31010520261129010000017";
const std::filesystem::path kModels = std::filesystem::path(HALL_SOURCE_DIR) / "models";

// Opens any sealed recipient as 李四 of 长宁区 (the district as the variable
// names it, so a test can ask for a bad one); counts what it opened.
class OneRecipient final : public RecipientDirectory {
 public:
  wf::Result<WaybillRecipient> recipientOf(const wf::Value& sealed) override {
    ++opened;
    const wf::Value* district = sealed.find("district");
    return WaybillRecipient{"李四", "13812345678", "上海市长宁区长宁路1号",
                            district != nullptr ? district->asString() : "长宁区"};
  }
  int opened = 0;
};

PlatformConfig expressConfig() {
  auto read = readPlatformConfigs(kModels / "connectors");
  EXPECT_TRUE(read.ok()) << read.status().message();
  PlatformConfig c = read->at("express");
  c.retry = RetryPolicy{2, std::chrono::milliseconds(5), std::chrono::milliseconds(20)};
  c.timeout = std::chrono::milliseconds(3000);
  return c;
}

wf::Value sealedRecipient(const std::string& district = "长宁区") {
  return wf::Value(wf::Object{{"nameMasked", wf::Value("李*")},
                              {"phoneMasked", wf::Value("138****5678")},
                              {"district", wf::Value(district)},
                              {"sealed", wf::Value("opaque")}});
}

class ExpressConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = hall::citysim::test::CitysimProcess::startQuiet(kKey);
    ASSERT_TRUE(started.ok()) << started.status().toString();
    sim_ = std::move(started).value();
    control_ = std::make_unique<CitysimClient>(sim_->host(), sim_->port(), kKey);
    city_ = std::make_unique<CityClient>(expressConfig(), sim_->url(), kKey,
                                         hall::citysim::test::nowMs);
    connector_ = std::make_unique<ExpressConnector>(*city_, recipients_);
  }

  wf::Result<wf::Value> runJob(const std::string& job_id, const wf::Value& variables) {
    wf::JobInfo job;
    job.id = job_id;
    job.type = ExpressConnector::kWaybillJob;
    return connector_->waybill(wf::JobContext{job, variables});
  }

  static wf::Value caseVariables(const wf::Value& recipient = sealedRecipient()) {
    return wf::Value(wf::Object{
        {"caseCode", wf::Value(kCase)},
        {"matterName", wf::Value("食品经营许可（新办）")},
        {"licence", wf::Value(wf::Object{{"number", wf::Value("SH-AMR-FOOD-01-2026-000001")},
                                         {"name", wf::Value("食品经营许可证")}})},
        {"delivery", wf::Value("express")},
        {"recipient", recipient}});
  }

  int64_t stat(const std::string& name) {
    const auto reply = control_->get("/_sim/stats");
    const wf::Value* platform = reply.json.isObject() ? reply.json.find("express") : nullptr;
    const wf::Value* v = platform != nullptr ? platform->find(name) : nullptr;
    return v != nullptr && v->isNumber() ? static_cast<int64_t>(v->asNumber()) : -1;
  }

  std::unique_ptr<CitysimProcess> sim_;
  std::unique_ptr<CitysimClient> control_;
  OneRecipient recipients_;
  std::unique_ptr<CityClient> city_;
  std::unique_ptr<ExpressConnector> connector_;
};

TEST_F(ExpressConnectorTest, MakesOneWaybillHoweverOftenTheJobRuns) {
  wf::Result<wf::Value> first = runJob("job-1", caseVariables());
  ASSERT_TRUE(first.ok()) << first.status().toString();
  const std::string number = first->find("waybill")->find("number")->asString();
  EXPECT_EQ(number.rfind("SH", 0), 0u);
  EXPECT_EQ(first->find("waybill")->find("district")->asString(), "长宁区");
  EXPECT_EQ(first->find("waybill")->find("phone"), nullptr) << "nothing personal in clear";

  wf::Result<wf::Value> again = runJob("job-1", caseVariables());
  ASSERT_TRUE(again.ok()) << again.status().toString();
  EXPECT_EQ(again->find("waybill")->find("number")->asString(), number);
  EXPECT_EQ(stat("issued"), 1);
  EXPECT_EQ(stat("duplicates"), 1);

  // What the platform was asked for: the certificate, the hall, the recipient.
  const auto read = control_->get("/express/v1/waybills/" + number);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json.find("item")->find("licenceNumber")->asString(),
            "SH-AMR-FOOD-01-2026-000001");
  EXPECT_EQ(read.json.find("sender")->find("name")->asString(), "长宁区行政服务中心");
  EXPECT_EQ(read.json.find("recipient")->find("phone")->asString(), "13812345678");
  EXPECT_EQ(read.json.find("caseCode")->asString(), kCase);
}

TEST_F(ExpressConnectorTest, RefusalsAndOutagesFailTheJobAsTheyShould) {
  wf::Result<wf::Value> refused = runJob("job-2", caseVariables(sealedRecipient("朝阳区")));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(refused.status().message().find("recipient.district"), std::string::npos)
      << refused.status().message();

  wf::Object no_recipient = caseVariables().asObject();
  no_recipient.erase("recipient");
  wf::Result<wf::Value> unnamed = runJob("job-3", wf::Value(no_recipient));
  ASSERT_FALSE(unnamed.ok());
  EXPECT_NE(unnamed.status().message().find("no recipient"), std::string::npos);

  const auto down = control_->send("PUT", "/_sim/faults/express", R"({"downForMs": 60000})");
  ASSERT_EQ(down.status, 200) << down.body;
  wf::Result<wf::Value> unavailable = runJob("job-4", caseVariables());
  ASSERT_FALSE(unavailable.ok());
  EXPECT_EQ(unavailable.status().code(), wf::StatusCode::Unavailable);
  EXPECT_EQ(stat("issued"), 0);
}

// The repository's 食品经营许可 model with the connector on a real engine.
class ExpressModelTest : public ExpressConnectorTest {
 protected:
  void SetUp() override {
    ExpressConnectorTest::SetUp();
    wf::EngineOptions options;
    options.db_url = "sqlite:" + (dir_.path() / "hall.db").string();
    auto opened = wf::Engine::open(std::move(options));
    ASSERT_TRUE(opened.ok()) << opened.status().toString();
    engine_ = std::move(opened).value();
    // The working-day calendar the approvals' promised days count on.
    for (const char* file : {"calendar/cn-mainland.xml", "processes/matters/food-business.bpmn"}) {
      auto deployed = engine_->deploy(std::filesystem::path(file).filename().string(),
                                      hall::test::readFile((kModels / file).string()));
      ASSERT_TRUE(deployed.ok()) << file << ": " << deployed.status().toString();
    }
    engine_->registerJobHandler("elicense.issue", [](const wf::JobContext&) {
      return wf::Result<wf::Value>(wf::Value(
          wf::Object{{"licence", wf::Value(wf::Object{{"number", wf::Value("HL-1")},
                                                      {"name", wf::Value("食品经营许可证")}})}}));
    });
    // The model's side branches (the report to 一网通办, the notices) end
    // at once, as in a hall without those platforms.
    for (const char* side : {"onenet.submit", "notify.supplement", "notify.issued"}) {
      engine_->registerJobHandler(side, [](const wf::JobContext&) {
        return wf::Result<wf::Value>(wf::Value(wf::Object{}));
      });
    }
    connector_->registerWith(*engine_);
    engine_->startJobWorkers();
  }
  void TearDown() override { engine_.reset(); }

  // A case approved by both departments, waiting at the hand-over.
  std::string approvedCase(const std::string& code) {
    auto started = engine_->startInstance(
        "matter-food-business",
        wf::Value(wf::Object{{"caseCode", wf::Value(code)},
                             {"matterCode", wf::Value("food")},
                             {"matterName", wf::Value("食品经营许可（新办）")}}),
        code);
    EXPECT_TRUE(started.ok()) << started.status().toString();
    for (int i = 0; i < 2; ++i) {
      wf::TaskQuery query;
      query.instance_id = started->id;
      const auto open = engine_->tasks(query).value();
      EXPECT_FALSE(open.empty());
      if (open.empty()) break;
      EXPECT_TRUE(
          engine_
              ->completeTask(open[0].id, wf::Value(wf::Object{{"decision", wf::Value("approve")},
                                                              {"reason", wf::Value("")}}))
              .isOk());
    }
    EXPECT_TRUE(waitUntilAt(started->id, "hand_over"));
    return started->id;
  }

  void handOverByExpress(const std::string& instance) {
    wf::TaskQuery query;
    query.instance_id = instance;
    const auto open = engine_->tasks(query).value();
    ASSERT_EQ(open.size(), 1u);
    ASSERT_TRUE(
        engine_
            ->completeTask(open[0].id, wf::Value(wf::Object{{"delivery", wf::Value("express")},
                                                            {"recipient", sealedRecipient()}}))
            .isOk());
  }

  // Waits (bounded) until the instance waits at `element` ("" = ended).
  bool waitUntilAt(const std::string& instance, const std::string& element) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      const wf::InstanceInfo info = engine_->instance(instance).value();
      if (element.empty() ? info.ended_at != 0
                          : info.active_activity_ids == std::vector<std::string>{element}) {
        return true;
      }
      engine_->waitForJobsIdle(std::chrono::milliseconds(200));
    }
    return false;
  }

  std::string correlate(const std::string& event, const std::string& code) {
    wf::MessageRequest m;
    m.name = "express." + event;
    m.correlation_key = code;
    m.message_id = "express:" + code + "-" + event;
    m.ttl_millis = 60'000;
    m.variables =
        wf::Value(wf::Object{{"expressEvent", wf::Value(wf::Object{{"event", wf::Value(event)}})}});
    auto result = engine_->correlateMessage(m);
    EXPECT_TRUE(result.ok()) << result.status().toString();
    return result.ok() ? result->outcome : "";
  }

  hall::test::TempDir dir_;
  std::unique_ptr<wf::Engine> engine_;
};

TEST_F(ExpressModelTest, AWaybillThenDeliveredFinishesTheCaseAndLateEventsDoNothing) {
  const std::string code = "31010520261129010000021";
  const std::string instance = approvedCase(code);
  handOverByExpress(instance);
  ASSERT_TRUE(waitUntilAt(instance, "await_delivered"));
  const wf::Value waybill = *engine_->instance(instance)->variables.find("waybill");
  EXPECT_EQ(waybill.find("number")->asString().rfind("SH", 0), 0u);
  EXPECT_EQ(stat("issued"), 1);

  EXPECT_EQ(correlate("collected", code), "correlated");
  EXPECT_EQ(correlate("collected", code), "duplicate") << "the same event twice: one effect";
  const wf::InstanceInfo collected = engine_->instance(instance).value();
  EXPECT_EQ(collected.variables.find("expressEvent")->find("event")->asString(), "collected");
  EXPECT_EQ(collected.active_activity_ids, std::vector<std::string>{"await_delivered"});

  EXPECT_EQ(correlate("delivered", code), "correlated");
  ASSERT_TRUE(waitUntilAt(instance, ""));
  EXPECT_EQ(correlate("delivered", code), "duplicate");
  // In-transit after delivered: nobody waits; kept, never taken, no error.
  EXPECT_EQ(correlate("in-transit", code), "buffered");
  EXPECT_EQ(engine_->instance(instance)->variables.find("expressEvent")->find("event")->asString(),
            "delivered");
}

TEST_F(ExpressModelTest, DeliveredBeforeTheCaseWaitsIsKeptAndTaken) {
  const std::string code = "31010520261129010000039";
  const std::string instance = approvedCase(code);
  EXPECT_EQ(correlate("delivered", code), "buffered");
  handOverByExpress(instance);
  ASSERT_TRUE(waitUntilAt(instance, "")) << "the kept event finished the case";
  EXPECT_NE(engine_->instance(instance)->variables.find("waybill"), nullptr);
}

TEST_F(ExpressModelTest, HandedOverAtTheWindowNeedsNoWaybill) {
  const std::string instance = approvedCase("31010520261129010000047");
  wf::TaskQuery query;
  query.instance_id = instance;
  const auto open = engine_->tasks(query).value();
  ASSERT_EQ(open.size(), 1u);
  ASSERT_TRUE(
      engine_->completeTask(open[0].id, wf::Value(wf::Object{{"delivery", wf::Value("window")}}))
          .isOk());
  EXPECT_TRUE(waitUntilAt(instance, ""));
  EXPECT_EQ(stat("issued"), 0);
}

}  // namespace
}  // namespace connectors
