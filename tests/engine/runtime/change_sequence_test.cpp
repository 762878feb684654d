// The change sequence: what a cache of query answers (the portal's
// department task view) relies on — it moves with every committed change,
// before the command returns, and stands still while only queries run.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

TEST(ChangeSequence, MovesWithEveryCommittedChangeBeforeTheCommandReturns) {
  EngineHarness h;
  if (testsUsePostgresql()) {
    // A shared database: other nodes commit what this engine never sees.
    EXPECT_FALSE(h.engine().changeSequence().has_value());
    return;
  }
  h.deploy("runtime/user_task.bpmn");
  const uint64_t before_start = h.engine().changeSequence().value();
  const wf::InstanceInfo i = h.start("user_task");
  const uint64_t after_start = h.engine().changeSequence().value();
  EXPECT_GT(after_start, before_start);

  const wf::TaskInfo task = h.tasksAt(i.id, "review").at(0);
  ASSERT_TRUE(h.engine().claimTask(task.id, "ann").isOk());
  const uint64_t after_claim = h.engine().changeSequence().value();
  EXPECT_GT(after_claim, after_start);
  ASSERT_TRUE(h.engine().unclaimTask(task.id).isOk());
  const uint64_t after_unclaim = h.engine().changeSequence().value();
  EXPECT_GT(after_unclaim, after_claim);
  ASSERT_TRUE(h.engine().completeTask(task.id, json("{}")).isOk());
  EXPECT_GT(h.engine().changeSequence().value(), after_unclaim);
}

TEST(ChangeSequence, StandsStillWhileOnlyQueriesRun) {
  EngineHarness h;
  if (testsUsePostgresql()) GTEST_SKIP() << "no change sequence on a shared database";
  h.deploy("runtime/user_task.bpmn");
  const wf::InstanceInfo i = h.start("user_task");
  const uint64_t seen = h.engine().changeSequence().value();
  wf::TaskQuery query;
  query.instance_id = i.id;
  ASSERT_TRUE(h.engine().tasks(query).ok());
  ASSERT_TRUE(h.engine().instance(i.id).ok());
  ASSERT_TRUE(h.engine().task(h.tasksAt(i.id, "review").at(0).id).ok());
  EXPECT_EQ(h.engine().changeSequence().value(), seen);
}

TEST(ChangeSequence, ARefusedCommandChangesNothingButMayMoveIt) {
  EngineHarness h;
  if (testsUsePostgresql()) GTEST_SKIP() << "no change sequence on a shared database";
  h.deploy("runtime/user_task.bpmn");
  const wf::InstanceInfo i = h.start("user_task");
  const wf::TaskInfo task = h.tasksAt(i.id, "review").at(0);
  ASSERT_TRUE(h.engine().completeTask(task.id, json("{}")).isOk());
  const uint64_t seen = h.engine().changeSequence().value();
  // A second completion is a conflict: it must not move the sequence
  // backwards, whether or not it moves it at all.
  EXPECT_FALSE(h.engine().completeTask(task.id, json("{}")).isOk());
  EXPECT_GE(h.engine().changeSequence().value(), seen);
}

TEST(ChangeSequence, EveryCommandOfManyThreadsIsSeenAfterItReturns) {
  EngineHarness h;
  if (testsUsePostgresql()) GTEST_SKIP() << "no change sequence on a shared database";
  h.deploy("runtime/user_task.bpmn");
  std::atomic<int> stale{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int n = 0; n < 25; ++n) {
        const uint64_t before = h.engine().changeSequence().value();
        auto started = h.engine().startInstance("user_task", json("{}"));
        if (!started.ok() || h.engine().changeSequence().value() <= before) ++stale;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(stale.load(), 0);
}

}  // namespace
}  // namespace hall::test
