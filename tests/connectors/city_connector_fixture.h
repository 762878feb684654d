// The fixture of the connector tests against the real simulator
// (`hall-citysim` on port 0, its key): a platform's connector file from the
// repository with a test's quick retries and breaker, a CityClient for it,
// and the simulator's signed client and faults.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "connectors/common/city_client.h"
#include "tools/citysim/city_requests.h"
#include "tools/citysim/citysim_process.h"

namespace connectors::test {

inline constexpr const char* kCityKey = "connector-test-key";

int64_t nowMillis();

// models/connectors/<platform>.xml with retries of 5–20 ms and a breaker
// that opens after 5 failures for 300 ms.
PlatformConfig repositoryConfig(const std::string& platform);

class CityConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override;

  std::unique_ptr<CityClient> client(const std::string& platform,
                                     const std::string& key = kCityKey);
  void platformDownFor(const std::string& platform, int ms);

  std::unique_ptr<hall::citysim::test::CitysimProcess> sim_;
  std::unique_ptr<hall::citysim::test::CitysimClient> city_;
};

}  // namespace connectors::test
