// Signals: broadcast to every instance waiting for them, and starting the
// processes whose start event catches them — "the hall closes".
#include <gtest/gtest.h>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;

class SignalEvents : public ::testing::Test {
 protected:
  void SetUp() override { h_.deploy("runtime/signals.bpmn"); }
  EngineHarness h_;
};

TEST_F(SignalEvents, ABroadcastReachesEveryWaitingInstanceAndStartsTheCatchers) {
  const std::string a = h_.start("window_service").id;
  const std::string b = h_.start("window_service").id;
  auto reached = h_.engine().broadcastSignal("hall-closes", json(R"({"closedAt": "17:00"})"));
  ASSERT_TRUE(reached.ok()) << reached.status().toString();
  EXPECT_EQ(*reached, 3);  // two waits ended, one report started
  for (const std::string& id : {a, b}) {
    EXPECT_EQ(h_.instance(id).state, wf::InstanceState::Completed);
    EXPECT_TRUE(h_.reached(id, "end_closed"));
  }
  wf::TaskQuery q;
  q.limit = 10;
  auto tasks = h_.engine().tasks(q);
  ASSERT_TRUE(tasks.ok());
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ((*tasks)[0].element_id, "report");
  // Nothing waits any more: a second broadcast only starts another report.
  EXPECT_EQ(*h_.engine().broadcastSignal("hall-closes", json("{}")), 1);
}

TEST_F(SignalEvents, AThrowEventBroadcastsOnceItsCommandCommitted) {
  const std::string waiting = h_.start("window_service").id;
  h_.engine().startJobWorkers();
  const std::string thrower = h_.start("close_hall").id;
  EXPECT_EQ(h_.instance(thrower).state, wf::InstanceState::Completed);
  h_.settle();
  EXPECT_EQ(h_.instance(waiting).state, wf::InstanceState::Completed);
  EXPECT_TRUE(h_.reached(waiting, "end_closed"));
}

TEST_F(SignalEvents, AnUnknownSignalReachesNoOne) {
  h_.start("window_service");
  auto reached = h_.engine().broadcastSignal("no-such-signal", json("{}"));
  ASSERT_TRUE(reached.ok());
  EXPECT_EQ(*reached, 0);
  EXPECT_EQ(h_.engine().broadcastSignal("", json("{}")).status().code(),
            wf::StatusCode::InvalidArgument);
}

}  // namespace
}  // namespace hall::test
