// The fixture of a connector's tests against the real simulator: a fresh
// `hall-citysim` (a child process on port 0) per test, the repository's
// connector file of the platform with a test's quicker retries and breaker,
// an unsigned control client for /_sim, and the platform's counters.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "connectors/common/city_client.h"
#include "connectors/common/platform_config.h"
#include "tools/citysim/citysim_process.h"
#include "wf/ports/clock.h"

namespace connectors::test {

inline constexpr const char* kCityKey = "connector-test-key";

inline int64_t nowMillis() { return wf::toEpochMillis(wf::SystemClock().now()); }

class CityConnectorTest : public ::testing::Test {
 protected:
  explicit CityConnectorTest(std::string platform) : platform_(std::move(platform)) {}

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
