// What the connectors' tests against the real simulator share: a fresh
// `hall-citysim` per test (port 0, quiet), a CityClient for one platform of
// the repository's connector files with a test's quick retries and breaker,
// the simulator's counters, and its faults.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "connectors/common/city_client.h"
#include "connectors/common/platform_config.h"
#include "tools/citysim/citysim_process.h"
#include "wf/engine.h"
#include "wf/ports/clock.h"

namespace connectors::test {

inline constexpr const char* kCityKey = "connector-test-key";
inline constexpr const char* kCaseCode = "31010520261129010000017";
// The 食品经营许可 matter's implementation code.
inline constexpr const char* kFood = "00012310600001-310105000000-000-11310105MB2F1952X1-1-00";

inline int64_t nowMillis() { return wf::toEpochMillis(wf::SystemClock().now()); }

// models/connectors/<platform>.xml, with quick retries and breaker.
inline PlatformConfig quickConfig(const std::string& platform) {
  auto read = readPlatformConfigs(std::filesystem::path(HALL_SOURCE_DIR) / "models" / "connectors");
  EXPECT_TRUE(read.ok()) << read.status().message();
  PlatformConfig c = read->at(platform);
  c.retry = RetryPolicy{3, std::chrono::milliseconds(5), std::chrono::milliseconds(20)};
  c.breaker = BreakerPolicy{5, std::chrono::milliseconds(300)};
  c.timeout = std::chrono::milliseconds(3000);
  return c;
}

// An engine on a SQLite file in `dir` (fails the test when it cannot open).
inline std::unique_ptr<wf::Engine> openEngine(const std::filesystem::path& dir) {
  wf::EngineOptions options;
  options.db_url = "sqlite:" + (dir / "hall.db").string();
  auto opened = wf::Engine::open(std::move(options));
  EXPECT_TRUE(opened.ok()) << opened.status().toString();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

class CityFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    hall::citysim::test::CitysimProcessOptions options;
    options.args = {"--port", "0", "--quiet"};
    options.env = {{"CITYSIM_KEY", kCityKey}};
    auto started = hall::citysim::test::CitysimProcess::start(options);
    ASSERT_TRUE(started.ok()) << started.status().toString();
    sim_ = std::move(started).value();
    control_ =
        std::make_unique<hall::citysim::test::CitysimClient>(sim_->host(), sim_->port(), kCityKey);
  }

  std::unique_ptr<CityClient> client(const std::string& platform,
                                     const std::string& key = kCityKey) {
    return std::make_unique<CityClient>(quickConfig(platform), sim_->url(), key, nowMillis);
  }

  int64_t stat(const std::string& platform, const std::string& name) {
    const auto reply = control_->get("/_sim/stats");
    const wf::Value* p = reply.json.isObject() ? reply.json.find(platform) : nullptr;
    const wf::Value* v = p != nullptr ? p->find(name) : nullptr;
    return v != nullptr && v->isNumber() ? static_cast<int64_t>(v->asNumber()) : -1;
  }

  void platformDownFor(const std::string& platform, int ms) {
    const auto r = control_->send("PUT", "/_sim/faults/" + platform,
                                  R"({"downForMs": )" + std::to_string(ms) + "}");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // Runs `handler` on a job of `type` with id `job_id`, as the engine would.
  template <typename Handler>
  static wf::Result<wf::Value> runHandler(Handler&& handler, const char* type,
                                          const std::string& job_id, const wf::Value& variables) {
    wf::JobInfo info;
    info.id = job_id;
    info.type = type;
    return handler(wf::JobContext{info, variables});
  }

  std::unique_ptr<hall::citysim::test::CitysimProcess> sim_;
  std::unique_ptr<hall::citysim::test::CitysimClient> control_;
};

}  // namespace connectors::test
