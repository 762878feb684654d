// engine_bench: drives hall-flow or linear-10 through the engine library
// and prints completed instances/s, p50/p99 per command, bytes stored per
// finished instance, and peak RSS. Also measures a large waiting backlog.
//
//   engine_bench --model hall-flow|linear-10 --clients N --instances N
//                --store full|normal|memory [--db PATH | --db postgresql://…]
//                [--nodes N]   (PostgreSQL: N engines share the database; the
//                clients are spread over them, each runs jobs)
//   engine_bench --waiting N [--db PATH]   (N instances waiting at intake:
//                RSS and the time of a one-queue task-list query)
//   engine_bench --next-work N [--store …]  (65 workers claim N tasks of 8 queues)
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "wf/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string model = "hall-flow";
  int clients = 1;
  int instances = 2000;
  std::string store = "full";
  std::string db = "/tmp/hall-bench.db";
  long waiting = 0;
  int next_work_tasks = 0;  // --next-work N: get-next-work over N waiting tasks
  int nodes = 1;            // engines on one PostgreSQL database
  bool postgresql() const { return db.rfind("postgresql:", 0) == 0; }
  std::string storeName() const { return postgresql() ? "postgresql-" + store : store; }
};

std::string readAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

long peakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

long currentRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "engine_bench: %s\n", what.c_str());
  std::exit(1);
}

void check(const wf::Status& st, const char* what) {
  if (!st.isOk()) die(std::string(what) + ": " + st.toString());
}

// Latencies of write commands, in microseconds, from all clients.
class Latencies {
 public:
  void add(Clock::duration d) {
    std::lock_guard<std::mutex> lock(mutex_);
    us_.push_back(std::chrono::duration_cast<std::chrono::microseconds>(d).count());
  }
  long percentile(double p) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (us_.empty()) return 0;
    std::sort(us_.begin(), us_.end());
    return us_[static_cast<size_t>(p * static_cast<double>(us_.size() - 1))];
  }
  size_t count() {
    std::lock_guard<std::mutex> lock(mutex_);
    return us_.size();
  }

 private:
  std::mutex mutex_;
  std::vector<long> us_;
};

template <typename F>
auto timed(Latencies& lat, F&& f) {
  const auto t0 = Clock::now();
  auto r = f();
  lat.add(Clock::now() - t0);
  return r;
}

std::string taskAt(wf::Engine& e, const std::string& instance, const std::string& element) {
  wf::TaskQuery q;
  q.instance_id = instance;
  auto tasks = e.tasks(q);
  if (!tasks.ok()) die(tasks.status().toString());
  for (const wf::TaskInfo& t : *tasks) {
    if (t.element_id == element) return t.id;
  }
  die("no open task at " + element + " of " + instance);
}

void runHallFlow(wf::Engine& e, int n, Latencies& lat) {
  const wf::Value empty = wf::Value(wf::Object{});
  for (int i = 0; i < n; ++i) {
    auto started = timed(lat, [&] { return e.startInstance("hall-flow", empty); });
    if (!started.ok()) die(started.status().toString());
    const std::string id = started->id;
    const auto complete = [&](const std::string& element, wf::Value vars) {
      const std::string task = taskAt(e, id, element);
      check(timed(lat, [&] { return e.completeTask(task, vars); }), "complete");
    };
    complete("intake", wf::Value(wf::Object{{"complete", false}}));
    complete("supplement", empty);
    complete("intake", wf::Value(wf::Object{{"complete", true}}));
    complete("approve_market", empty);
    complete("approve_health", empty);
    complete("approve_fire", empty);
  }
}

void runLinear(wf::Engine& e, int n, Latencies& lat) {
  const wf::Value empty = wf::Value(wf::Object{});
  for (int i = 0; i < n; ++i) {
    auto started = timed(lat, [&] { return e.startInstance("linear-10", empty); });
    if (!started.ok()) die(started.status().toString());
  }
}

std::unique_ptr<wf::Engine> openEngine(const Options& o, bool fresh) {
  wf::EngineOptions options;
  if (o.postgresql()) {
    // The database is the caller's: a fresh one per run (createdb).
    options.db_url = o.db;
    options.sync = o.store == "normal" ? wf::SyncMode::Normal : wf::SyncMode::Full;
    options.readers = 8;  // each query is a round trip to the server
  } else if (o.store == "memory") {
    options.db_url = "sqlite::memory:";
  } else {
    if (fresh) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(o.db + suffix);
    }
    options.db_url = "sqlite:" + o.db;
    options.sync = o.store == "normal" ? wf::SyncMode::Normal : wf::SyncMode::Full;
  }
  options.job_workers = 8;  // jobs wait on commits (and, for connectors, on the network)
  auto engine = wf::Engine::open(options);
  if (!engine.ok()) die(engine.status().toString());
  return std::move(engine).value();
}

void deployModels(wf::Engine& e) {
  const std::string root = HALL_SOURCE_DIR;
  for (const std::string& path :
       {root + "/models/calendar/cn-mainland.xml", root + "/models/processes/hall_flow.bpmn",
        root + "/tools/bench/models/linear_10.bpmn"}) {
    auto r = e.deploy(path, readAll(path));
    if (!r.ok()) die(r.status().toString() + " " + r.status().details().toJson());
  }
}

int benchFlow(const Options& o) {
  if (o.nodes > 1 && !o.postgresql()) die("--nodes needs --db postgresql://…");
  std::vector<std::unique_ptr<wf::Engine>> nodes;
  for (int n = 0; n < std::max(1, o.nodes); ++n) nodes.push_back(openEngine(o, n == 0));
  deployModels(*nodes[0]);
  std::atomic<long> job_commands{0};
  for (auto& e : nodes) {
    for (const char* type : {"licence.issue", "bench.noop"}) {
      e->registerJobHandler(type, [&](const wf::JobContext&) -> wf::Result<wf::Value> {
        ++job_commands;
        return wf::Value(wf::Object{});
      });
    }
    e->startJobWorkers();
  }

  Latencies lat;
  const int per_client = std::max(1, o.instances / o.clients);
  const auto t0 = Clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < o.clients; ++c) {
    wf::Engine& e = *nodes[static_cast<size_t>(c) % nodes.size()];
    clients.emplace_back([&] {
      if (o.model == "hall-flow") {
        runHallFlow(e, per_client, lat);
      } else {
        runLinear(e, per_client, lat);
      }
    });
  }
  for (std::thread& t : clients) t.join();
  // A job may wait in the database for another node's poll: done when every
  // node is idle and none is pending.
  const auto deadline = Clock::now() + std::chrono::minutes(10);
  for (;;) {
    for (auto& e : nodes) {
      if (!e->waitForJobsIdle(std::chrono::minutes(10))) die("jobs did not finish");
    }
    if (nodes[0]->jobs(wf::JobState::Pending)->empty()) break;
    if (Clock::now() > deadline) die("pending jobs remain");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  const long total = static_cast<long>(per_client) * o.clients;

  // Every instance must have finished for the numbers to mean anything.
  wf::TaskQuery open_tasks;
  open_tasks.limit = 10;
  if (!nodes[0]->tasks(open_tasks)->empty()) die("open tasks remain");

  const long commands = static_cast<long>(lat.count()) + job_commands.load();
  std::printf("model=%s clients=%d store=%s nodes=%zu instances=%ld\n", o.model.c_str(), o.clients,
              o.storeName().c_str(), nodes.size(), total);
  std::printf("  time %.2f s: %.0f instances/s, %.0f commands/s\n", secs,
              static_cast<double>(total) / secs, static_cast<double>(commands) / secs);
  std::printf("  client commands: %zu, p50 %ld us, p99 %ld us\n", lat.count(), lat.percentile(0.50),
              lat.percentile(0.99));
  std::printf("  peak RSS %ld MB\n", peakRssKb() / 1024);
  nodes.clear();
  if (o.store != "memory" && !o.postgresql()) {
    const auto bytes = std::filesystem::file_size(o.db);
    std::printf("  database file %.1f MB (after checkpoint): %.0f bytes per finished instance\n",
                static_cast<double>(bytes) / 1e6,
                static_cast<double>(bytes) / static_cast<double>(total));
  }
  return 0;
}

int benchWaiting(const Options& o) {
  Options opts = o;
  opts.store = "normal";  // loading the backlog is not what is measured
  std::unique_ptr<wf::Engine> e = openEngine(opts, true);
  deployModels(*e);
  const wf::Value empty = wf::Value(wf::Object{});
  const auto t0 = Clock::now();
  std::atomic<long> next{0};
  std::vector<std::thread> loaders;
  for (int c = 0; c < 64; ++c) {
    loaders.emplace_back([&] {
      while (next++ < o.waiting) {
        auto r = e->startInstance("hall-flow", empty);
        if (!r.ok()) die(r.status().toString());
      }
    });
  }
  for (std::thread& t : loaders) t.join();
  std::printf("started %ld instances waiting at intake in %.1f s\n", o.waiting,
              std::chrono::duration<double>(Clock::now() - t0).count());
  std::printf("  RSS after loading: %ld MB\n", currentRssKb() / 1024);
  e.reset();
  // A server that restarts on this database: what does it cost to hold?
  e = openEngine(opts, false);
  std::printf("  RSS of a freshly opened engine on it: %ld MB\n", currentRssKb() / 1024);
  std::vector<long> us;
  for (int k = 0; k < 50; ++k) {
    wf::TaskQuery q;
    q.queue = "intake";
    q.limit = 50;
    const auto q0 = Clock::now();
    auto tasks = e->tasks(q);
    us.push_back(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - q0).count());
    if (!tasks.ok() || tasks->size() != 50) die("queue query failed");
  }
  std::sort(us.begin(), us.end());
  std::printf("  task list of queue 'intake' (first 50 by priority, age): p50 %ld us, max %ld us\n",
              us[us.size() / 2], us.back());
  std::printf("  RSS after queries: %ld MB\n", currentRssKb() / 1024);
  return 0;
}

}  // namespace

// A one-task process per queue: the backlog the workers draw from.
std::string queueModel(const std::string& queue) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
         "xmlns:hall=\"urn:hall:bpmn:1\" id=\"d_" +
         queue +
         "\" targetNamespace=\"urn:hall:bench\">"
         "<bpmn:process id=\"visit_" +
         queue +
         "\" isExecutable=\"true\">"
         "<bpmn:startEvent id=\"s\"/><bpmn:userTask id=\"wait\" hall:queue=\"" +
         queue +
         "\" hall:priority=\"=prio\"/><bpmn:endEvent id=\"e\"/>"
         "<bpmn:sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"wait\"/>"
         "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"wait\" targetRef=\"e\"/>"
         "</bpmn:process></bpmn:definitions>";
}

// 65 workers (the hall's windows), each serving three of 8 queues, claim
// tasks until the backlog is gone.
int benchNextWork(const Options& o) {
  std::unique_ptr<wf::Engine> e = openEngine(o, true);
  constexpr int kQueues = 8;
  constexpr int kWorkers = 65;
  for (int q = 0; q < kQueues; ++q) {
    const std::string name = "q" + std::to_string(q);
    auto r = e->deploy(name + ".bpmn", queueModel(name));
    if (!r.ok()) die(r.status().toString());
  }
  for (int k = 0; k < o.next_work_tasks; ++k) {
    const std::string key = "visit_q" + std::to_string(k % kQueues);
    auto r = e->startInstance(key, wf::Value(wf::Object{{"prio", k % 3}}));
    if (!r.ok()) die(r.status().toString());
  }
  Latencies lat;
  std::atomic<long> claimed{0}, empty{0};
  const auto t0 = Clock::now();
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&, w] {
      const std::vector<std::string> queues = {"q" + std::to_string(w % kQueues),
                                               "q" + std::to_string((w + 1) % kQueues),
                                               "q" + std::to_string((w + 3) % kQueues)};
      for (int call = 0; call < o.next_work_tasks; ++call) {
        auto next =
            timed(lat, [&] { return e->claimNextTask("window-" + std::to_string(w), queues); });
        if (!next.ok()) die(next.status().toString());
        if (!next->has_value()) {
          ++empty;
          return;
        }
        ++claimed;
      }
    });
  }
  for (std::thread& t : workers) t.join();
  const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("get-next-work: %d workers, %d queues, %d waiting tasks, store=%s\n", kWorkers,
              kQueues, o.next_work_tasks, o.storeName().c_str());
  std::printf("  %ld claimed (%ld workers found none left) in %.2f s: %.0f calls/s\n",
              claimed.load(), empty.load(), secs, static_cast<double>(lat.count()) / secs);
  std::printf("  per call p50 %ld us, p99 %ld us\n", lat.percentile(0.50), lat.percentile(0.99));
  wf::TaskQuery q;
  q.limit = 10000;
  long unclaimed = 0;
  for (int k = 0; k < kQueues; ++k) {
    q.queue = "q" + std::to_string(k);
    const auto tasks = e->tasks(q);
    if (!tasks.ok()) die(tasks.status().toString());
    for (const wf::TaskInfo& t : *tasks) unclaimed += t.state == wf::TaskState::Created;
  }
  std::printf("  tasks left unclaimed: %ld\n", unclaimed);
  return 0;
}

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--model") {
      o.model = v;
    } else if (k == "--clients") {
      o.clients = std::stoi(v);
    } else if (k == "--instances") {
      o.instances = std::stoi(v);
    } else if (k == "--store") {
      o.store = v;
    } else if (k == "--db") {
      o.db = v;
    } else if (k == "--waiting") {
      o.waiting = std::stol(v);
    } else if (k == "--nodes") {
      o.nodes = std::stoi(v);
    } else if (k == "--next-work") {
      o.next_work_tasks = std::stoi(v);
    } else {
      die("unknown option " + k);
    }
  }
  if (o.next_work_tasks > 0) return benchNextWork(o);
  return o.waiting > 0 ? benchWaiting(o) : benchFlow(o);
}
