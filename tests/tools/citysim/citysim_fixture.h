// The fixture of the simulator's process tests: a fresh `hall-citysim` per
// test (it starts in some 40 ms), a signed client for it, a valid
// application to issue, and its stats.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "city_requests.h"
#include "citysim_process.h"
#include "wf/value.h"

namespace hall::citysim::test {

inline constexpr const char* kTestKey = "citysim-test-key";
inline constexpr const char* kLicences = "/elicense/v1/licences";
// The worked example of GB 32100 (DOMAIN.md 1.6) and of GB 11643.
inline constexpr const char* kCompanyUscc = "91350100M000100Y43";
inline constexpr const char* kPersonId = "11010519491231002X";

// 31010520261129A1000042K: a case code of the contract's shape.
inline constexpr const char* kCaseCode = "31010520261129A1000042K";
// The 食品经营许可 matter's implementation code.
inline constexpr const char* kFoodMatter =
    "00012310600001-310105000000-000-11310105MB2F1952X1-1-00";

// A valid issue body; `changes` replace or add members (a null Value
// removes one).
wf::Object applicationObject(const wf::Object& changes = {});
std::string application(const wf::Object& changes = {});

class CitysimTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // GET /_sim/stats, member `name` of "elicense".
  int64_t stat(const std::string& name);
  // Member `name` of `platform` in GET /_sim/stats.
  int64_t statOf(const std::string& platform, const std::string& name);
  int64_t stat(const std::string& platform, const std::string& name) {
    return statOf(platform, name);
  }
  // Issues `body` under `idempotency_key`; expects 201 and returns the licenceId.
  std::string issue(const std::string& body, const std::string& idempotency_key);
  Reply control(const std::string& method, const std::string& path, const std::string& body = {});

  std::unique_ptr<CitysimProcess> sim_;
  std::unique_ptr<CitysimClient> client_;
};

}  // namespace hall::citysim::test
