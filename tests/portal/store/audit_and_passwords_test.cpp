// The audit trail's group commit under concurrent writers, and scrypt
// password hashes.
#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "portal/store/scrypt_password_hasher.h"
#include "portal/store/soci_audit_trail.h"
#include "support/temp_dir.h"

namespace hall::store {
namespace {

TEST(SociAuditTrail, ConcurrentWritersEachGetADurableEntryWithItsOwnId) {
  hall::test::TempDir dir;
  const std::string url = "sqlite:" + dir.file("hall.db");
  {
    auto trail = SociAuditTrail::open(url);
    ASSERT_TRUE(trail.ok()) << trail.status().toString();
    constexpr int kThreads = 8;
    constexpr int kEach = 40;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) {
          hall::domain::AuditEntry e;
          e.at = 1000 + i;
          e.actor = "clerk" + std::to_string(t);
          e.action = "POST /api/v1/windows/{id}/call-next";
          e.target = "/api/v1/windows/W0" + std::to_string(t) + "/call-next";
          e.outcome = 200;
          EXPECT_TRUE((*trail)->record(e).isOk());
        }
      });
    }
    for (std::thread& t : threads) t.join();
  }
  auto reopened = SociAuditTrail::open(url);
  ASSERT_TRUE(reopened.ok());
  auto all = (*reopened)->entries({std::nullopt, 0, 1000});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 320u);
  std::set<int64_t> ids;
  for (size_t i = 0; i < all->size(); ++i) {
    ids.insert((*all)[i].id);
    if (i > 0) {
      EXPECT_GT((*all)[i - 1].id, (*all)[i].id) << "newest first";
    }
  }
  EXPECT_EQ(ids.size(), 320u);

  auto clerk3 = (*reopened)->entries({std::string("clerk3"), 0, 1000});
  ASSERT_TRUE(clerk3.ok());
  EXPECT_EQ(clerk3->size(), 40u);
  for (const auto& e : *clerk3) EXPECT_EQ(e.target, "/api/v1/windows/W03/call-next");

  auto page = (*reopened)->entries({std::nullopt, (*all)[9].id, 5});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 5u);
  EXPECT_EQ(page->front().id, (*all)[10].id);

  // A new entry after reopening continues the ids.
  hall::domain::AuditEntry later;
  later.actor = "admin";
  ASSERT_TRUE((*reopened)->record(later).isOk());
  auto newest = (*reopened)->entries({std::nullopt, 0, 1});
  ASSERT_TRUE(newest.ok());
  EXPECT_EQ(newest->front().id, *ids.rbegin() + 1);
}

TEST(ScryptPasswordHasher, VerifiesOnlyTheRightPasswordAndSaltsEachHash) {
  const ScryptPasswordHasher hasher({1u << 10, 8, 1});
  const std::string a = hasher.hash("开门 password 1");
  const std::string b = hasher.hash("开门 password 1");
  EXPECT_NE(a, b);
  EXPECT_TRUE(hasher.verify("开门 password 1", a));
  EXPECT_TRUE(hasher.verify("开门 password 1", b));
  EXPECT_FALSE(hasher.verify("开门 password 2", a));
  EXPECT_FALSE(hasher.verify("", a));
  // A hash made at another cost still verifies: the cost is in the text.
  const ScryptPasswordHasher stronger({1u << 11, 8, 1});
  EXPECT_TRUE(stronger.verify("开门 password 1", a));

  std::string flipped = a;
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  EXPECT_FALSE(hasher.verify("开门 password 1", flipped));
  for (const char* broken : {"", "scrypt", "md5$1$2$3$00$00", "scrypt$0$8$1$00$00",
                             "scrypt$1024$8$1$zz$00", "scrypt$1024$8$1$00$"}) {
    EXPECT_FALSE(hasher.verify("x", broken)) << broken;
  }
}

}  // namespace
}  // namespace hall::store
