#include "city_connector_fixture.h"

#include <filesystem>

#include "connectors/common/platform_config.h"
#include "wf/ports/clock.h"

namespace connectors::test {

using hall::citysim::test::CitysimClient;
using hall::citysim::test::CitysimProcess;

int64_t nowMillis() { return wf::toEpochMillis(wf::SystemClock().now()); }

PlatformConfig repositoryConfig(const std::string& platform) {
  auto read = readPlatformConfigs(std::filesystem::path(HALL_SOURCE_DIR) / "models" / "connectors");
  EXPECT_TRUE(read.ok()) << read.status().message();
  PlatformConfig c = read->at(platform);
  c.retry = RetryPolicy{3, std::chrono::milliseconds(5), std::chrono::milliseconds(20)};
  c.breaker = BreakerPolicy{5, std::chrono::milliseconds(300)};
  c.timeout = std::chrono::milliseconds(3000);
  return c;
}

void CityConnectorTest::SetUp() {
  auto started = hall::citysim::test::startCitysim(kCityKey);
  ASSERT_TRUE(started.ok()) << started.status().toString();
  sim_ = std::move(started).value();
  city_ = std::make_unique<CitysimClient>(sim_->host(), sim_->port(), kCityKey);
}

std::unique_ptr<CityClient> CityConnectorTest::client(const std::string& platform,
                                                      const std::string& key) {
  return std::make_unique<CityClient>(repositoryConfig(platform), sim_->url(), key, nowMillis);
}

void CityConnectorTest::platformDownFor(const std::string& platform, int ms) {
  const auto r = city_->send("PUT", "/_sim/faults/" + platform,
                             R"({"downForMs": )" + std::to_string(ms) + "}");
  ASSERT_EQ(r.status, 200) << r.body;
}

}  // namespace connectors::test
