// The fixture of a connector's tests against the real simulator: a fresh
// `hall-citysim` (a child process on port 0) per test, the repository's
// connector file of the platform with a test's quicker retries and breaker,
// an unsigned control client for /_sim, and the platform's counters.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "connectors/common/city_client.h"
#include "connectors/common/platform_config.h"
#include "tools/citysim/city_requests.h"
#include "tools/citysim/citysim_process.h"
#include "wf/engine.h"
#include "wf/ports/clock.h"

namespace connectors::test {

inline constexpr const char* kCityKey = "connector-test-key";
inline constexpr const char* kCaseCode = "31010520261129010000017";
// The 食品经营许可 matter's implementation code.
inline constexpr const char* kFood = "00012310600001-310105000000-000-11310105MB2F1952X1-1-00";

inline int64_t nowMillis() { return wf::toEpochMillis(wf::SystemClock().now()); }

// An engine on a fresh SQLite database in `dir`; null (and a test failure)
// when it does not open.
inline std::unique_ptr<wf::Engine> openEngine(const std::filesystem::path& dir) {
  wf::EngineOptions options;
  options.db_url = "sqlite:" + (dir / "hall.db").string();
  auto opened = wf::Engine::open(std::move(options));
  EXPECT_TRUE(opened.ok()) << opened.status().toString();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

// The same with `model` deployed.
inline std::unique_ptr<wf::Engine> engineWith(const std::filesystem::path& dir,
                                              const std::string& model) {
  std::unique_ptr<wf::Engine> engine = openEngine(dir);
  if (engine == nullptr) return nullptr;
  const auto deployed = engine->deploy("model.bpmn", model);
  EXPECT_TRUE(deployed.ok()) << deployed.status().toString();
  return engine;
}

// Starts `count` cases of `process` (23-character case codes as business
// keys, their variables from `variables`); the instance ids.
inline std::vector<std::string> startCases(
    wf::Engine& engine, const std::string& process, int count,
    const std::function<wf::Value(const std::string& case_code)>& variables) {
  std::vector<std::string> instances;
  for (int i = 0; i < count; ++i) {
    const std::string code = "31010520261129011" + std::to_string(100000 + i);
    auto started = engine.startInstance(process, variables(code), code);
    EXPECT_TRUE(started.ok()) << started.status().toString();
    if (started.ok()) instances.push_back(started->id);
  }
  return instances;
}

// Waits, bounded, until every instance waits at `element` alone (the
// engine retries with backoff: 1 s, 2 s, 4 s …); whether they all do.
inline bool eachWaitsAt(wf::Engine& engine, const std::vector<std::string>& instances,
                        const std::string& element, std::chrono::seconds within) {
  const auto all = [&] {
    for (const std::string& id : instances) {
      if (engine.instance(id)->active_activity_ids != std::vector<std::string>{element}) {
        return false;
      }
    }
    return true;
  };
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (!all()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

class CityConnectorTest : public ::testing::Test {
 protected:
  explicit CityConnectorTest(std::string platform) : platform_(std::move(platform)) {}

  void SetUp() override {
    auto started = hall::citysim::test::CitysimProcess::startQuiet(kCityKey);
    ASSERT_TRUE(started.ok()) << started.status().toString();
    sim_ = std::move(started).value();
    control_ =
        std::make_unique<hall::citysim::test::CitysimClient>(sim_->host(), sim_->port(), kCityKey);
  }

  PlatformConfig config() const {
    auto read =
        readPlatformConfigs(std::filesystem::path(HALL_SOURCE_DIR) / "models" / "connectors");
    EXPECT_TRUE(read.ok()) << read.status().message();
    PlatformConfig c = read->at(platform_);
    c.retry = RetryPolicy{3, std::chrono::milliseconds(5), std::chrono::milliseconds(20)};
    c.breaker = BreakerPolicy{5, std::chrono::milliseconds(300)};
    c.timeout = std::chrono::milliseconds(3000);
    return c;
  }

  std::unique_ptr<CityClient> client(const std::string& key = kCityKey) const {
    return std::make_unique<CityClient>(config(), sim_->url(), key, nowMillis);
  }

  int64_t stat(const std::string& name) const {
    const auto reply = control_->get("/_sim/stats");
    const wf::Value* p = reply.json.isObject() ? reply.json.find(platform_) : nullptr;
    const wf::Value* v = p != nullptr ? p->find(name) : nullptr;
    return v != nullptr && v->isNumber() ? static_cast<int64_t>(v->asNumber()) : -1;
  }

  void downFor(int ms) const {
    const auto r = control_->send("PUT", "/_sim/faults/" + platform_,
                                  R"({"downForMs": )" + std::to_string(ms) + "}");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  static wf::Result<wf::Value> runJob(
      const std::function<wf::Result<wf::Value>(const wf::JobContext&)>& handler,
      const std::string& type, const std::string& job_id, const wf::Value& variables,
      const std::string& element = "task") {
    wf::JobInfo job;
    job.id = job_id;
    job.type = type;
    job.element_id = element;
    return handler(wf::JobContext{job, variables});
  }

  const std::string platform_;
  std::unique_ptr<hall::citysim::test::CitysimProcess> sim_;
  std::unique_ptr<hall::citysim::test::CitysimClient> control_;
};

}  // namespace connectors::test
