// Crash safety: a child process drives hall-flow instances and is killed
// with SIGKILL at random moments, more than twenty times. After each kill
// the database must hold every acknowledged command, each instance exactly
// before or after its last command, no task lost or doubled, and every
// history chain intact.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <random>
#include <set>

#include "support/fixtures.h"
#include "support/temp_dir.h"
#include "wf/engine.h"

namespace hall::test {
namespace {

constexpr int kKills = 22;
constexpr int kInstances = 240;

struct Log {
  std::set<std::string> complete_intents, complete_acks;
  std::set<std::string> start_intents;
  std::map<std::string, std::string> start_acks;  // business key -> instance id
};

Log readLog(const std::string& path) {
  Log log;
  std::ifstream in(path);
  std::string a, b, x;
  while (in >> a >> b >> x) {
    if (b == "complete") (a == "intent" ? log.complete_intents : log.complete_acks).insert(x);
    if (b == "start" && a == "intent") log.start_intents.insert(x);
    if (b == "start" && a == "ack") in >> log.start_acks[x];
  }
  return log;
}

// Runs the driver; returns the raw wait status.
int runDriver(const std::string& db, const std::string& log, long kill_after, int seed) {
  const std::string model = std::string(HALL_SOURCE_DIR) + "/models/processes/hall_flow.bpmn";
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string n = std::to_string(kInstances), k = std::to_string(kill_after),
                      s = std::to_string(seed);
    execl(CRASH_DRIVER_PATH, "crash_driver", db.c_str(), model.c_str(), log.c_str(), n.c_str(),
          k.c_str(), s.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

void verify(const std::string& db, const Log& log, int round) {
  SCOPED_TRACE("after run " + std::to_string(round));
  // Business keys are unique: no start ever took effect twice.
  soci::session s(soci::sqlite3, "db=" + db);
  std::map<std::string, std::string> by_key;
  {
    soci::rowset<soci::row> rows = (s.prepare << "SELECT business_key, id FROM instances");
    for (const soci::row& r : rows) {
      const std::string key = r.get<std::string>(0);
      ASSERT_EQ(by_key.count(key), 0u) << "two instances for " << key;
      by_key[key] = r.get<std::string>(1);
    }
  }
  for (const auto& [key, id] : log.start_acks) {
    ASSERT_EQ(by_key[key], id) << "acknowledged start of " << key << " was lost";
  }
  for (const auto& [key, id] : by_key) {
    ASSERT_TRUE(log.start_intents.count(key)) << "instance for " << key << " nobody started";
  }

  wf::EngineOptions options;
  options.db_url = "sqlite:" + db;
  auto engine = wf::Engine::open(options);
  ASSERT_TRUE(engine.ok()) << engine.status().toString();

  // Every acknowledged completion is there; an unacknowledged one is either
  // fully there or not at all.
  for (const std::string& t : log.complete_acks) {
    auto task = (*engine)->task(t);
    ASSERT_TRUE(task.ok());
    ASSERT_EQ(task->state, wf::TaskState::Completed)
        << "acknowledged completion of " << t << " lost";
  }
  for (const auto& [key, id] : by_key) {
    auto inst = (*engine)->instance(id);
    ASSERT_TRUE(inst.ok()) << inst.status().toString();
    ASSERT_TRUE((*engine)->verifyHistory(id).isOk()) << (*engine)->verifyHistory(id).toString();
    auto history = (*engine)->history(id);
    ASSERT_TRUE(history.ok());
    std::multiset<std::string> completed_in_history, created_in_history;
    for (const wf::HistoryEvent& e : *history) {
      if (e.type == "task-completed")
        completed_in_history.insert(e.data.find("taskId")->asString());
      if (e.type == "task-created") created_in_history.insert(e.data.find("taskId")->asString());
    }
    // Tasks in the task table agree with the history: none lost, none doubled.
    std::multiset<std::string> open_elements;
    std::set<std::string> rows;
    soci::rowset<soci::row> tasks =
        (s.prepare << "SELECT id, element_id, state FROM tasks WHERE instance_id = :i",
         soci::use(id));
    for (const soci::row& r : tasks) {
      const std::string tid = r.get<std::string>(0);
      rows.insert(tid);
      const int state = r.get<int>(2);
      ASSERT_EQ(created_in_history.count(tid), 1u) << "task " << tid << " not created once";
      if (state == static_cast<int>(wf::TaskState::Completed)) {
        ASSERT_EQ(completed_in_history.count(tid), 1u) << "task " << tid;
      } else {
        ASSERT_EQ(completed_in_history.count(tid), 0u) << "task " << tid;
        open_elements.insert(r.get<std::string>(1));
      }
    }
    ASSERT_EQ(rows.size(), created_in_history.size()) << "a created task has no row";
    std::multiset<std::string> waiting;
    for (const std::string& a : inst->active_activity_ids) {
      if (a != "join" && a != "issue_licence") waiting.insert(a);
    }
    ASSERT_EQ(open_elements, waiting) << "instance " << id;
  }
}

TEST(CrashSafety, EveryAcknowledgedCommandSurvivesSigkillAndNothingIsHalfDone) {
  TempDir dir;
  const std::string db = dir.file("crash.db");
  const std::string log = dir.file("commands.log");
  std::mt19937 rng(20261129);
  int kills = 0;
  for (int round = 0; round < kKills; ++round) {
    const long kill_after = 20 + static_cast<long>(rng() % 120);
    const int status = runDriver(db, log, kill_after, round);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "driver was not killed in run " << round << " (status " << status << ")";
    ++kills;
    verify(db, readLog(log), round);
    if (HasFatalFailure()) return;
  }
  EXPECT_GE(kills, 20);
  // Let the last run finish everything: every instance reaches its end.
  const int status = runDriver(db, log, 1'000'000'000, kKills);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
  const Log final_log = readLog(log);
  verify(db, final_log, kKills);
  soci::session s(soci::sqlite3, "db=" + db);
  int active = -1, total = -1;
  s << "SELECT COUNT(*) FROM instances WHERE state = 0", soci::into(active);
  s << "SELECT COUNT(*) FROM instances", soci::into(total);
  EXPECT_EQ(active, 0);
  EXPECT_EQ(final_log.start_intents.size(), static_cast<size_t>(kInstances));
  EXPECT_GE(total, static_cast<int>(final_log.start_acks.size()));
  EXPECT_LE(total, kInstances);
}

}  // namespace
}  // namespace hall::test
