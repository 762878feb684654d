// The store on PostgreSQL: URLs, migrations when nodes start at once, the
// stale-write check of the instance row inside the group transaction, and
// job leases. Each test takes a fresh database on the test process's server.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <chrono>
#include <thread>

#include "store/migrations.h"
#include "support/postgres_server.h"
#include "support/sql_session.h"
#include "wf/ports/store.h"

namespace hall::test {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<wf::Store> open(const std::string& url) {
  auto store = wf::openStore(url, wf::SyncMode::Full, 2);
  if (!store.ok()) throw std::runtime_error(store.status().toString());
  return std::move(store).value();
}

// A fresh database, or skips the test when no server can run here.
#define FRESH_DATABASE(url)                                                    \
  std::string why_not;                                                         \
  PostgresServer* server = PostgresServer::shared(&why_not);                   \
  if (server == nullptr) GTEST_SKIP() << "PostgreSQL tests skip: " << why_not; \
  const std::string url = server->createDatabase()

wf::StoredInstance instanceRow(const std::string& id) {
  wf::StoredInstance i;
  i.id = id;
  i.definition_id = "p:1";
  i.definition_key = "p";
  i.version = 1;
  i.runtime_json = "{}";
  return i;
}

wf::StoredJob job(const std::string& id, const std::string& type, int64_t due_at) {
  wf::StoredJob j;
  j.info.id = id;
  j.info.instance_id = "i1";
  j.info.element_id = "task";
  j.info.type = type;
  j.info.retries = 3;
  j.info.variables = wf::Value(wf::Object{});
  j.info.due_at = due_at;
  return j;
}

void commitJobs(wf::Store& store, const std::vector<wf::StoredJob>& jobs) {
  wf::StoreWriter& w = store.writer();
  ASSERT_TRUE(w.begin().isOk());
  for (const wf::StoredJob& j : jobs) ASSERT_TRUE(w.insertJob(j).isOk());
  ASSERT_TRUE(w.commit().isOk());
}

TEST(PostgresStoreUrl, MalformedUrlsAreClearErrorsWithoutPasswords) {
  struct Case {
    std::string url;
    std::string says;
  };
  for (const Case& c : std::vector<Case>{
           {"postgresql:", "names no server"},
           {"postgresql:host", "missing \"=\" after \"host\""},
           {"postgresql://u:secret@127.0.0.1/db?bogus=1", "invalid URI query parameter"},
           {"postgres-ql://x", "unsupported database url"},
       }) {
    auto store = wf::openStore(c.url, wf::SyncMode::Full, 1);
    ASSERT_FALSE(store.ok()) << c.url;
    EXPECT_EQ(store.status().code(), wf::StatusCode::InvalidArgument) << c.url;
    EXPECT_NE(store.status().message().find(c.says), std::string::npos) << store.status().message();
    EXPECT_EQ(store.status().message().find("secret"), std::string::npos)
        << store.status().message();
  }
}

TEST(PostgresStoreUrl, UnreachableServerIsUnavailableAndNamesIt) {
  // Port 1 on loopback: nothing listens there, so the connection is refused.
  auto store = wf::openStore("postgresql://u:secret@127.0.0.1:1/db", wf::SyncMode::Full, 1);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), wf::StatusCode::Unavailable);
  for (const char* part : {"host=127.0.0.1", "port=1", "dbname=db", "Connection refused"}) {
    EXPECT_NE(store.status().message().find(part), std::string::npos) << store.status().message();
  }
  EXPECT_EQ(store.status().message().find("secret"), std::string::npos);
}

TEST(PostgresStore, NodesStartingAtOnceMigrateOnceAndAgree) {
  FRESH_DATABASE(url);
  constexpr int kNodes = 4;
  std::vector<std::thread> nodes;
  std::vector<std::string> errors(kNodes);
  for (int n = 0; n < kNodes; ++n) {
    nodes.emplace_back([&, n] {
      auto store = wf::openStore(url, wf::SyncMode::Full, 1);
      if (!store.ok()) errors[n] = store.status().toString();
    });
  }
  for (std::thread& t : nodes) t.join();
  for (const std::string& e : errors) EXPECT_EQ(e, "");
  auto s = sqlSession(url);
  int applied = 0, distinct = 0;
  *s << "SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations", soci::into(applied),
      soci::into(distinct);
  EXPECT_EQ(applied, static_cast<int>(wf::store::migrations().size()));
  EXPECT_EQ(distinct, applied);
}

TEST(PostgresStore, StaleInstanceWriteRollsBackOnlyItsSavepoint) {
  FRESH_DATABASE(url);
  auto node_a = open(url);
  auto node_b = open(url);
  {
    wf::StoreWriter& w = node_a->writer();
    ASSERT_TRUE(w.begin().isOk());
    ASSERT_TRUE(w.insertInstance(instanceRow("i1")).isOk());
    ASSERT_TRUE(w.commit().isOk());
  }
  // Node A commits a command on i1 that was computed from history 0.
  wf::StoredInstance by_a = instanceRow("i1");
  by_a.history_seq = 1;
  by_a.history_hash = "a";
  {
    wf::StoreWriter& w = node_a->writer();
    ASSERT_TRUE(w.begin().isOk());
    ASSERT_TRUE(w.updateInstance(by_a, 0).isOk());
    ASSERT_TRUE(w.commit().isOk());
  }
  // Node B's group: a command on another instance, then one on i1 that was
  // also computed from history 0.
  wf::StoreWriter& w = node_b->writer();
  ASSERT_TRUE(w.begin().isOk());
  ASSERT_TRUE(w.savepoint().isOk());
  ASSERT_TRUE(w.insertInstance(instanceRow("i2")).isOk());
  ASSERT_TRUE(w.releaseSavepoint().isOk());
  ASSERT_TRUE(w.savepoint().isOk());
  wf::StoredInstance by_b = instanceRow("i1");
  by_b.history_seq = 1;
  by_b.history_hash = "b";
  const wf::Status stale = w.updateInstance(by_b, 0);
  EXPECT_TRUE(wf::isStaleWrite(stale)) << stale.toString();
  ASSERT_TRUE(w.rollbackToSavepoint().isOk());
  ASSERT_TRUE(w.commit().isOk());

  auto i1 = node_b->instance("i1");
  ASSERT_TRUE(i1.ok() && i1->has_value());
  EXPECT_EQ((*i1)->history_hash, "a");
  auto i2 = node_b->instance("i2");
  ASSERT_TRUE(i2.ok());
  EXPECT_TRUE(i2->has_value()) << "the group's other command was rolled back too";
}

TEST(PostgresStore, AJobLeaseIsExclusiveUntilItExpires) {
  FRESH_DATABASE(url);
  auto node_a = open(url);
  auto node_b = open(url);
  commitJobs(*node_a, {job("j1", "work", 0)});

  auto leased = node_a->leaseDueJobs({"work"}, 0, "a", 60000, 10);
  ASSERT_TRUE(leased.ok()) << leased.status().toString();
  ASSERT_EQ(leased->size(), 1u);
  EXPECT_EQ(leased->at(0).id, "j1");
  EXPECT_TRUE(node_b->leaseDueJobs({"work"}, 0, "b", 60000, 10)->empty());
  EXPECT_FALSE(*node_b->leaseJob("j1", "b", 60000));
  EXPECT_TRUE(*node_a->leaseJob("j1", "a", 60000)) << "the owner takes its own lease again";

  // Node A stops renewing (it died): with a short lease, B takes it over
  // once the lease ran out on the server's clock.
  ASSERT_TRUE(*node_a->leaseJob("j1", "a", 50));
  bool taken = false;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!taken && std::chrono::steady_clock::now() < deadline) {
    taken = *node_b->leaseJob("j1", "b", 60000);
    if (!taken) std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(taken);
  EXPECT_FALSE(*node_a->leaseJob("j1", "a", 60000));

  // A job that ended is leased by nobody.
  wf::StoreWriter& w = node_b->writer();
  ASSERT_TRUE(w.begin().isOk());
  ASSERT_TRUE(w.updateJob("j1", wf::JobState::Completed, 3, "", 0).isOk());
  ASSERT_TRUE(w.commit().isOk());
  EXPECT_FALSE(*node_b->leaseJob("j1", "b", 60000));
}

TEST(PostgresStore, LeasingDueJobsTakesOnlyDueOnesOfItsTypesAndRenews) {
  FRESH_DATABASE(url);
  auto node = open(url);
  commitJobs(*node, {job("due", "work", 100), job("later", "work", 5000), job("other", "mail", 0)});
  auto leased = node->leaseDueJobs({"work"}, 1000, "a", 60000, 10);
  ASSERT_TRUE(leased.ok());
  ASSERT_EQ(leased->size(), 1u);
  EXPECT_EQ(leased->at(0).id, "due");

  // A renewal moves the expiry forward on the server's clock.
  ASSERT_TRUE(*node->leaseJob("due", "a", 50));
  ASSERT_TRUE(node->renewLeases("a", {"due"}, 60000).isOk());
  auto s = sqlSession(url);
  long long left = 0;
  *s << "SELECT lease_until - CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"
        " FROM jobs WHERE id = 'due'",
      soci::into(left);
  EXPECT_GT(left, 30000);
}

TEST(PostgresStore, LeasingPassesOverRowsAnotherNodeIsLeasingNow) {
  FRESH_DATABASE(url);
  auto node = open(url);
  commitJobs(*node, {job("busy", "work", 0), job("free", "work", 1)});
  // Another node's transaction holds the row of "busy" (it is leasing it).
  auto other = sqlSession(url);
  soci::transaction tx(*other);
  *other << "SELECT id FROM jobs WHERE id = 'busy' FOR UPDATE";
  auto leased = node->leaseDueJobs({"work"}, 10, "a", 60000, 10);
  ASSERT_TRUE(leased.ok()) << leased.status().toString();
  ASSERT_EQ(leased->size(), 1u);
  EXPECT_EQ(leased->at(0).id, "free");
  tx.rollback();
}

}  // namespace
}  // namespace hall::test
