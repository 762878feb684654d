// Commands from many threads: the per-instance lock and the group commit
// must make racing commands on one task take effect once, and commands on
// different instances proceed side by side without losing anything.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

TEST(Concurrency, RacingCompletionsOfOneTaskTakeEffectOnce) {
  EngineHarness h;
  h.deploy("runtime/user_task.bpmn");
  const wf::InstanceInfo i = h.start("user_task", R"({"prio": 1})");
  const std::string task = h.tasksAt(i.id, "review").at(0).id;
  constexpr int kThreads = 8;
  std::atomic<int> ok{0}, conflict{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const wf::Status st =
          h.engine().completeTask(task, json(R"({"by": )" + std::to_string(t) + "}"));
      if (st.isOk()) {
        ++ok;
      } else if (st.code() == wf::StatusCode::Conflict) {
        ++conflict;
      } else {
        ++other;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflict.load(), kThreads - 1);
  EXPECT_EQ(other.load(), 0);
  int completions = 0;
  for (const std::string& e : h.trace(i.id)) completions += e == "task-completed:review";
  EXPECT_EQ(completions, 1);
  EXPECT_TRUE(h.engine().verifyHistory(i.id).isOk());
}

TEST(Concurrency, ParallelCommandsOnManyInstancesAllLand) {
  EngineHarness h;
  h.deploy("runtime/parallel.bpmn");
  constexpr int kInstances = 40;
  std::vector<std::string> ids;
  for (int k = 0; k < kInstances; ++k) ids.push_back(h.start("parallel").id);
  // Three threads complete the branches of every instance, each thread taking
  // one branch, so commands on one instance race with each other.
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (const char* element : {"a", "b", "c"}) {
    threads.emplace_back([&, element] {
      for (const std::string& id : ids) {
        wf::TaskQuery q;
        q.instance_id = id;
        auto tasks = h.engine().tasks(q);
        if (!tasks.ok()) {
          ++failures;
          continue;
        }
        for (const wf::TaskInfo& t : *tasks) {
          if (t.element_id == element && !h.engine().completeTask(t.id, json("{}")).isOk()) {
            ++failures;
          }
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  for (const std::string& id : ids) {
    EXPECT_EQ(h.instance(id).active_activity_ids, std::vector<std::string>{"after"}) << id;
    EXPECT_TRUE(h.engine().verifyHistory(id).isOk());
  }
}

}  // namespace
}  // namespace hall::test
