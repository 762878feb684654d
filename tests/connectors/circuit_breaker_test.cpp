// The breaker's life: closed until `failures` failures in a row, open (no
// calls) for `open_for`, then one trial: success closes, failure reopens.
#include "connectors/common/circuit_breaker.h"

#include <gtest/gtest.h>

namespace connectors {
namespace {

class CircuitBreakerTest : public ::testing::Test {
 protected:
  int64_t now_ = 1000;
  CircuitBreaker breaker_{BreakerPolicy{3, std::chrono::milliseconds(500)},
                          [this] { return now_; }};
};

TEST_F(CircuitBreakerTest, OpensAfterFailuresInARowAndASuccessResetsTheCount) {
  breaker_.failed();
  breaker_.failed();
  breaker_.succeeded();
  breaker_.failed();
  breaker_.failed();
  EXPECT_TRUE(breaker_.allow()) << "two in a row since the success";
  breaker_.failed();
  EXPECT_EQ(breaker_.state(), CircuitBreaker::State::Open);
  EXPECT_FALSE(breaker_.allow());
  EXPECT_EQ(breaker_.reopensAt(), 1500);
}

TEST_F(CircuitBreakerTest, AfterTheOpenPeriodOneTrialDecides) {
  for (int i = 0; i < 3; ++i) breaker_.failed();
  now_ = 1499;
  EXPECT_FALSE(breaker_.allow());
  now_ = 1500;
  EXPECT_EQ(breaker_.state(), CircuitBreaker::State::HalfOpen);
  EXPECT_TRUE(breaker_.allow()) << "the trial";
  EXPECT_FALSE(breaker_.allow()) << "only one trial at a time";
  breaker_.failed();
  EXPECT_EQ(breaker_.state(), CircuitBreaker::State::Open);
  EXPECT_EQ(breaker_.reopensAt(), 2000);
  now_ = 2000;
  EXPECT_TRUE(breaker_.allow());
  breaker_.succeeded();
  EXPECT_EQ(breaker_.state(), CircuitBreaker::State::Closed);
  EXPECT_TRUE(breaker_.allow());
  EXPECT_TRUE(breaker_.allow());
}

// succeeded() tells when a failing spell ends, once: what CityClient turns
// into its onRecovered callback.
TEST_F(CircuitBreakerTest, ASuccessTellsWhetherItEndsAFailingSpell) {
  EXPECT_FALSE(breaker_.succeeded()) << "nothing failed";
  breaker_.failed();
  EXPECT_TRUE(breaker_.succeeded()) << "the first success after a failure";
  EXPECT_FALSE(breaker_.succeeded()) << "only once";
  for (int i = 0; i < 3; ++i) breaker_.failed();
  now_ = 1500;
  ASSERT_TRUE(breaker_.allow()) << "the trial";
  EXPECT_TRUE(breaker_.succeeded()) << "the breaker closes again";
  EXPECT_EQ(breaker_.state(), CircuitBreaker::State::Closed);
  EXPECT_FALSE(breaker_.succeeded());
}

}  // namespace
}  // namespace connectors
