#include "store/soci_store.h"

#include <soci/soci.h>

#include "store/dialect.h"
#include "store/migrations.h"
#include "store/prepared.h"
#include "store/soci_rows.h"

namespace wf::store {

namespace {

// What an exception from SOCI becomes: a failure that another node's
// concurrent transaction caused is stale (the command runs again), any
// other is Unavailable.
Status fromException(const char* what, const std::exception& e) {
  std::string message = std::string("store: ") + what + ": " + e.what();
  if (isConcurrencyFailure(e)) return staleWrite(std::move(message));
  return Status::unavailable(std::move(message));
}

// Every SOCI call goes through here: exceptions stop at this edge.
template <typename F>
Status guarded(const char* what, F&& f) noexcept {
  try {
    return f();
  } catch (const std::exception& e) {
    return fromException(what, e);
  }
}

template <typename T, typename F>
Result<T> guardedResult(const char* what, F&& f) noexcept {
  try {
    return f();
  } catch (const std::exception& e) {
    return fromException(what, e);
  }
}

}  // namespace

// The writer keeps one prepared statement per operation: SQL is parsed once
// per connection, and each call only fills the slots and runs.
class SociWriter final : public StoreWriter {
 public:
  SociWriter(soci::session& s, const Dialect& dialect, std::mutex* memory_mutex)
      : session_(s),
        memory_mutex_(memory_mutex),
        dialect_(dialect),
        begin_(s, dialect.begin, ""),
        commit_(s, "COMMIT", ""),
        rollback_(s, "ROLLBACK", ""),
        savepoint_(s, "SAVEPOINT cmd", ""),
        release_(s, "RELEASE SAVEPOINT cmd", ""),
        rollback_to_(s, "ROLLBACK TO SAVEPOINT cmd", ""),
        latest_definition_(s,
                           std::string("SELECT ") + kDefinitionColumns +
                               " FROM definitions WHERE kind = :kind AND key = :k"
                               " ORDER BY version DESC LIMIT 1",
                           "ss"),
        definition_by_id_(
            s, std::string("SELECT ") + kDefinitionColumns + " FROM definitions WHERE id = :id",
            "s"),
        insert_deployment_(
            s, "INSERT INTO deployments(id, resource_name, deployed_at) VALUES(:i, :r, :a)", "ssi"),
        insert_definition_(s,
                           "INSERT INTO definitions(id, key, version, name, deployment_id,"
                           " resource_name, content_hash, xml, deployed_at, kind)"
                           " VALUES(:i, :k, :v, :n, :d, :r, :h, :x, :a, :kind)",
                           "ssisssssis"),
        load_instance_(
            s, std::string("SELECT ") + kInstanceColumns + " FROM instances WHERE id = :id", "s"),
        insert_instance_(s,
                         "INSERT INTO instances(id, definition_id, definition_key, version,"
                         " business_key, state, incident, started_at, ended_at, runtime,"
                         " history_seq, history_hash)"
                         " VALUES(:id, :d, :k, :v, :b, :s, :inc, :st, :en, :r, :q, :h)",
                         "sssisiiiisis"),
        update_instance_(s,
                         "UPDATE instances SET state = :s, incident = :inc, ended_at = :en,"
                         " runtime = :r, history_seq = :q, history_hash = :h"
                         " WHERE id = :id AND history_seq = :expected",
                         "iiisissi"),
        load_task_(s, std::string("SELECT ") + kTaskColumns + " FROM tasks WHERE id = :id", "s"),
        insert_task_(s,
                     "INSERT INTO tasks(id, instance_id, definition_key, element_id,"
                     " element_instance, name, queue, candidate_groups, candidate_users, assignee,"
                     " priority, due_at, form_key, state, created_at, follow_up_at, ranking)"
                     " VALUES(:id, :i, :k, :e, :ei, :n, :q, :g, :u, :a, :p, :d, :f, :s, :c, :fu,"
                     " :r)",
                     "ssssisssssiisiiis"),
        insert_candidate_(s,
                          "INSERT INTO task_candidates(name, kind, task_id)"
                          " VALUES(:n, :k, :t) ON CONFLICT DO NOTHING",
                          "sss"),
        update_task_assignee_(s, "UPDATE tasks SET assignee = :a, state = :s WHERE id = :id",
                              "sis"),
        update_task_state_(s, "UPDATE tasks SET state = :s WHERE id = :id", "is"),
        clear_candidates_(s, "DELETE FROM task_candidates WHERE task_id = :t", "s"),
        load_job_(s, std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = :id", "s"),
        insert_job_(s,
                    "INSERT INTO jobs(id, instance_id, element_id, element_instance, type, state,"
                    " retries, error, variables, created_at, due_at)"
                    " VALUES(:id, :i, :e, :ei, :t, :s, :r, :er, :v, :c, :d)",
                    "sssisiissii"),
        update_job_(s,
                    "UPDATE jobs SET state = :s, retries = :r, error = :e, due_at = :d,"
                    " lease_owner = '', lease_until = 0 WHERE id = :id",
                    "iisis"),
        delete_job_(s, "DELETE FROM jobs WHERE id = :id", "s"),
        append_history_(s,
                        "INSERT INTO history(instance_id, seq, at, events)"
                        " VALUES(:i, :s, :a, :e)",
                        "siis") {
    latest_definition_.into(definition_row_);
    definition_by_id_.into(definition_by_id_row_);
    load_instance_.into(instance_row_);
    load_task_.into(task_row_);
    load_job_.into(job_row_);
  }

  Status begin() override {
    if (memory_mutex_ != nullptr) memory_lock_ = std::unique_lock<std::mutex>(*memory_mutex_);
    Status st = run("begin", begin_);
    if (!st.isOk()) unlock();
    return st;
  }
  Status commit() override {
    Status st = run("commit", commit_);
    if (!st.isOk()) {
      (void)rollback();
      return st;
    }
    unlock();
    return st;
  }
  Status rollback() override {
    Status st = run("rollback", rollback_);
    unlock();
    return st;
  }
  Status savepoint() override { return run("savepoint", savepoint_); }
  Status releaseSavepoint() override { return run("release savepoint", release_); }
  Status rollbackToSavepoint() override {
    RETURN_IF_ERROR(run("rollback to savepoint", rollback_to_));
    return run("release savepoint", release_);
  }

  Result<std::optional<StoredDefinition>> latestDefinition(const std::string& kind,
                                                           const std::string& key) override {
    return fetch<StoredDefinition>("latest definition",
                                   latest_definition_.text(0, kind).text(1, key), definition_row_,
                                   definitionFromRow);
  }
  Result<std::optional<StoredDefinition>> definitionById(const std::string& id) override {
    return fetch<StoredDefinition>("definition", definition_by_id_.text(0, id),
                                   definition_by_id_row_, definitionFromRow);
  }
  Status insertDeployment(const std::string& id, const std::string& resource_name,
                          int64_t at) override {
    return run("insert deployment",
               insert_deployment_.text(0, id).text(1, resource_name).integer(2, at));
  }
  Status insertDefinition(const StoredDefinition& d) override {
    return run("insert definition", insert_definition_.text(0, d.id)
                                        .text(1, d.key)
                                        .integer(2, d.version)
                                        .text(3, d.name)
                                        .text(4, d.deployment_id)
                                        .text(5, d.resource_name)
                                        .text(6, d.content_hash)
                                        .text(7, d.xml)
                                        .integer(8, d.deployed_at)
                                        .text(9, d.kind));
  }

  Result<std::optional<StoredInstance>> loadInstance(const std::string& id) override {
    return fetch<StoredInstance>("load instance", load_instance_.text(0, id), instance_row_,
                                 instanceFromRow);
  }
  Status insertInstance(const StoredInstance& i) override {
    return run("insert instance", insert_instance_.text(0, i.id)
                                      .text(1, i.definition_id)
                                      .text(2, i.definition_key)
                                      .integer(3, i.version)
                                      .text(4, i.business_key)
                                      .integer(5, static_cast<int>(i.state))
                                      .integer(6, i.incident ? 1 : 0)
                                      .integer(7, i.started_at)
                                      .integer(8, i.ended_at)
                                      .text(9, i.runtime_json)
                                      .integer(10, i.history_seq)
                                      .text(11, i.history_hash));
  }
  Status updateInstance(const StoredInstance& i, int64_t expected_seq) override {
    RETURN_IF_ERROR(run("update instance", update_instance_.integer(0, static_cast<int>(i.state))
                                               .integer(1, i.incident ? 1 : 0)
                                               .integer(2, i.ended_at)
                                               .text(3, i.runtime_json)
                                               .integer(4, i.history_seq)
                                               .text(5, i.history_hash)
                                               .text(6, i.id)
                                               .integer(7, expected_seq)));
    if (update_instance_.affectedRows() == 0) {
      return staleWrite("process instance '" + i.id + "' changed meanwhile (history " +
                        std::to_string(expected_seq) + " expected)");
    }
    return Status::ok();
  }

  Result<std::optional<StoredTask>> loadTask(const std::string& id) override {
    return fetch<StoredTask>("load task", load_task_.text(0, id), task_row_, taskFromRow);
  }
  Status insertTask(const StoredTask& t) override {
    const TaskInfo& i = t.info;
    RETURN_IF_ERROR(
        run("insert task", insert_task_.text(0, i.id)
                               .text(1, i.instance_id)
                               .text(2, i.definition_key)
                               .text(3, i.element_id)
                               .integer(4, t.element_instance)
                               .text(5, i.name)
                               .text(6, i.queue)
                               .text(7, joinList(i.candidate_groups))
                               .text(8, joinList(i.candidate_users))
                               .text(9, i.assignee)
                               .integer(10, i.priority)
                               .integer(11, i.due_at)
                               .text(12, i.form_key)
                               .integer(13, static_cast<int>(i.state))
                               .integer(14, i.created_at)
                               .integer(15, i.follow_up_at)
                               .text(16, i.ranking.isNull() ? std::string() : i.ranking.toJson())));
    for (const std::string& g : i.candidate_groups) {
      RETURN_IF_ERROR(
          run("insert candidate", insert_candidate_.text(0, g).text(1, "g").text(2, i.id)));
    }
    for (const std::string& u : i.candidate_users) {
      RETURN_IF_ERROR(
          run("insert candidate", insert_candidate_.text(0, u).text(1, "u").text(2, i.id)));
    }
    return Status::ok();
  }
  Status updateTaskAssignee(const std::string& id, const std::string& assignee,
                            TaskState state) override {
    return run(
        "update task",
        update_task_assignee_.text(0, assignee).integer(1, static_cast<int>(state)).text(2, id));
  }
  Status updateTaskState(const std::string& id, TaskState state) override {
    return run("update task state",
               update_task_state_.integer(0, static_cast<int>(state)).text(1, id));
  }
  Status clearTaskCandidates(const std::string& id) override {
    return run("clear task candidates", clear_candidates_.text(0, id));
  }

  Result<std::optional<StoredJob>> loadJob(const std::string& id) override {
    return fetch<StoredJob>("load job", load_job_.text(0, id), job_row_, jobFromRow);
  }
  Status insertJob(const StoredJob& j) override {
    const JobInfo& i = j.info;
    return run("insert job", insert_job_.text(0, i.id)
                                 .text(1, i.instance_id)
                                 .text(2, i.element_id)
                                 .integer(3, j.element_instance)
                                 .text(4, i.type)
                                 .integer(5, static_cast<int>(i.state))
                                 .integer(6, i.retries)
                                 .text(7, i.error)
                                 .text(8, i.variables.toJson())
                                 .integer(9, i.created_at)
                                 .integer(10, i.due_at));
  }
  Status updateJob(const std::string& id, JobState state, int retries, const std::string& error,
                   int64_t due_at) override {
    return run("update job", update_job_.integer(0, static_cast<int>(state))
                                 .integer(1, retries)
                                 .text(2, error)
                                 .integer(3, due_at)
                                 .text(4, id));
  }
  Status deleteJob(const std::string& id) override {
    return run("delete job", delete_job_.text(0, id));
  }

  Status appendHistory(const std::vector<HistoryEvent>& events) override {
    if (events.empty()) return Status::ok();
    const HistoryEvent& first = events.front();
    return run("append history", append_history_.text(0, first.instance_id)
                                     .integer(1, first.seq)
                                     .integer(2, first.at)
                                     .text(3, historyEventsJson(events)));
  }

  Status insertSubscription(const StoredSubscription& sub) override {
    return run("insert subscription",
               statement("INSERT INTO subscriptions(instance_id, element_instance, element_id,"
                         " kind, name, correlation_key, created_at)"
                         " VALUES(:i, :ei, :e, :k, :n, :c, :a)",
                         "sissssi")
                   .text(0, sub.instance_id)
                   .integer(1, sub.element_instance)
                   .text(2, sub.element_id)
                   .text(3, sub.kind)
                   .text(4, sub.name)
                   .text(5, sub.correlation_key)
                   .integer(6, sub.created_at));
  }
  Status deleteSubscriptions(const std::string& instance_id, int element_instance,
                             const std::string& element_id) override {
    return run("delete subscriptions",
               statement("DELETE FROM subscriptions WHERE instance_id = :i"
                         " AND element_instance = :ei AND (:e = '' OR element_id = :e2)",
                         "siss")
                   .text(0, instance_id)
                   .integer(1, element_instance)
                   .text(2, element_id)
                   .text(3, element_id));
  }
  Status deleteInstanceSubscriptions(const std::string& instance_id) override {
    return run(
        "delete subscriptions",
        statement("DELETE FROM subscriptions WHERE instance_id = :i", "s").text(0, instance_id));
  }
  Status insertMessage(const BufferedMessage& m) override {
    // Expired messages are dropped whenever a new one is kept.
    RETURN_IF_ERROR(run(
        "drop expired messages",
        statement("DELETE FROM messages WHERE expires_at <= :now", "i").integer(0, m.created_at)));
    return run("insert message",
               statement("INSERT INTO messages(id, name, correlation_key, variables, message_id,"
                         " created_at, expires_at) VALUES(:id, :n, :k, :v, :m, :c, :x)",
                         "sssssii")
                   .text(0, m.id)
                   .text(1, m.name)
                   .text(2, m.correlation_key)
                   .text(3, m.variables.toJson())
                   .text(4, m.message_id)
                   .integer(5, m.created_at)
                   .integer(6, m.expires_at));
  }
  Status deleteMessage(const std::string& id) override {
    Prepared& p = statement("DELETE FROM messages WHERE id = :id", "s").text(0, id);
    RETURN_IF_ERROR(run("delete message", p));
    if (p.affectedRows() == 0) {
      return Status::conflict("message " + id + " was consumed by another command");
    }
    return Status::ok();
  }
  Status insertMessageOutcome(const std::string& message_id, const std::string& outcome,
                              int64_t at) override {
    Prepared& seen =
        statement("SELECT outcome FROM message_ids WHERE message_id = :m", "s").text(0, message_id);
    bool found = false;
    RETURN_IF_ERROR(guarded("message id", [&] {
      found = seen.run();
      while (found && seen.next()) {
      }
      return Status::ok();
    }));
    if (found) return Status::conflict("message id '" + message_id + "' was delivered before");
    return run(
        "insert message id",
        statement("INSERT INTO message_ids(message_id, outcome, at) VALUES(:m, :o, :a)", "ssi")
            .text(0, message_id)
            .text(1, outcome)
            .integer(2, at));
  }
  Status replaceStartEvents(const std::string& definition_key,
                            const std::vector<StoredStartEvent>& events) override {
    RETURN_IF_ERROR(run("delete start events",
                        statement("DELETE FROM start_events WHERE definition_key = :k", "s")
                            .text(0, definition_key)));
    for (const StoredStartEvent& e : events) {
      RETURN_IF_ERROR(run("insert start event",
                          statement("INSERT INTO start_events(kind, name, definition_key,"
                                    " definition_id, element_id) VALUES(:k, :n, :d, :i, :e)",
                                    "sssss")
                              .text(0, e.kind)
                              .text(1, e.name)
                              .text(2, e.definition_key)
                              .text(3, e.definition_id)
                              .text(4, e.element_id)));
    }
    return Status::ok();
  }
  Status cancelPendingJobs(const std::string& instance_id, const std::string& type) override {
    return run("cancel jobs",
               statement("UPDATE jobs SET state = :s WHERE instance_id = :i AND type = :t"
                         " AND state = 0",
                         "iss")
                   .integer(0, static_cast<int>(JobState::Cancelled))
                   .text(1, instance_id)
                   .text(2, type));
  }

  Result<std::vector<JobInfo>> retryJobsNow(const std::vector<std::string>& types,
                                            int64_t now) override {
    return guardedResult<std::vector<JobInfo>>("retry jobs now", [&] {
      std::vector<JobInfo> out;
      if (types.empty()) return out;
      std::string in;
      for (size_t i = 0; i < types.size(); ++i) in += (i == 0 ? ":t" : ", :t") + std::to_string(i);
      // Pending with retries left and due later: a job waiting for its
      // backoff. A running job is due already; on a shared database a job
      // another node has leased is left to it.
      Prepared& p = statement(
          "UPDATE jobs SET due_at = :now WHERE state = 0 AND retries > 0"
          " AND due_at > :now2 AND lease_until < " +
              std::string(dialect_.now_millis) + " AND type IN (" + in + ") RETURNING " +
              kJobColumns,
          "ii" + std::string(types.size(), 's'));
      p.returnsRows();
      p.integer(0, now).integer(1, now);
      for (size_t i = 0; i < types.size(); ++i) p.text(2 + i, types[i]);
      if (p.run()) {
        do {
          out.push_back(jobFromRow(p.row()).info);
        } while (p.next());
      }
      return out;
    });
  }

  Status moveTask(const std::string& id, const std::string& element_id) override {
    return run("move task", statement("UPDATE tasks SET element_id = :e WHERE id = :id", "ss")
                                .text(0, element_id)
                                .text(1, id));
  }
  Status moveJob(const std::string& id, const std::string& element_id) override {
    return run("move job", statement("UPDATE jobs SET element_id = :e WHERE id = :id", "ss")
                               .text(0, element_id)
                               .text(1, id));
  }
  Status setInstanceDefinition(const std::string& id, const std::string& definition_id,
                               int version) override {
    return run(
        "migrate instance",
        statement("UPDATE instances SET definition_id = :d, version = :v WHERE id = :id", "sis")
            .text(0, definition_id)
            .integer(1, version)
            .text(2, id));
  }
  Status setQueueRanking(const std::string& queue, const std::string& decision) override {
    RETURN_IF_ERROR(run("clear queue ranking",
                        statement("DELETE FROM queues WHERE name = :n", "s").text(0, queue)));
    if (decision.empty()) return Status::ok();
    return run("set queue ranking",
               statement("INSERT INTO queues(name, ranking_decision) VALUES(:n, :d)", "ss")
                   .text(0, queue)
                   .text(1, decision));
  }

 private:
  // Statements run less often than once per command, prepared on first use.
  Prepared& statement(const std::string& sql, std::string_view types) {
    auto it = occasional_.find(sql);
    if (it == occasional_.end()) {
      it = occasional_.emplace(sql, std::make_unique<Prepared>(session_, sql, types)).first;
      if (sql.rfind("SELECT", 0) == 0) it->second->returnsRows();
    }
    return *it->second;
  }

  static Status run(const char* what, Prepared& p) {
    return guarded(what, [&] {
      p.run();
      return Status::ok();
    });
  }
  template <typename T, typename Map>
  static Result<std::optional<T>> fetch(const char* what, Prepared& p, const soci::row& row,
                                        Map map) {
    return guardedResult<std::optional<T>>(what, [&] {
      if (!p.run()) return std::optional<T>();
      std::optional<T> out(map(row));
      while (p.next()) {
      }
      return out;
    });
  }
  void unlock() {
    if (memory_lock_.owns_lock()) memory_lock_.unlock();
  }

  soci::session& session_;
  std::unordered_map<std::string, std::unique_ptr<Prepared>> occasional_;
  std::mutex* memory_mutex_;
  const Dialect& dialect_;
  std::unique_lock<std::mutex> memory_lock_;
  // One result row per query statement: SOCI binds a row to one statement.
  soci::row definition_row_, definition_by_id_row_, instance_row_, task_row_, job_row_;
  Prepared begin_, commit_, rollback_, savepoint_, release_, rollback_to_;
  Prepared latest_definition_, definition_by_id_, insert_deployment_, insert_definition_;
  Prepared load_instance_, insert_instance_, update_instance_;
  Prepared load_task_, insert_task_, insert_candidate_, update_task_assignee_, update_task_state_,
      clear_candidates_;
  Prepared load_job_, insert_job_, update_job_, delete_job_;
  Prepared append_history_;
};

Prepared& SociStore::ReadConnection::statement(const std::string& sql, std::string_view types) {
  auto it = prepared.find(sql);
  if (it == prepared.end()) {
    it = prepared.emplace(sql, std::make_unique<Prepared>(*session, sql, types)).first;
    it->second->returnsRows();
  }
  return *it->second;
}

class SociStore::ReadLease {
 public:
  ReadLease(SociStore& store) : store_(store) {  // NOLINT
    if (store_.in_memory_) {
      memory_lock_ = std::unique_lock<std::mutex>(store_.memory_mutex_);
      connection_ = store_.memory_reader_.get();
      return;
    }
    std::unique_lock<std::mutex> lock(store_.pool_mutex_);
    store_.pool_cv_.wait(lock, [&] { return !store_.idle_readers_.empty(); });
    owned_ = std::move(store_.idle_readers_.back());
    store_.idle_readers_.pop_back();
    connection_ = owned_.get();
  }
  ~ReadLease() {
    if (owned_) {
      std::lock_guard<std::mutex> lock(store_.pool_mutex_);
      store_.idle_readers_.push_back(std::move(owned_));
      store_.pool_cv_.notify_one();
    }
  }
  ReadLease(const ReadLease&) = delete;
  ReadLease& operator=(const ReadLease&) = delete;

  Prepared& statement(const std::string& sql, std::string_view types) {
    return connection_->statement(sql, types);
  }

 private:
  SociStore& store_;
  std::unique_lock<std::mutex> memory_lock_;
  std::unique_ptr<ReadConnection> owned_;
  ReadConnection* connection_ = nullptr;
};

SociStore::ReadLease SociStore::lease() { return ReadLease(*this); }

SociStore::~SociStore() = default;

Result<std::unique_ptr<SociStore>> SociStore::open(const std::string& url, SyncMode sync,
                                                   int readers) {
  ASSIGN_OR_RETURN(StoreTarget target, parseStoreUrl(url));
  std::unique_ptr<SociStore> store(new SociStore());
  store->dialect_ = target.dialect;
  store->in_memory_ = target.in_memory;
  const std::string what = "open " + target.description;
  Status st = guarded(what.c_str(), [&] {
    store->write_session_ = connect(target, sync, false);
    migrate(*store->write_session_, *target.dialect);
    if (store->in_memory_) {
      store->memory_reader_ = std::make_unique<ReadConnection>();
      store->memory_reader_->session = store->write_session_.get();
    } else {
      for (int i = 0; i < std::max(1, readers); ++i) {
        auto reader = std::make_unique<ReadConnection>();
        reader->owned = connect(target, sync, true);
        reader->session = reader->owned.get();
        store->idle_readers_.push_back(std::move(reader));
      }
    }
    store->writer_ =
        std::make_unique<SociWriter>(*store->write_session_, *target.dialect,
                                     store->in_memory_ ? &store->memory_mutex_ : nullptr);
    return Status::ok();
  });
  if (!st.isOk()) return st;
  return store;
}

StoreWriter& SociStore::writer() { return *writer_; }

namespace {

// Runs a prepared query and maps every row.
template <typename T, typename Map>
std::vector<T> all(Prepared& p, Map map) {
  std::vector<T> out;
  if (p.run()) {
    do {
      out.push_back(map(p.row()));
    } while (p.next());
  }
  return out;
}

// Runs a prepared query for at most one row. It is stepped to its end, so
// the connection's read snapshot is released (a half-read statement keeps
// an SQLite read transaction, and with it an old view of the database, open).
template <typename T, typename Map>
std::optional<T> one(Prepared& p, Map map) {
  if (!p.run()) return std::nullopt;
  std::optional<T> out = map(p.row());
  while (p.next()) {
  }
  return out;
}

}  // namespace

Result<std::vector<StoredDefinition>> SociStore::definitions() {
  return guardedResult<std::vector<StoredDefinition>>("definitions", [&] {
    ReadLease s = lease();
    return all<StoredDefinition>(s.statement(std::string("SELECT ") + kDefinitionColumns +
                                                 " FROM definitions ORDER BY key, version",
                                             ""),
                                 definitionFromRow);
  });
}

Result<std::optional<StoredInstance>> SociStore::instance(const std::string& id) {
  return guardedResult<std::optional<StoredInstance>>("instance", [&] {
    ReadLease s = lease();
    return one<StoredInstance>(
        s.statement(std::string("SELECT ") + kInstanceColumns + " FROM instances WHERE id = :id",
                    "s")
            .text(0, id),
        instanceFromRow);
  });
}

Result<std::vector<HistoryEvent>> SociStore::history(const std::string& instance_id) {
  return guardedResult<std::vector<HistoryEvent>>("history", [&] {
    ReadLease s = lease();
    Prepared& p = s.statement(
        "SELECT instance_id, seq, at, events FROM history WHERE instance_id = :i ORDER BY seq",
        "s");
    p.text(0, instance_id);
    std::vector<HistoryEvent> out;
    if (p.run()) {
      do {
        for (HistoryEvent& e : historyFromRow(p.row())) out.push_back(std::move(e));
      } while (p.next());
    }
    std::string prev;
    for (HistoryEvent& e : out) {
      e.prev_hash = prev;
      prev = e.hash;
    }
    return out;
  });
}

namespace {

// "ended_at = 0" is the predicate of the instances_running index: a query
// spelled the same way reads only running instances.
std::string runningInstancesSql(const std::string& columns, const std::string& key, int version) {
  std::string sql = "SELECT " + columns + " FROM instances WHERE ended_at = 0";
  if (!key.empty()) sql += " AND definition_key = :k";
  if (!key.empty() && version > 0) sql += " AND version = :v";
  return sql + " ORDER BY started_at";
}

}  // namespace

Result<std::vector<StoredInstance>> SociStore::runningInstances(const std::string& key, int version,
                                                                int limit) {
  return guardedResult<std::vector<StoredInstance>>("running instances", [&] {
    ReadLease s = lease();
    const std::string sql = runningInstancesSql(kInstanceColumns, key, version) + " LIMIT :l";
    std::string types;
    if (!key.empty()) types += 's';
    if (!key.empty() && version > 0) types += 'i';
    Prepared& p = s.statement(sql, types + "i");
    size_t slot = 0;
    if (!key.empty()) p.text(slot++, key);
    if (!key.empty() && version > 0) p.integer(slot++, version);
    p.integer(slot, std::max(1, limit));
    return all<StoredInstance>(p, instanceFromRow);
  });
}

Status SociStore::visitRunningInstances(const std::string& key, int version,
                                        const std::function<void(const StoredInstance&)>& visit) {
  if (key.empty() || version <= 0) {
    return Status::invalid("running instances: a process key and version are needed");
  }
  return guarded("running instances", [&] {
    ReadLease s = lease();
    Prepared& p = s.statement(runningInstancesSql(kInstanceColumns, key, version), "si");
    p.text(0, key).integer(1, version);
    if (p.run()) {
      do {
        visit(instanceFromRow(p.row()));
      } while (p.next());
    }
    return Status::ok();
  });
}

Result<std::vector<TaskInfo>> SociStore::tasks(const TaskQuery& q) {
  return guardedResult<std::vector<TaskInfo>>("tasks", [&] {
    ReadLease s = lease();
    // One statement per combination of filters, prepared once per connection.
    std::string sql = std::string("SELECT ") + kTaskColumns + " FROM tasks WHERE state < 2";
    std::vector<std::string> args;
    if (q.instance_id) {
      sql += " AND instance_id = :i";
      args.push_back(*q.instance_id);
    }
    if (q.queue) {
      sql += " AND queue = :q";
      args.push_back(*q.queue);
    }
    if (q.assignee) {
      sql += " AND assignee = :a";
      args.push_back(*q.assignee);
    }
    if (q.candidate_group) {
      sql += " AND id IN (SELECT task_id FROM task_candidates WHERE name = :g AND kind = 'g')";
      args.push_back(*q.candidate_group);
    }
    sql += q.queue ? " ORDER BY priority DESC, created_at" : " ORDER BY created_at";
    sql += " LIMIT :limit";
    Prepared& p = s.statement(sql, std::string(args.size(), 's') + "i");
    for (size_t i = 0; i < args.size(); ++i) p.text(i, args[i]);
    p.integer(args.size(), std::max(1, std::min(q.limit, 10000)));
    return all<TaskInfo>(p, [](const soci::row& r) { return taskFromRow(r).info; });
  });
}

Result<std::optional<TaskInfo>> SociStore::task(const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<StoredTask> t, storedTask(id));
  if (!t) return std::optional<TaskInfo>();
  return std::optional<TaskInfo>(std::move(t->info));
}

Result<std::optional<StoredTask>> SociStore::storedTask(const std::string& id) {
  return guardedResult<std::optional<StoredTask>>("task", [&] {
    ReadLease s = lease();
    return one<StoredTask>(
        s.statement(std::string("SELECT ") + kTaskColumns + " FROM tasks WHERE id = :id", "s")
            .text(0, id),
        taskFromRow);
  });
}

Result<std::vector<TaskInfo>> SociStore::unclaimedTasks(const std::vector<std::string>& queues,
                                                        int limit) {
  return guardedResult<std::vector<TaskInfo>>("unclaimed tasks", [&] {
    if (queues.empty()) return std::vector<TaskInfo>();
    ReadLease s = lease();
    // The best `limit` of each queue come straight off the unclaimed-tasks
    // index; the union is then ordered and cut. One statement per number of
    // queues, prepared once per connection.
    std::string sql = std::string("SELECT ") + kTaskColumns + " FROM (";
    for (size_t i = 0; i < queues.size(); ++i) {
      if (i > 0) sql += " UNION ALL ";
      sql += std::string("SELECT * FROM (SELECT ") + kTaskColumns +
             " FROM tasks WHERE state = 0 AND queue = :q" + std::to_string(i) +
             " ORDER BY priority DESC, created_at LIMIT :l" + std::to_string(i) + ") AS q" +
             std::to_string(i);
    }
    sql += ") AS best ORDER BY priority DESC, created_at LIMIT :limit";
    std::string types;
    for (size_t i = 0; i < queues.size(); ++i) types += "si";
    Prepared& p = s.statement(sql, types + "i");
    for (size_t i = 0; i < queues.size(); ++i) {
      p.text(2 * i, queues[i]);
      p.integer(2 * i + 1, limit);
    }
    p.integer(2 * queues.size(), limit);
    return all<TaskInfo>(p, [](const soci::row& r) { return taskFromRow(r).info; });
  });
}

Result<std::optional<StoredJob>> SociStore::storedJob(const std::string& id) {
  return guardedResult<std::optional<StoredJob>>("job", [&] {
    ReadLease s = lease();
    return one<StoredJob>(
        s.statement(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = :id", "s")
            .text(0, id),
        jobFromRow);
  });
}

Result<std::optional<StoredDefinition>> SociStore::definition(const std::string& id) {
  return guardedResult<std::optional<StoredDefinition>>("definition", [&] {
    ReadLease s = lease();
    return one<StoredDefinition>(
        s.statement(
             std::string("SELECT ") + kDefinitionColumns + " FROM definitions WHERE id = :id", "s")
            .text(0, id),
        definitionFromRow);
  });
}

Result<std::optional<std::string>> SociStore::latestDefinitionId(const std::string& kind,
                                                                 const std::string& key) {
  return guardedResult<std::optional<std::string>>("latest definition", [&] {
    ReadLease s = lease();
    return one<std::string>(s.statement("SELECT id FROM definitions WHERE kind = :kind AND key = :k"
                                        " ORDER BY version DESC LIMIT 1",
                                        "ss")
                                .text(0, kind)
                                .text(1, key),
                            [](const soci::row& r) { return r.get<std::string>(0); });
  });
}

Result<std::vector<JobInfo>> SociStore::jobs(std::optional<JobState> state, int limit) {
  return guardedResult<std::vector<JobInfo>>("jobs", [&] {
    ReadLease s = lease();
    const long long st = state ? static_cast<int>(*state) : -1;
    return all<JobInfo>(s.statement(std::string("SELECT ") + kJobColumns +
                                        " FROM jobs WHERE (:s < 0 OR state = :s2)"
                                        " ORDER BY created_at LIMIT :l",
                                    "iii")
                            .integer(0, st)
                            .integer(1, st)
                            .integer(2, limit),
                        [](const soci::row& r) { return jobFromRow(r).info; });
  });
}

Result<std::vector<StoredInstance>> SociStore::instancesWithIncidents(int limit) {
  return guardedResult<std::vector<StoredInstance>>("incidents", [&] {
    ReadLease s = lease();
    return all<StoredInstance>(s.statement(std::string("SELECT ") + kInstanceColumns +
                                               " FROM instances WHERE incident = 1"
                                               " ORDER BY started_at LIMIT :l",
                                           "i")
                                   .integer(0, limit),
                               instanceFromRow);
  });
}

Result<std::vector<JobInfo>> SociStore::pendingJobs(int limit) {
  return jobs(JobState::Pending, limit);
}

Result<std::vector<StoredSubscription>> SociStore::subscriptions(const std::string& kind,
                                                                 const std::string& name,
                                                                 const std::string& key,
                                                                 int limit) {
  return guardedResult<std::vector<StoredSubscription>>("subscriptions", [&] {
    ReadLease s = lease();
    return all<StoredSubscription>(
        s.statement("SELECT instance_id, element_instance, element_id, kind, name,"
                    " correlation_key, created_at FROM subscriptions"
                    " WHERE kind = :k AND name = :n AND correlation_key = :c"
                    " ORDER BY created_at LIMIT :l",
                    "sssi")
            .text(0, kind)
            .text(1, name)
            .text(2, key)
            .integer(3, limit),
        subscriptionFromRow);
  });
}

Result<std::vector<BufferedMessage>> SociStore::bufferedMessages(const std::string& name,
                                                                 const std::string& key,
                                                                 int64_t now, int limit) {
  return guardedResult<std::vector<BufferedMessage>>("messages", [&] {
    ReadLease s = lease();
    return all<BufferedMessage>(
        s.statement("SELECT id, name, correlation_key, variables, message_id, created_at,"
                    " expires_at FROM messages WHERE name = :n AND correlation_key = :k"
                    " AND expires_at > :now ORDER BY created_at LIMIT :l",
                    "ssii")
            .text(0, name)
            .text(1, key)
            .integer(2, now)
            .integer(3, limit),
        bufferedMessageFromRow);
  });
}

Result<std::optional<std::string>> SociStore::messageOutcome(const std::string& message_id) {
  return guardedResult<std::optional<std::string>>("message id", [&] {
    ReadLease s = lease();
    return one<std::string>(
        s.statement("SELECT outcome FROM message_ids WHERE message_id = :m", "s")
            .text(0, message_id),
        [](const soci::row& r) { return r.get<std::string>(0); });
  });
}

Result<std::vector<QueueInfo>> SociStore::queues() {
  return guardedResult<std::vector<QueueInfo>>("queues", [&] {
    ReadLease s = lease();
    return all<QueueInfo>(
        s.statement("SELECT name, ranking_decision FROM queues ORDER BY name", ""),
        [](const soci::row& r) {
          return QueueInfo{r.get<std::string>(0), r.get<std::string>(1)};
        });
  });
}

Result<std::vector<StoredStartEvent>> SociStore::startEvents(const std::string& kind,
                                                             const std::string& name) {
  return guardedResult<std::vector<StoredStartEvent>>("start events", [&] {
    ReadLease s = lease();
    return all<StoredStartEvent>(
        s.statement("SELECT kind, name, definition_key, definition_id, element_id"
                    " FROM start_events WHERE kind = :k AND name = :n ORDER BY definition_key",
                    "ss")
            .text(0, kind)
            .text(1, name),
        startEventFromRow);
  });
}

bool SociStore::shared() const { return dialect_->shared; }

Status SociStore::requireShared() const {
  if (dialect_->shared) return Status::ok();
  return Status::internal(std::string("job leases need a shared store; ") + dialect_->name +
                          " has one writer process");
}

// Leases run on a reader connection in autocommit: each is its own short
// transaction, so a lease is visible to every node as soon as it is taken.
Result<bool> SociStore::leaseJob(const std::string& id, const std::string& owner, int64_t millis) {
  RETURN_IF_ERROR(requireShared());
  return guardedResult<bool>("lease job", [&] {
    ReadLease s = lease();
    const std::string now = dialect_->now_millis;
    Prepared& p = s.statement("UPDATE jobs SET lease_owner = :o, lease_until = " + now +
                                  " + :d WHERE id = :id AND state = 0"
                                  " AND (lease_owner = :o2 OR lease_until < " +
                                  now + ")",
                              "siss");
    p.text(0, owner).integer(1, millis).text(2, id).text(3, owner).run();
    return p.affectedRows() == 1;
  });
}

Result<std::vector<JobInfo>> SociStore::leaseDueJobs(const std::vector<std::string>& types,
                                                     int64_t now, const std::string& owner,
                                                     int64_t millis, int limit) {
  RETURN_IF_ERROR(requireShared());
  return guardedResult<std::vector<JobInfo>>("lease due jobs", [&] {
    if (types.empty() || limit <= 0) return std::vector<JobInfo>();
    ReadLease s = lease();
    const std::string db_now = dialect_->now_millis;
    std::string in;
    for (size_t i = 0; i < types.size(); ++i) {
      in += (i == 0 ? ":t" : ", :t") + std::to_string(i);
    }
    // One statement per number of types, prepared once per connection.
    Prepared& p =
        s.statement("UPDATE jobs SET lease_owner = :o, lease_until = " + db_now +
                        " + :d WHERE id IN (SELECT id FROM jobs WHERE state = 0 AND due_at <= :now"
                        " AND lease_until < " +
                        db_now + " AND type IN (" + in + ") ORDER BY due_at LIMIT :l" +
                        dialect_->skip_locked + ") RETURNING " + kJobColumns,
                    "sii" + std::string(types.size(), 's') + "i");
    p.text(0, owner).integer(1, millis).integer(2, now);
    for (size_t i = 0; i < types.size(); ++i) p.text(3 + i, types[i]);
    p.integer(3 + types.size(), limit);
    return all<JobInfo>(p, [](const soci::row& r) { return jobFromRow(r).info; });
  });
}

Status SociStore::renewLeases(const std::string& owner, const std::vector<std::string>& job_ids,
                              int64_t millis) {
  RETURN_IF_ERROR(requireShared());
  return guarded("renew leases", [&] {
    // In pages of a fixed size, so that one prepared statement serves every
    // call; short pages repeat their last id.
    constexpr size_t kPage = 16;
    ReadLease s = lease();
    std::string in;
    for (size_t i = 0; i < kPage; ++i) in += (i == 0 ? ":j" : ", :j") + std::to_string(i);
    Prepared& p = s.statement(std::string("UPDATE jobs SET lease_until = ") + dialect_->now_millis +
                                  " + :d WHERE id IN (SELECT id FROM jobs WHERE id IN (" + in +
                                  ") AND state = 0 AND lease_owner = :o ORDER BY id" +
                                  dialect_->skip_locked + ")",
                              "i" + std::string(kPage, 's') + "s");
    for (size_t first = 0; first < job_ids.size(); first += kPage) {
      p.integer(0, millis);
      for (size_t i = 0; i < kPage; ++i) {
        p.text(1 + i, job_ids[std::min(first + i, job_ids.size() - 1)]);
      }
      p.text(1 + kPage, owner).run();
    }
    return Status::ok();
  });
}

}  // namespace wf::store

namespace wf {

Result<std::unique_ptr<Store>> openStore(const std::string& url, SyncMode sync, int readers) {
  auto r = store::SociStore::open(url, sync, readers);
  if (!r.ok()) return r.status();
  return std::unique_ptr<Store>(std::move(r).value());
}

}  // namespace wf
