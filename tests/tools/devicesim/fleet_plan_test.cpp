#include "tools/devicesim/fleet_plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace hall::devicesim {
namespace {

const std::filesystem::path kChangning =
    std::filesystem::path(HALL_SOURCE_DIR) / "models" / "hall" / "changning.xml";

class FleetPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = loadHallLayout(kChangning);
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    layout_ = *loaded;
  }
  std::shared_ptr<const hall::domain::HallLayout> layout_;
};

std::vector<std::string> idsOf(const std::vector<FleetMember>& plan) {
  std::vector<std::string> ids;
  for (const FleetMember& m : plan) ids.push_back(m.id);
  return ids;
}

TEST_F(FleetPlanTest, NamedDevicesComeFirstAndCountTowardsTheirKind) {
  FleetRequest request;
  request.ids = {"strip-W02", "led-2f"};
  request.strips = 3;
  request.screens = 2;
  request.speakers = 1;
  const auto plan = planFleet(*layout_, request);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(idsOf(*plan), (std::vector<std::string>{"strip-W02", "led-2f", "strip-W01", "strip-W03",
                                                    "led-1f", "speaker-1f"}));
  EXPECT_EQ((*plan)[0].kind, "window-strip");
  EXPECT_EQ((*plan)[0].window, "W02");
  EXPECT_EQ((*plan)[1].kind, "welcome-screen");
}

TEST_F(FleetPlanTest, AllIsEveryDeviceOfTheLayoutOnce) {
  FleetRequest request;
  request.all = true;
  request.screens = 1;
  const auto plan = planFleet(*layout_, request);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(plan->size(), layout_->devices.size());
  const std::vector<std::string> ids = idsOf(*plan);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
  EXPECT_EQ(std::count_if(plan->begin(), plan->end(),
                          [](const FleetMember& m) { return m.kind == "window-strip"; }),
            65);
}

TEST_F(FleetPlanTest, RefusesWhatTheServerWouldRefuseOrReplace) {
  FleetRequest unknown;
  unknown.ids = {"strip-W99"};
  auto plan = planFleet(*layout_, unknown);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("strip-W99"), std::string::npos);

  FleetRequest twice;
  twice.ids = {"led-1f", "led-1f"};
  plan = planFleet(*layout_, twice);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("one connection per device"), std::string::npos);

  FleetRequest too_many;
  too_many.screens = 3;
  plan = planFleet(*layout_, too_many);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("--screens 3"), std::string::npos)
      << plan.status().message();
  EXPECT_NE(plan.status().message().find("has 2 welcome-screen"), std::string::npos)
      << plan.status().message();

  EXPECT_FALSE(planFleet(*layout_, FleetRequest{}).ok());
}

TEST(FleetPlan, ALayoutWithErrorsNamesFileAndLine) {
  const auto missing = loadHallLayout("/no/such/layout.xml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/no/such/layout.xml"), std::string::npos);
  const auto bpmn = loadHallLayout(std::filesystem::path(HALL_SOURCE_DIR) / "models" / "processes" /
                                   "visit.bpmn");
  ASSERT_FALSE(bpmn.ok());
  EXPECT_NE(bpmn.status().message().find("not a hall layout"), std::string::npos);
}

}  // namespace
}  // namespace hall::devicesim
