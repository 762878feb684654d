#include "portal/domain/device_lifecycle.h"

#include <gtest/gtest.h>

namespace hall::domain {
namespace {

using State = DeviceLifecycle::State;
using Faults = std::vector<std::string>;

TEST(DeviceLifecycle, StartsOfflineAndGoesOnlineWhenRegistered) {
  DeviceLifecycle device;
  EXPECT_EQ(device.state(), State::Offline);
  ASSERT_TRUE(device.registered().isOk());
  EXPECT_EQ(device.state(), State::Online);
  EXPECT_STREQ(deviceStateName(device.state()), "online");
}

TEST(DeviceLifecycle, IsInFaultUntilTheLastFaultClears) {
  DeviceLifecycle device;
  ASSERT_TRUE(device.registered().isOk());
  ASSERT_TRUE(device.faultReported("paper-out").isOk());
  EXPECT_EQ(device.state(), State::Fault);
  ASSERT_TRUE(device.faultReported("paper-jam").isOk());
  ASSERT_TRUE(device.faultReported("paper-out").isOk());  // again: still one paper-out
  EXPECT_EQ(device.faults(), (Faults{"paper-jam", "paper-out"}));

  ASSERT_TRUE(device.faultCleared("paper-out").isOk());
  EXPECT_EQ(device.state(), State::Fault);
  EXPECT_EQ(device.faults(), Faults{"paper-jam"});
  ASSERT_TRUE(device.faultCleared("paper-jam").isOk());
  EXPECT_EQ(device.state(), State::Online);
  EXPECT_TRUE(device.faults().empty());
}

TEST(DeviceLifecycle, ClearingAFaultItDoesNotHaveChangesNothing) {
  DeviceLifecycle device;
  ASSERT_TRUE(device.registered().isOk());
  EXPECT_TRUE(device.faultCleared("paper-out").isOk());
  EXPECT_EQ(device.state(), State::Online);
  ASSERT_TRUE(device.faultReported("paper-jam").isOk());
  EXPECT_TRUE(device.faultCleared("paper-out").isOk());
  EXPECT_EQ(device.state(), State::Fault);
  EXPECT_EQ(device.faults(), Faults{"paper-jam"});
}

TEST(DeviceLifecycle, GoesOfflineFromOnlineOrFaultAndForgetsTheFaults) {
  DeviceLifecycle device;
  ASSERT_TRUE(device.registered().isOk());
  ASSERT_TRUE(device.disconnected().isOk());
  EXPECT_EQ(device.state(), State::Offline);

  ASSERT_TRUE(device.registered().isOk());
  ASSERT_TRUE(device.faultReported("paper-out").isOk());
  ASSERT_TRUE(device.disconnected().isOk());
  EXPECT_EQ(device.state(), State::Offline);
  EXPECT_TRUE(device.faults().empty());
  ASSERT_TRUE(device.registered().isOk());
  EXPECT_EQ(device.state(), State::Online);
}

TEST(DeviceLifecycle, RefusesWhatItsStateDoesNotTakeAndStaysPut) {
  DeviceLifecycle device;
  for (const wf::Status& refused : {device.faultReported("paper-out"),
                                    device.faultCleared("paper-out"), device.disconnected()}) {
    EXPECT_EQ(refused.code(), wf::StatusCode::Conflict) << refused.toString();
    EXPECT_EQ(device.state(), State::Offline);
  }
  EXPECT_TRUE(device.faults().empty());

  ASSERT_TRUE(device.registered().isOk());
  const wf::Status again = device.registered();
  EXPECT_EQ(again.code(), wf::StatusCode::Conflict);
  EXPECT_EQ(again.message(), "device lifecycle: online does not take registered");
  EXPECT_EQ(device.state(), State::Online);

  ASSERT_TRUE(device.faultReported("paper-out").isOk());
  EXPECT_EQ(device.registered().code(), wf::StatusCode::Conflict);
  EXPECT_EQ(device.state(), State::Fault);
  EXPECT_EQ(device.faults(), Faults{"paper-out"});
}

TEST(DeviceLifecycle, MovesWithItsState) {
  DeviceLifecycle device;
  ASSERT_TRUE(device.registered().isOk());
  ASSERT_TRUE(device.faultReported("paper-out").isOk());
  DeviceLifecycle moved = std::move(device);
  EXPECT_EQ(moved.state(), State::Fault);
  EXPECT_EQ(moved.faults(), Faults{"paper-out"});
}

}  // namespace
}  // namespace hall::domain
