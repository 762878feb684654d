#include "tools/citysim/fault_plan.h"

#include <gtest/gtest.h>

namespace hall::citysim {
namespace {

wf::Value json(const char* text) { return *wf::Value::parseJson(text); }

TEST(CitysimFaultPlan, ParsesSettingsWithDefaults) {
  const wf::Result<FaultSettings> s = parseFaultSettings(json(R"({"errorRate": 0.25})"));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->error_rate, 0.25);
  EXPECT_EQ(s->down_for_ms, 0);
  EXPECT_EQ(s->latency_ms, 0);
  EXPECT_EQ(s->drop_rate, 0);
}

TEST(CitysimFaultPlan, RefusesSettingsNamingTheMember) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"errorRate": -0.1})", "errorRate"},
      {R"({"dropRate": 2})", "dropRate"},
      {R"({"latencyMs": 1.5})", "latencyMs"},
      {R"({"downForMs": true})", "downForMs"},
      {R"({"malformedRate": "all"})", "malformedRate"},
      {R"({"wrongTypesRate": 1.01})", "wrongTypesRate"},
      {R"({"hugeRate": -1})", "hugeRate"},
      {R"([0])", "body"},
  };
  for (const auto& [text, field] : cases) {
    const wf::Result<FaultSettings> s = parseFaultSettings(json(text));
    ASSERT_FALSE(s.ok()) << text;
    EXPECT_EQ(s.status().details().find("field")->asString(), field) << text;
  }
}

TEST(CitysimFaultPlan, IsDownForThePeriodOnly) {
  FaultPlan plan(42);
  FaultSettings s;
  s.down_for_ms = 1000;
  plan.set(s, 10'000);
  EXPECT_EQ(plan.decide(10'000).action, FaultAction::Down);
  EXPECT_EQ(plan.decide(10'999).action, FaultAction::Down);
  EXPECT_EQ(plan.decide(11'000).action, FaultAction::None);
  EXPECT_EQ(plan.toValue(10'400).find("downForMs")->asNumber(), 600);
}

TEST(CitysimFaultPlan, RatesOfZeroAndOne) {
  FaultPlan plan(42);
  FaultSettings s;
  s.error_rate = 1;
  s.latency_ms = 20;
  plan.set(s, 0);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(plan.decide(i).action, FaultAction::Error);
  EXPECT_EQ(plan.decide(0).latency_ms, 20);
  s.error_rate = 0;
  s.drop_rate = 1;
  plan.set(s, 0);
  EXPECT_EQ(plan.decide(0).action, FaultAction::Drop);
  plan.clear();
  EXPECT_EQ(plan.decide(0).action, FaultAction::None);
  EXPECT_EQ(plan.decide(0).latency_ms, 0);
}

TEST(CitysimFaultPlan, AnErrorRateFailsAboutThatShare) {
  FaultPlan plan(7);
  FaultSettings s;
  s.error_rate = 0.3;
  plan.set(s, 0);
  int errors = 0;
  for (int i = 0; i < 10'000; ++i) errors += plan.decide(i).action == FaultAction::Error;
  EXPECT_NEAR(errors, 3000, 300);
}

// Each garble rate spoils answers of its own kind; the earlier faults win.
TEST(CitysimFaultPlan, GarbleRatesSpoilAnswersOfTheirKind) {
  const std::pair<double FaultSettings::*, FaultAction> garbles[] = {
      {&FaultSettings::malformed_rate, FaultAction::Malformed},
      {&FaultSettings::wrong_types_rate, FaultAction::WrongTypes},
      {&FaultSettings::huge_rate, FaultAction::Huge},
  };
  for (const auto& [rate, action] : garbles) {
    FaultPlan plan(3);
    FaultSettings s;
    s.*rate = 1.0;
    plan.set(s, 0);
    EXPECT_EQ(plan.decide(0).action, action);
    s.error_rate = 1.0;
    plan.set(s, 0);
    EXPECT_EQ(plan.decide(0).action, FaultAction::Error) << "an error answers nothing to spoil";
  }
}

}  // namespace
}  // namespace hall::citysim
