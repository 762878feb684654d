// Evaluating decisions: requirements first and each once, results bound by
// decision name, inputs by name with missing input data null, and the
// hall's calling-order rules in models/rules/call_priority.dmn.
#include "dmn/decision_evaluator.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <thread>
#include <vector>

#include "engine/dmn/dmn_test_support.h"

namespace wf::dmn::test {
namespace {

TEST(DecisionEvaluator, EvaluatesRequiredDecisionsFirstAndBindsThemByName) {
  auto m = loadFixture("requirements.dmn");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(decide(*m, "Total", R"({"Base Fee": 10, "Pages": 20})"), "22");
  EXPECT_EQ(decide(*m, "d_page_fee", R"({"Pages": 20})"), "10");
  // A missing input datum is null, and null propagates through arithmetic.
  EXPECT_EQ(decide(*m, "Total", R"({"Pages": 20})"), "null");
}

TEST(DecisionEvaluator, ReturnsEveryDecisionEvaluatedOnTheWay) {
  auto m = loadFixture("requirements.dmn");
  ASSERT_NE(m, nullptr);
  Result<Value> all =
      evaluateDecisionWithRequirements(*m, "Tax", json(R"({"Base Fee": 10, "Pages": 20})"));
  ASSERT_TRUE(all.ok()) << all.status().message();
  // Total is not required by Tax, so it is not evaluated.
  EXPECT_EQ(all->toJson(), R"({"Page Fee":10,"Subtotal":20,"Tax":2})");
}

TEST(DecisionEvaluator, UnknownDecisionIsNotFoundAndNonObjectInputsAreInvalid) {
  auto m = loadFixture("requirements.dmn");
  ASSERT_NE(m, nullptr);
  Result<Value> missing = evaluateDecision(*m, "Grand Total", Value(Object{}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::NotFound);
  EXPECT_EQ(missing.status().message(), "no decision 'Grand Total' in dmn/requirements.dmn");
  Result<Value> bad = evaluateDecision(*m, "Total", Value(Array{1}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::InvalidArgument);
  EXPECT_TRUE(evaluateDecision(*m, "Page Fee", Value()).ok());
}

TEST(DecisionEvaluator, ErrorsNameTheDecisionTheyHappenIn) {
  auto m = loadFixture("requirements.dmn");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(
      decide(*m, "Total", R"({"Base Fee": 10, "Pages": "many"})"),
      R"(error: decision 'Page Fee' (d_page_fee): type error: cannot multiply string by number in "Pages * 0.5")");
}

TEST(DecisionEvaluator, SharesOneModelAcrossThreads) {
  auto m = loadFixture("requirements.dmn");
  ASSERT_NE(m, nullptr);
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const Value inputs(Object{{"Base Fee", t}, {"Pages", 2 * i}});
        Result<Value> r = evaluateDecision(*m, "Total", inputs);
        if (!r.ok() || std::fabs(r->asNumber() - (t + i) * 1.1) > 1e-9) {
          ++wrong;
        }
      }
    });
  }
  for (std::thread& th : threads) {
    th.join();
  }
  EXPECT_EQ(wrong.load(), 0);
}

class CallPriority : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path =
        (std::filesystem::path(HALL_SOURCE_DIR) / "models/rules/call_priority.dmn").string();
    ReadDmnResult r = readDmn(path, hall::test::readFile(path));
    for (const Diagnostic& d : r.diagnostics) {
      ADD_FAILURE() << d.toString();
    }
    model_ = r.model;
    ASSERT_NE(model_, nullptr);
  }
  std::string rank(const std::string& ticket) { return decide(*model_, "call_priority", ticket); }

  std::shared_ptr<const DmnModel> model_;
};

TEST_F(CallPriority, TheHallModelLintsCleanAndMatchesItsFixtureCopy) {
  const std::string hall = hall::test::readFile(
      (std::filesystem::path(HALL_SOURCE_DIR) / "models/rules/call_priority.dmn").string());
  EXPECT_EQ(hall, hall::test::fixture("dmn/call_priority.dmn"));
}

TEST_F(CallPriority, RanksAppointmentsThenVipThenElderlyThenTransfersThenLongWaits) {
  EXPECT_EQ(rank(R"({"appointmentOnTime": true, "vip": true, "elderlyOrDisabled": true})"),
            R"({"category":"appointment","rank":1})");
  EXPECT_EQ(rank(R"({"vip": true, "elderlyOrDisabled": true, "transferred": true})"),
            R"({"category":"vip","rank":2})");
  EXPECT_EQ(rank(R"({"elderlyOrDisabled": true, "transferred": true, "waitedMinutes": 90})"),
            R"({"category":"elderlyOrDisabled","rank":3})");
  EXPECT_EQ(rank(R"({"transferred": true, "waitedMinutes": 90})"),
            R"({"category":"transferred","rank":4})");
  EXPECT_EQ(rank(R"({"waitedMinutes": 60})"), R"({"category":"longWait","rank":5})");
  EXPECT_EQ(rank(R"({"waitedMinutes": 59, "appointmentOnTime": false})"),
            R"({"category":"walkIn","rank":9})");
  // A ticket with nothing known about it is an ordinary walk-in.
  EXPECT_EQ(rank("{}"), R"({"category":"walkIn","rank":9})");
}

}  // namespace
}  // namespace wf::dmn::test
