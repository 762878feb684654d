// Get next work: one call claims the best waiting task of a worker's
// queues; racing callers never get the same task.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::test {
namespace {

using namespace std::chrono_literals;

TEST(NextWork, ClaimsTheHighestPriorityThenTheOldestTaskOfTheQueues) {
  EngineHarness h;
  h.deploy("runtime/user_task.bpmn");  // queue "market", priority from `prio`
  const wf::InstanceInfo old_low = h.start("user_task", R"({"prio": 10})");
  h.clock().advance(1s);
  const wf::InstanceInfo high = h.start("user_task", R"({"prio": 90})");
  h.clock().advance(1s);
  const wf::InstanceInfo new_low = h.start("user_task", R"({"prio": 10})");

  std::vector<std::string> order;
  for (int k = 0; k < 3; ++k) {
    auto next = h.engine().claimNextTask("window-12", {"market"});
    ASSERT_TRUE(next.ok()) << next.status().toString();
    ASSERT_TRUE(next->has_value());
    EXPECT_EQ((*next)->assignee, "window-12");
    EXPECT_EQ(h.engine().task((*next)->id)->state, wf::TaskState::Claimed);
    order.push_back((*next)->instance_id);
  }
  EXPECT_EQ(order, (std::vector<std::string>{high.id, old_low.id, new_low.id}));
  // Nothing left: no task, and that is not an error.
  auto none = h.engine().claimNextTask("window-12", {"market"});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST(NextWork, OnlyTheNamedQueuesAreServedAndBadRequestsAreRefused) {
  EngineHarness h;
  h.deploy("runtime/user_task.bpmn");
  h.start("user_task", R"({"prio": 1})");
  auto other = h.engine().claimNextTask("window-3", {"tax", "health"});
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
  EXPECT_EQ(h.engine().claimNextTask("", {"market"}).status().code(),
            wf::StatusCode::InvalidArgument);
  EXPECT_EQ(h.engine().claimNextTask("window-3", {}).status().code(),
            wf::StatusCode::InvalidArgument);
}

// 200 callers — more than the hall has windows — race for 240 tasks, with
// the queue ranked by priority (the index) or by the calling decision.
class RacingWorkers : public ::testing::TestWithParam<bool> {};

TEST_P(RacingWorkers, NeverClaimTheSameTask) {
  EngineHarness h;
  h.deploy("runtime/user_task.bpmn");
  if (GetParam()) {
    auto dmn = h.engine().deploy("call_priority.dmn", readFile(std::string(HALL_SOURCE_DIR) +
                                                               "/models/rules/call_priority.dmn"));
    ASSERT_TRUE(dmn.ok()) << dmn.status().toString();
    ASSERT_TRUE(h.engine().setQueueRanking("market", "call_priority").isOk());
  }
  constexpr int kTasks = 240;
  for (int k = 0; k < kTasks; ++k) {
    h.start("user_task", R"({"prio": )" + std::to_string(k % 5) + R"(, "vip": )" +
                             (k % 7 == 0 ? "true" : "false") + "}");
  }
  constexpr int kWorkers = 200;
  std::mutex mutex;
  std::multiset<std::string> claimed;
  std::atomic<int> errors{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&, w] {
      // Bounded: each worker tries at most twice the number of tasks.
      for (int attempt = 0; attempt < 2 * kTasks; ++attempt) {
        auto next = h.engine().claimNextTask("window-" + std::to_string(w), {"market"});
        if (!next.ok()) {
          ++errors;
          return;
        }
        if (!next->has_value()) return;
        std::lock_guard<std::mutex> lock(mutex);
        claimed.insert((*next)->id);
      }
    });
  }
  for (std::thread& t : workers) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(claimed.size(), static_cast<size_t>(kTasks));
  for (const std::string& id : claimed) EXPECT_EQ(claimed.count(id), 1u) << id;
  wf::TaskQuery open;
  open.queue = "market";
  open.limit = 1000;
  const auto open_tasks = h.engine().tasks(open);
  ASSERT_TRUE(open_tasks.ok());
  EXPECT_EQ(open_tasks->size(), static_cast<size_t>(kTasks));
  for (const wf::TaskInfo& t : *open_tasks) {
    EXPECT_EQ(t.state, wf::TaskState::Claimed) << t.id;
  }
}

INSTANTIATE_TEST_SUITE_P(ByPriorityOrByDecision, RacingWorkers, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "ranked" : "by_priority"; });

}  // namespace
}  // namespace hall::test
