// SociStore: the Store on SOCI, over SQLite (WAL) or PostgreSQL; what
// differs between the two is in its Dialect.
//
// One writer session, driven by the runtime's command thread, keeps its
// statements prepared. Queries use a small pool of reader sessions (SQLite's
// WAL, like PostgreSQL, lets them read committed data while the writer
// works); on PostgreSQL they also take job leases, each in its own short
// transaction. An in-memory database has only one connection, so queries
// then share the writer's session under a mutex that the writer holds for a
// whole transaction.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/dialect.h"
#include "store/prepared.h"
#include "wf/engine_options.h"
#include "wf/ports/store.h"

namespace soci {
class session;
}

namespace wf::store {

class SociWriter;

class SociStore final : public Store {
 public:
  static Result<std::unique_ptr<SociStore>> open(const std::string& url, SyncMode sync,
                                                 int readers);
  ~SociStore() override;

  StoreWriter& writer() override;

  Result<std::vector<StoredDefinition>> definitions() override;
  Result<std::optional<StoredDefinition>> definition(const std::string& id) override;
  Result<std::optional<std::string>> latestDefinitionId(const std::string& kind,
                                                        const std::string& key) override;
  Result<std::optional<StoredInstance>> instance(const std::string& id) override;
  Result<std::vector<HistoryEvent>> history(const std::string& instance_id) override;
  Result<std::vector<StoredInstance>> runningInstances(const std::string& key, int version,
                                                       int limit) override;
  Status visitRunningInstances(const std::string& key, int version,
                               const std::function<void(const StoredInstance&)>& visit) override;
  Result<std::vector<TaskInfo>> tasks(const TaskQuery& q) override;
  Result<std::optional<TaskInfo>> task(const std::string& id) override;
  Result<std::optional<StoredTask>> storedTask(const std::string& id) override;
  Result<std::vector<TaskInfo>> unclaimedTasks(const std::vector<std::string>& queues,
                                               int limit) override;
  Result<std::optional<StoredJob>> storedJob(const std::string& id) override;
  Result<std::vector<JobInfo>> jobs(std::optional<JobState> state, int limit) override;
  Result<std::vector<StoredInstance>> instancesWithIncidents(int limit) override;
  Result<std::vector<JobInfo>> pendingJobs(int limit) override;
  Result<std::vector<StoredSubscription>> subscriptions(const std::string& kind,
                                                        const std::string& name,
                                                        const std::string& key, int limit) override;
  Result<std::vector<BufferedMessage>> bufferedMessages(const std::string& name,
                                                        const std::string& key, int64_t now,
                                                        int limit) override;
  Result<std::optional<std::string>> messageOutcome(const std::string& message_id) override;
  Result<std::vector<StoredStartEvent>> startEvents(const std::string& kind,
                                                    const std::string& name) override;
  Result<std::vector<QueueInfo>> queues() override;

  bool shared() const override;
  Result<bool> leaseJob(const std::string& id, const std::string& owner, int64_t millis) override;
  Result<std::vector<JobInfo>> leaseDueJobs(const std::vector<std::string>& types, int64_t now,
                                            const std::string& owner, int64_t millis,
                                            int limit) override;
  Status renewLeases(const std::string& owner, const std::vector<std::string>& job_ids,
                     int64_t millis) override;

 private:
  SociStore() = default;

  Status requireShared() const;

  // A connection for queries, with its statements prepared once.
  struct ReadConnection {
    std::unique_ptr<soci::session> owned;
    soci::session* session = nullptr;
    std::unordered_map<std::string, std::unique_ptr<Prepared>> prepared;
    Prepared& statement(const std::string& sql, std::string_view types);
  };

  // A connection for one query: a pooled reader, or the writer's under a lock.
  class ReadLease;
  ReadLease lease();

  const Dialect* dialect_ = nullptr;
  std::unique_ptr<soci::session> write_session_;
  std::unique_ptr<SociWriter> writer_;
  bool in_memory_ = false;
  std::mutex memory_mutex_;  // in memory: held by the writer's transaction and by each query

  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<ReadConnection>> idle_readers_;
  std::unique_ptr<ReadConnection> memory_reader_;  // in memory: queries on the writer's session
};

}  // namespace wf::store
