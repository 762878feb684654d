// Store: where the engine keeps definitions, instances, tasks, jobs and
// history. The runtime drives it in transactions from one writer thread
// (group commit); queries may come from any thread.
//
// The SOCI implementation (SQLite, PostgreSQL) is the production one; tests
// use the same implementation on a temporary SQLite file or a temporary
// PostgreSQL server.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wf/engine_options.h"
#include "wf/records.h"
#include "wf/status.h"

namespace wf {

// What a definition defines: a process (BPMN), a decision (DMN), or a
// working-day calendar.
inline constexpr const char* kProcessKind = "bpmn";
inline constexpr const char* kDecisionKind = "dmn";
inline constexpr const char* kCalendarKind = "calendar";

struct StoredDefinition {
  std::string kind = kProcessKind;
  std::string id;  // "<key>:<version>" for processes, "decision:<key>:<version>" for decisions
  std::string key;
  int version = 0;
  std::string name;
  std::string deployment_id;
  std::string resource_name;
  std::string content_hash;  // hex SM3 of the process's canonical content
  std::string xml;           // the whole document it came from
  int64_t deployed_at = 0;
};

struct StoredInstance {
  std::string id;
  std::string definition_id;
  std::string definition_key;
  int version = 0;
  std::string business_key;
  InstanceState state = InstanceState::Active;
  bool incident = false;
  int64_t started_at = 0;
  int64_t ended_at = 0;
  std::string runtime_json;  // the serialized tokens and scopes; empty once ended
  int64_t history_seq = 0;   // seq of the last history event
  std::string history_hash;  // hash of the last history event
};

struct StoredJob {
  JobInfo info;
  int element_instance = 0;
};

struct StoredTask {
  TaskInfo info;
  int element_instance = 0;
};

// An open wait for a message or signal: the element instance that waits and
// the element that catches (the event itself, a boundary event of it, a
// target of its event-based gateway, or a start event of its event
// sub-process).
struct StoredSubscription {
  std::string kind;  // "message" or "signal"
  std::string name;
  std::string correlation_key;  // empty for signals
  std::string instance_id;
  int element_instance = 0;
  std::string element_id;  // the catching element
  int64_t created_at = 0;
};

// A message that arrived before anything waited for it, kept until it
// expires.
struct BufferedMessage {
  std::string id;
  std::string name;
  std::string correlation_key;
  Value variables;
  std::string message_id;
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

// A start event with a trigger of the latest version of a process: a
// message or signal of that name starts an instance there.
struct StoredStartEvent {
  std::string kind;  // "message", "signal" or "timer"
  std::string name;  // empty for timers
  std::string definition_key;
  std::string definition_id;
  std::string element_id;
};

// Writes and reads inside the writer's transaction. Obtained from
// Store::writer(); used by one thread at a time.
class StoreWriter {
 public:
  virtual ~StoreWriter() = default;

  virtual Status begin() = 0;
  virtual Status commit() = 0;
  virtual Status rollback() = 0;
  // Savepoints let one command of a group fail without undoing the others.
  virtual Status savepoint() = 0;
  virtual Status releaseSavepoint() = 0;
  virtual Status rollbackToSavepoint() = 0;

  virtual Result<std::optional<StoredDefinition>> latestDefinition(const std::string& kind,
                                                                   const std::string& key) = 0;
  virtual Result<std::optional<StoredDefinition>> definitionById(const std::string& id) = 0;
  virtual Status insertDeployment(const std::string& id, const std::string& resource_name,
                                  int64_t at) = 0;
  virtual Status insertDefinition(const StoredDefinition& d) = 0;

  virtual Result<std::optional<StoredInstance>> loadInstance(const std::string& id) = 0;
  virtual Status insertInstance(const StoredInstance& i) = 0;
  // Writes the row only if its history_seq is still `expected_seq` (the
  // state the command was computed from); otherwise a staleWrite().
  virtual Status updateInstance(const StoredInstance& i, int64_t expected_seq) = 0;

  virtual Result<std::optional<StoredTask>> loadTask(const std::string& id) = 0;
  virtual Status insertTask(const StoredTask& t) = 0;
  virtual Status updateTaskAssignee(const std::string& id, const std::string& assignee,
                                    TaskState state) = 0;
  virtual Status updateTaskState(const std::string& id, TaskState state) = 0;
  // A task row stays after it ends (state completed or cancelled); this
  // drops only its entries in the candidate index.
  virtual Status clearTaskCandidates(const std::string& id) = 0;

  virtual Result<std::optional<StoredJob>> loadJob(const std::string& id) = 0;
  virtual Status insertJob(const StoredJob& j) = 0;
  // Also frees the job's lease: a job pending again (a retry) may go to any node.
  virtual Status updateJob(const std::string& id, JobState state, int retries,
                           const std::string& error, int64_t due_at) = 0;
  virtual Status deleteJob(const std::string& id) = 0;

  // Appends the events of one command (consecutive seqs of one instance) as
  // one record; each event keeps its own hash.
  virtual Status appendHistory(const std::vector<HistoryEvent>& events) = 0;

  // Messages and signals.
  virtual Status insertSubscription(const StoredSubscription& s) = 0;
  // Those of one element instance; of one catching element when
  // `element_id` is not empty.
  virtual Status deleteSubscriptions(const std::string& instance_id, int element_instance,
                                     const std::string& element_id) = 0;
  virtual Status deleteInstanceSubscriptions(const std::string& instance_id) = 0;
  virtual Status insertMessage(const BufferedMessage& m) = 0;
  // Conflict when the message is gone (another command consumed it).
  virtual Status deleteMessage(const std::string& id) = 0;
  // Records what a message id did; Conflict when the id was seen before.
  virtual Status insertMessageOutcome(const std::string& message_id, const std::string& outcome,
                                      int64_t at) = 0;
  // The start events of a process key become those of its newest version.
  virtual Status replaceStartEvents(const std::string& definition_key,
                                    const std::vector<StoredStartEvent>& events) = 0;
  // Cancels the pending jobs of a type that belong to `instance_id` (start
  // timers of an older version belong to its definition id).
  virtual Status cancelPendingJobs(const std::string& instance_id, const std::string& type) = 0;
  // Makes the jobs of `types` that wait for their backoff (pending, retries
  // left, due after `now`, held by no live lease) due at `now`, in one
  // UPDATE; returns them as they are now.
  virtual Result<std::vector<JobInfo>> retryJobsNow(const std::vector<std::string>& types,
                                                    int64_t now) = 0;
  // A migration: tasks and jobs of another element, the instance of
  // another version.
  virtual Status moveTask(const std::string& id, const std::string& element_id) = 0;
  virtual Status moveJob(const std::string& id, const std::string& element_id) = 0;
  virtual Status setInstanceDefinition(const std::string& id, const std::string& definition_id,
                                       int version) = 0;
  // Sets the decision that ranks a queue; an empty decision clears it.
  virtual Status setQueueRanking(const std::string& queue, const std::string& decision) = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // The single writer. The runtime's command thread owns it.
  virtual StoreWriter& writer() = 0;

  // Queries; safe from any thread. They see committed data only.
  virtual Result<std::vector<StoredDefinition>> definitions() = 0;
  virtual Result<std::optional<StoredDefinition>> definition(const std::string& id) = 0;
  // The id of the latest version of a key (cheap: no document is read).
  virtual Result<std::optional<std::string>> latestDefinitionId(const std::string& kind,
                                                                const std::string& key) = 0;
  virtual Result<std::optional<StoredInstance>> instance(const std::string& id) = 0;
  virtual Result<std::vector<HistoryEvent>> history(const std::string& instance_id) = 0;
  // Running (active or suspended) instances, oldest first: of `key` when it
  // is not empty, and of its `version` when that is not 0; at most `limit`.
  virtual Result<std::vector<StoredInstance>> runningInstances(const std::string& key, int version,
                                                               int limit) = 0;
  // Calls `visit` with each running instance of one process version, in
  // one query that holds a read connection throughout (no list of them all
  // is kept): `visit` must not call the store.
  virtual Status visitRunningInstances(const std::string& key, int version,
                                       const std::function<void(const StoredInstance&)>& visit) = 0;

  virtual Result<std::vector<TaskInfo>> tasks(const TaskQuery& q) = 0;
  virtual Result<std::optional<TaskInfo>> task(const std::string& id) = 0;
  // With the element instance that waits for it.
  virtual Result<std::optional<StoredTask>> storedTask(const std::string& id) = 0;
  // Unclaimed open tasks in any of `queues`, by priority (highest first) then
  // age (oldest first).
  virtual Result<std::vector<TaskInfo>> unclaimedTasks(const std::vector<std::string>& queues,
                                                       int limit) = 0;
  virtual Result<std::optional<StoredJob>> storedJob(const std::string& id) = 0;
  virtual Result<std::vector<JobInfo>> jobs(std::optional<JobState> state, int limit) = 0;
  // Instances with an open incident, oldest first.
  virtual Result<std::vector<StoredInstance>> instancesWithIncidents(int limit) = 0;
  // Jobs of the given types that are pending, oldest first (for workers and restart).
  virtual Result<std::vector<JobInfo>> pendingJobs(int limit) = 0;

  // Subscriptions of a kind and name (and correlation key, for messages),
  // oldest first.
  virtual Result<std::vector<StoredSubscription>> subscriptions(const std::string& kind,
                                                                const std::string& name,
                                                                const std::string& key,
                                                                int limit) = 0;
  // Buffered messages of a name and key that have not expired at `now`,
  // oldest first.
  virtual Result<std::vector<BufferedMessage>> bufferedMessages(const std::string& name,
                                                                const std::string& key, int64_t now,
                                                                int limit) = 0;
  // What a message id did the first time, if it was seen.
  virtual Result<std::optional<std::string>> messageOutcome(const std::string& message_id) = 0;
  virtual Result<std::vector<StoredStartEvent>> startEvents(const std::string& kind,
                                                            const std::string& name) = 0;
  // Queues ranked by a decision.
  virtual Result<std::vector<QueueInfo>> queues() = 0;

  // Whether other processes may write this database at the same time
  // (PostgreSQL shared by several nodes). The engine then keeps no copy of
  // committed instance state between commands and takes jobs with leases.
  virtual bool shared() const = 0;

  // Job leases, on a shared store only. A node runs a job only while it
  // holds the lease on the job's row: an owner and an expiry measured on the
  // database server's clock, renewed while the job waits or runs, and free
  // again when the owner stops renewing it (the node died) or the job's
  // state changes.
  //
  // Leases one pending job for `owner` when its lease is free, expired or
  // already the owner's; false when another node holds it or the job is no
  // longer pending.
  virtual Result<bool> leaseJob(const std::string& id, const std::string& owner,
                                int64_t millis) = 0;
  // Leases up to `limit` pending jobs of `types` that are due by `now` (the
  // engine's clock) and held by no live lease, oldest due first. Rows that
  // another node is leasing at this moment are passed over, not waited for.
  virtual Result<std::vector<JobInfo>> leaseDueJobs(const std::vector<std::string>& types,
                                                    int64_t now, const std::string& owner,
                                                    int64_t millis, int limit) = 0;
  // Extends the leases `owner` holds on these jobs, where they are pending.
  // A row that another transaction has locked right now is passed over
  // until the next renewal: waiting could deadlock with this node's own
  // writer, and the wait for the deadlock to be found could outlast leases.
  virtual Status renewLeases(const std::string& owner, const std::vector<std::string>& job_ids,
                             int64_t millis) = 0;
};

// A write that found its instance changed since the command loaded it:
// another node committed a command on the same instance first (or the two
// nodes' transactions deadlocked). Conflict, marked so that the runtime runs
// the command again on fresh state instead of answering the caller.
inline Status staleWrite(std::string message) {
  return Status(StatusCode::Conflict, std::move(message), Value(Object{{"stale", Value(true)}}));
}
inline bool isStaleWrite(const Status& s) {
  return s.code() == StatusCode::Conflict && s.details().isObject() &&
         s.details().find("stale") != nullptr;
}

// Opens a store from a URL ("sqlite:PATH", "sqlite::memory:",
// "postgresql://USER@HOST:PORT/DB", or "postgresql:" and a libpq connection
// string) and migrates it. `readers` connections serve queries (file and
// server databases; in memory there is only one connection).
Result<std::unique_ptr<Store>> openStore(const std::string& url, SyncMode sync, int readers);

}  // namespace wf
