// crash_driver: drives hall-flow instances through the engine library from
// several threads and kills itself with SIGKILL after a given number of
// commands, while other commands are in flight. Before each command it
// appends an "intent" line to a log, after it an "ack" line; the log is
// written with write(2), so it survives the kill. The crash safety test
// checks the database against that log after every kill.
//
// usage: crash_driver DB MODEL LOG INSTANCES KILL_AFTER SEED
#include <fcntl.h>

#include <filesystem>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "wf/engine.h"

namespace {

constexpr int kThreads = 4;

std::atomic<long> g_commands{0};
long g_kill_after = 0;
int g_log = -1;
std::mutex g_log_mutex;
std::set<std::string> g_started_keys;  // guarded by g_log_mutex

void logLine(const std::string& line) {
  std::lock_guard<std::mutex> lock(g_log_mutex);
  const std::string text = line + "\n";
  if (::write(g_log, text.data(), text.size()) != static_cast<ssize_t>(text.size())) std::abort();
}

void countCommand() {
  if (++g_commands >= g_kill_after) ::raise(SIGKILL);
}

std::string readAll(const char* path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

wf::Value object(std::initializer_list<std::pair<const std::string, wf::Value>> items) {
  return wf::Value(wf::Object(items));
}

// One worker: takes open tasks whose instance id hashes to it and completes
// them as a clerk or approver would; starts new instances while fewer than
// the target exist.
void drive(wf::Engine& engine, int me, int instances, const std::string& run) {
  std::mt19937 rng(static_cast<unsigned>(me) * 7919u + static_cast<unsigned>(run.size()));
  for (int round = 0; round < 100000; ++round) {
    wf::TaskQuery q;
    q.limit = 200;
    auto tasks = engine.tasks(q);
    if (!tasks.ok()) std::abort();
    int mine = 0;
    for (const wf::TaskInfo& t : *tasks) {
      if (std::hash<std::string>()(t.instance_id) % kThreads != static_cast<size_t>(me)) continue;
      ++mine;
      wf::Value vars = object({});
      if (t.element_id == "intake") {
        auto inst = engine.instance(t.instance_id);
        if (!inst.ok()) continue;
        const bool supplemented = inst->variables.find("supplemented") != nullptr;
        vars = object({{"complete", supplemented}});
      } else if (t.element_id == "supplement") {
        vars = object({{"supplemented", true}});
      } else {
        vars = object({{t.element_id + "_opinion", "同意"}});
      }
      logLine("intent complete " + t.id);
      countCommand();
      const wf::Status st = engine.completeTask(t.id, vars);
      if (st.isOk()) logLine("ack complete " + t.id);
      if (!st.isOk() && st.code() != wf::StatusCode::Conflict) {
        std::fprintf(stderr, "complete failed: %s\n", st.toString().c_str());
        std::abort();
      }
    }
    // Start instances: each thread owns the business keys k with k % threads
    // == me. A key with an intent in the log (from this run or an earlier
    // one) is never started again.
    bool all_started = true;
    for (int k = me; k < instances; k += kThreads) {
      const std::string key = "case-" + std::to_string(k);
      {
        std::lock_guard<std::mutex> lock(g_log_mutex);
        if (!g_started_keys.insert(key).second) continue;
      }
      all_started = false;
      logLine("intent start " + key);
      countCommand();
      auto r = engine.startInstance("hall-flow", object({{"applicant", "申请人" + key}}), key);
      if (!r.ok()) {
        std::fprintf(stderr, "start failed: %s\n", r.status().toString().c_str());
        std::abort();
      }
      logLine("ack start " + key + " " + r->id);
      if (rng() % 4 == 0) break;  // interleave starts with completions
    }
    if (all_started && tasks->empty() && engine.waitForJobsIdle(std::chrono::milliseconds(0))) {
      return;  // nothing left to do
    }
    if (mine == 0) std::this_thread::yield();
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: crash_driver DB MODEL LOG INSTANCES KILL_AFTER SEED\n");
    return 2;
  }
  const std::string db = argv[1];
  const std::string model = readAll(argv[2]);
  g_log = ::open(argv[3], O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (g_log < 0) return 2;
  const int instances = std::atoi(argv[4]);
  // Keys started (or maybe started) by earlier runs, from their intents.
  {
    std::ifstream in(argv[3]);
    std::string a, b, key;
    while (in >> a >> b >> key) {
      if (a == "intent" && b == "start") g_started_keys.insert(key);
      if (a == "ack" && b == "start") in >> key;  // the instance id follows
    }
  }
  g_kill_after = std::atol(argv[5]);
  const std::string run = argv[6];

  wf::EngineOptions options;
  options.db_url = "sqlite:" + db;
  auto engine = wf::Engine::open(options);
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.status().toString().c_str());
    return 1;
  }
  // hall-flow counts its due dates in the calendar beside it in models/.
  const std::string calendar_path =
      (std::filesystem::path(argv[2]).parent_path().parent_path() / "calendar" / "cn-mainland.xml")
          .string();
  if (!(*engine)->deploy("cn-mainland.xml", readAll(calendar_path.c_str())).ok()) return 1;
  if (!(*engine)->deploy("hall_flow.bpmn", model).ok()) return 1;
  (*engine)->registerJobHandler("licence.issue",
                                [](const wf::JobContext&) -> wf::Result<wf::Value> {
                                  countCommand();
                                  return wf::Value(wf::Object{{"licenceNo", "L-1"}});
                                });
  (*engine)->startJobWorkers();

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] { drive(**engine, t, instances, run); });
  }
  for (std::thread& t : threads) t.join();
  (*engine)->waitForJobsIdle(std::chrono::seconds(30));
  return 0;
}
