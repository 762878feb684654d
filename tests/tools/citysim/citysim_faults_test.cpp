// Fault injection (/_sim/faults/{platform}) against the built hall-citysim:
// down for a while, errors, drops, latency, and DELETE to clear.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "citysim_fixture.h"

namespace hall::citysim::test {
namespace {

using namespace std::chrono_literals;
using CitysimFaults = CitysimTest;

constexpr const char* kFaults = "/_sim/faults/elicense";

TEST_F(CitysimFaults, DownForAPeriodThenBackToNormal) {
  const auto set_at = std::chrono::steady_clock::now();
  ASSERT_EQ(control("PUT", kFaults, R"({"downForMs": 300})").status, 200);
  const Reply down = client_->post(kLicences, application(), {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_EQ(down.code(), "PLATFORM_DOWN");
  EXPECT_EQ(stat("issued"), 0);

  // Back once the period is over: polled, with a deadline well past it.
  const auto deadline = set_at + 5s;
  Reply reply;
  do {
    std::this_thread::sleep_for(20ms);
    reply = client_->post(kLicences, application(), {{"Idempotency-Key", "k-1"}});
  } while (reply.status == 503 && std::chrono::steady_clock::now() < deadline);
  EXPECT_EQ(reply.status, 201) << reply.body;
  EXPECT_GE(std::chrono::steady_clock::now() - set_at, 300ms);
  EXPECT_EQ(stat("issued"), 1);
  EXPECT_GE(stat("faulted"), 1);
}

TEST_F(CitysimFaults, ErrorRateOneFailsEveryRequestUntilCleared) {
  ASSERT_EQ(control("PUT", kFaults, R"({"errorRate": 1.0})").status, 200);
  for (int i = 0; i < 3; ++i) {
    const Reply reply = client_->post(kLicences, application(), {{"Idempotency-Key", "k-1"}});
    EXPECT_EQ(reply.status, 500) << reply.body;
  }
  EXPECT_EQ(stat("faulted"), 3);
  EXPECT_EQ(stat("issued"), 0);
  EXPECT_EQ(stat("refused"), 0);

  const Reply cleared = control("DELETE", kFaults);
  ASSERT_EQ(cleared.status, 200);
  EXPECT_EQ(cleared.json.find("faults")->find("errorRate")->asNumber(), 0);
  EXPECT_EQ(client_->post(kLicences, application(), {{"Idempotency-Key", "k-1"}}).status, 201);
  EXPECT_EQ(stat("requests"), 4);
}

TEST_F(CitysimFaults, DropRateOneClosesWithoutAnAnswer) {
  ASSERT_EQ(control("PUT", kFaults, R"({"dropRate": 1})").status, 200);
  const Reply reply = client_->get(std::string(kLicences) + "?holderId=" + kCompanyUscc);
  EXPECT_EQ(reply.status, 0) << reply.body;
  EXPECT_EQ(stat("faulted"), 1);
  ASSERT_EQ(control("DELETE", kFaults).status, 200);
  EXPECT_EQ(client_->get(std::string(kLicences) + "?holderId=" + kCompanyUscc).status, 200);
}

TEST_F(CitysimFaults, LatencyDelaysTheAnswer) {
  ASSERT_EQ(control("PUT", kFaults, R"({"latencyMs": 150})").status, 200);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(client_->get(std::string(kLicences) + "?holderId=" + kCompanyUscc).status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 150ms);
}

TEST_F(CitysimFaults, RefusesBadSettingsAndUnknownPlatforms) {
  const Reply rate = control("PUT", kFaults, R"({"errorRate": 1.5})");
  EXPECT_EQ(rate.status, 400);
  EXPECT_EQ(rate.field(), "errorRate");
  const Reply type = control("PUT", kFaults, R"({"downForMs": "soon"})");
  EXPECT_EQ(type.status, 400);
  EXPECT_EQ(type.field(), "downForMs");
  const Reply malformed = control("PUT", kFaults, "{");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.field(), "body");
  EXPECT_EQ(control("PUT", "/_sim/faults/nowhere", "{}").status, 404);
  // Refused settings left the platform as it was.
  EXPECT_EQ(client_->post(kLicences, application(), {{"Idempotency-Key", "k-1"}}).status, 201);
}

}  // namespace
}  // namespace hall::citysim::test
