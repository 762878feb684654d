// timer_bench: arms N timers (instances waiting at a timer catch event),
// due all at one moment or spread evenly over a window, then measures how
// fast the engine fires them and how late each fires after its due time
// (p50/p99/max), on the real clock.
//
//   timer_bench [--timers N] [--spread-ms MS] [--clients N] [--workers N]
//               [--store full|normal] [--db PATH]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "wf/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int timers = 100000;
  int64_t spread_ms = 0;  // 0: all due at one moment
  int clients = 8;
  int workers = 8;
  std::string store = "full";
  std::string db = "/tmp/hall-timer-bench.db";
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "timer_bench: %s\n", what.c_str());
  std::exit(1);
}

constexpr const char* kModel = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:hall:bench">
  <bpmn:process id="timed" isExecutable="true">
    <bpmn:startEvent id="s" />
    <bpmn:intermediateCatchEvent id="wait">
      <bpmn:timerEventDefinition><bpmn:timeDate>=due</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>)";

int64_t nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--timers") {
      o.timers = std::stoi(v);
    } else if (k == "--spread-ms") {
      o.spread_ms = std::stoll(v);
    } else if (k == "--clients") {
      o.clients = std::stoi(v);
    } else if (k == "--workers") {
      o.workers = std::stoi(v);
    } else if (k == "--store") {
      o.store = v;
    } else if (k == "--db") {
      o.db = v;
    } else {
      die("unknown option " + k);
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(o.db + suffix);
  wf::EngineOptions options;
  options.db_url = "sqlite:" + o.db;
  options.sync = o.store == "normal" ? wf::SyncMode::Normal : wf::SyncMode::Full;
  options.job_workers = o.workers;
  auto opened = wf::Engine::open(options);
  if (!opened.ok()) die(opened.status().toString());
  std::unique_ptr<wf::Engine> e = std::move(opened).value();
  if (auto r = e->deploy("timed.bpmn", kModel); !r.ok()) die(r.status().toString());

  // Arm every timer for one moment after arming ends: arming runs at well
  // over 800 starts a second here, so that leaves room.
  const int64_t due = nowMillis() + 5'000 + static_cast<int64_t>(o.timers) * 5 / 4;
  // Timer k is due at due + k * spread / N.
  const auto dueOf = [&](int k) { return due + o.spread_ms * k / o.timers; };
  std::vector<std::vector<std::pair<std::string, int64_t>>> ids(static_cast<size_t>(o.clients));
  std::atomic<int> next{0};
  const auto a0 = Clock::now();
  {
    std::vector<std::thread> clients;
    for (int c = 0; c < o.clients; ++c) {
      clients.emplace_back([&, c] {
        for (int k = next.fetch_add(1); k < o.timers; k = next.fetch_add(1)) {
          const wf::Value vars(wf::Object{{"due", wf::Value(wf::DateTime{dueOf(k), 0, true})}});
          auto r = e->startInstance("timed", vars);
          if (!r.ok()) die(r.status().toString());
          ids[static_cast<size_t>(c)].emplace_back(r->id, dueOf(k));
        }
      });
    }
    for (std::thread& t : clients) t.join();
  }
  const double arm_secs = std::chrono::duration<double>(Clock::now() - a0).count();
  const int64_t armed_at = nowMillis();
  if (armed_at >= due) die("arming took longer than planned; fewer timers or more clients");
  std::printf("armed %d timers in %.1f s (%.0f/s); due from %.1f s on, over %.1f s\n", o.timers,
              arm_secs, o.timers / arm_secs, static_cast<double>(due - armed_at) / 1000.0,
              static_cast<double>(o.spread_ms) / 1000.0);

  e->startJobWorkers();
  std::this_thread::sleep_for(std::chrono::milliseconds(dueOf(o.timers - 1) - nowMillis()));
  // Fired means completed: the end event follows the timer.
  if (!e->waitForJobsIdle(std::chrono::minutes(30))) die("timers still pending after 30 minutes");
  std::vector<int64_t> late;
  late.reserve(static_cast<size_t>(o.timers));
  int64_t last = 0;
  for (const auto& list : ids) {
    for (const auto& [id, its_due] : list) {
      auto info = e->instance(id);
      if (!info.ok()) die(info.status().toString());
      if (info->state != wf::InstanceState::Completed) die("instance " + id + " did not finish");
      late.push_back(info->ended_at - its_due);
      last = std::max(last, info->ended_at);
    }
  }
  std::sort(late.begin(), late.end());
  const double fire_secs = static_cast<double>(last - due) / 1000.0;  // from the first due
  std::printf("fired %zu timers, the last %.1f s after the first was due: %.0f/s\n", late.size(),
              fire_secs, static_cast<double>(late.size()) / std::max(fire_secs, 0.001));
  std::printf("delay after due: p50 %lld ms, p99 %lld ms, max %lld ms\n",
              static_cast<long long>(late[late.size() / 2]),
              static_cast<long long>(late[late.size() * 99 / 100]),
              static_cast<long long>(late.back()));
  return 0;
}
