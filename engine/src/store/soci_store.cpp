#include "store/soci_store.h"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <sstream>

#include "store/migrations.h"
#include "store/soci_rows.h"

namespace wf::store {

namespace {

// Every SOCI call goes through here: exceptions stop at this edge.
template <typename F>
Status guarded(const char* what, F&& f) noexcept {
  try {
    return f();
  } catch (const std::exception& e) {
    return Status::unavailable(std::string("store: ") + what + ": " + e.what());
  }
}

template <typename T, typename F>
Result<T> guardedResult(const char* what, F&& f) noexcept {
  try {
    return f();
  } catch (const std::exception& e) {
    return Status::unavailable(std::string("store: ") + what + ": " + e.what());
  }
}

const char* syncPragma(SyncMode sync) {
  switch (sync) {
    case SyncMode::Full: return "PRAGMA synchronous=FULL";
    case SyncMode::Normal: return "PRAGMA synchronous=NORMAL";
    case SyncMode::Off: return "PRAGMA synchronous=OFF";
  }
  return "PRAGMA synchronous=FULL";
}

std::unique_ptr<soci::session> openSqlite(const std::string& path, SyncMode sync, bool reader) {
  auto s = std::make_unique<soci::session>(soci::sqlite3,
                                           "db=\"" + path + "\" timeout=30 shared_cache=false");
  if (path != ":memory:") {
    *s << "PRAGMA journal_mode=WAL";
  }
  *s << syncPragma(sync);
  *s << "PRAGMA foreign_keys=OFF";
  *s << "PRAGMA cache_size=-65536";  // 64 MiB of page cache per connection
  if (reader) *s << "PRAGMA query_only=ON";
  return s;
}

Status migrate(soci::session& s) {
  s << "CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY,"
       " applied_at INTEGER NOT NULL)";
  int current = 0;
  soci::indicator ind = soci::i_null;
  s << "SELECT MAX(version) FROM schema_migrations", soci::into(current, ind);
  if (ind != soci::i_ok) current = 0;
  for (const Migration& m : migrations()) {
    if (m.version <= current) continue;
    soci::transaction tx(s);
    for (const std::string& stmt : m.statements) s << stmt;
    s << "INSERT INTO schema_migrations(version, applied_at) VALUES(:v, strftime('%s','now'))",
        soci::use(m.version);
    tx.commit();
  }
  return Status::ok();
}

}  // namespace

// The writer keeps one prepared statement per hot operation; SOCI binds the
// members by reference, so each call fills the members and executes.
class SociWriter final : public StoreWriter {
 public:
  SociWriter(soci::session& s, std::mutex* memory_mutex) : s_(s), memory_mutex_(memory_mutex) {
    load_instance_ = std::make_unique<soci::statement>(
        (s_.prepare << "SELECT " << kInstanceColumns << " FROM instances WHERE id = :id",
         soci::use(key_), soci::into(instance_row_)));
    update_instance_ = std::make_unique<soci::statement>(
        (s_.prepare << "UPDATE instances SET state = :state, incident = :incident,"
                       " ended_at = :ended, runtime = :runtime, history_seq = :seq,"
                       " history_hash = :hash WHERE id = :id",
         soci::use(i_state_), soci::use(i_incident_), soci::use(i_ended_),
         soci::use(i_runtime_), soci::use(i_seq_), soci::use(i_hash_), soci::use(i_id_)));
    insert_history_ = std::make_unique<soci::statement>(
        (s_.prepare << "INSERT INTO history(instance_id, seq, at, type, element_id, data, hash)"
                       " VALUES(:i, :s, :a, :t, :e, :d, :h)",
         soci::use(h_instance_), soci::use(h_seq_), soci::use(h_at_), soci::use(h_type_),
         soci::use(h_element_), soci::use(h_data_), soci::use(h_hash_)));
    load_task_ = std::make_unique<soci::statement>(
        (s_.prepare << "SELECT " << kTaskColumns << " FROM tasks WHERE id = :id",
         soci::use(key_), soci::into(task_row_)));
    load_job_ = std::make_unique<soci::statement>(
        (s_.prepare << "SELECT " << kJobColumns << " FROM jobs WHERE id = :id",
         soci::use(key_), soci::into(job_row_)));
  }

  Status begin() override {
    if (memory_mutex_ != nullptr) memory_lock_ = std::unique_lock<std::mutex>(*memory_mutex_);
    return guarded("begin", [&] {
      s_ << "BEGIN IMMEDIATE";
      return Status::ok();
    });
  }
  Status commit() override {
    Status st = guarded("commit", [&] {
      s_ << "COMMIT";
      return Status::ok();
    });
    if (!st.isOk()) {
      (void)rollback();
      return st;
    }
    unlock();
    return st;
  }
  Status rollback() override {
    Status st = guarded("rollback", [&] {
      s_ << "ROLLBACK";
      return Status::ok();
    });
    unlock();
    return st;
  }
  Status savepoint() override {
    return guarded("savepoint", [&] {
      s_ << "SAVEPOINT cmd";
      return Status::ok();
    });
  }
  Status releaseSavepoint() override {
    return guarded("release", [&] {
      s_ << "RELEASE SAVEPOINT cmd";
      return Status::ok();
    });
  }
  Status rollbackToSavepoint() override {
    return guarded("rollback to savepoint", [&] {
      s_ << "ROLLBACK TO SAVEPOINT cmd";
      s_ << "RELEASE SAVEPOINT cmd";
      return Status::ok();
    });
  }

  Result<std::optional<StoredDefinition>> latestDefinition(const std::string& key) override {
    return guardedResult<std::optional<StoredDefinition>>("latest definition", [&] {
      soci::row r;
      s_ << "SELECT " << kDefinitionColumns
         << " FROM definitions WHERE key = :k ORDER BY version DESC LIMIT 1",
          soci::use(key), soci::into(r);
      if (!s_.got_data()) return std::optional<StoredDefinition>();
      return std::optional<StoredDefinition>(definitionFromRow(r));
    });
  }
  Result<std::optional<StoredDefinition>> definitionById(const std::string& id) override {
    return guardedResult<std::optional<StoredDefinition>>("definition", [&] {
      soci::row r;
      s_ << "SELECT " << kDefinitionColumns << " FROM definitions WHERE id = :id",
          soci::use(id), soci::into(r);
      if (!s_.got_data()) return std::optional<StoredDefinition>();
      return std::optional<StoredDefinition>(definitionFromRow(r));
    });
  }
  Status insertDeployment(const std::string& id, const std::string& resource_name,
                          int64_t at) override {
    return guarded("insert deployment", [&] {
      long long when = at;
      s_ << "INSERT INTO deployments(id, resource_name, deployed_at) VALUES(:i, :r, :a)",
          soci::use(id), soci::use(resource_name), soci::use(when);
      return Status::ok();
    });
  }
  Status insertDefinition(const StoredDefinition& d) override {
    return guarded("insert definition", [&] {
      long long when = d.deployed_at;
      s_ << "INSERT INTO definitions(id, key, version, name, deployment_id, resource_name,"
            " content_hash, xml, deployed_at) VALUES(:i, :k, :v, :n, :d, :r, :h, :x, :a)",
          soci::use(d.id), soci::use(d.key), soci::use(d.version), soci::use(d.name),
          soci::use(d.deployment_id), soci::use(d.resource_name), soci::use(d.content_hash),
          soci::use(d.xml), soci::use(when);
      return Status::ok();
    });
  }

  Result<std::optional<StoredInstance>> loadInstance(const std::string& id) override {
    return guardedResult<std::optional<StoredInstance>>("load instance", [&] {
      key_ = id;
      if (!load_instance_->execute(true)) return std::optional<StoredInstance>();
      return std::optional<StoredInstance>(instanceFromRow(instance_row_));
    });
  }
  Status insertInstance(const StoredInstance& i) override {
    return guarded("insert instance", [&] {
      int state = static_cast<int>(i.state);
      int incident = i.incident ? 1 : 0;
      long long started = i.started_at, ended = i.ended_at, seq = i.history_seq;
      s_ << "INSERT INTO instances(id, definition_id, definition_key, version, business_key,"
            " state, incident, started_at, ended_at, runtime, history_seq, history_hash)"
            " VALUES(:id, :d, :k, :v, :b, :s, :inc, :st, :en, :r, :q, :h)",
          soci::use(i.id), soci::use(i.definition_id), soci::use(i.definition_key),
          soci::use(i.version), soci::use(i.business_key), soci::use(state),
          soci::use(incident), soci::use(started), soci::use(ended), soci::use(i.runtime_json),
          soci::use(seq), soci::use(i.history_hash);
      return Status::ok();
    });
  }
  Status updateInstance(const StoredInstance& i) override {
    return guarded("update instance", [&] {
      i_state_ = static_cast<int>(i.state);
      i_incident_ = i.incident ? 1 : 0;
      i_ended_ = i.ended_at;
      i_runtime_ = i.runtime_json;
      i_seq_ = i.history_seq;
      i_hash_ = i.history_hash;
      i_id_ = i.id;
      update_instance_->execute(true);
      return Status::ok();
    });
  }

  Result<std::optional<StoredTask>> loadTask(const std::string& id) override {
    return guardedResult<std::optional<StoredTask>>("load task", [&] {
      key_ = id;
      if (!load_task_->execute(true)) return std::optional<StoredTask>();
      return std::optional<StoredTask>(taskFromRow(task_row_));
    });
  }
  Status insertTask(const StoredTask& t) override {
    return guarded("insert task", [&] {
      const TaskInfo& i = t.info;
      int state = static_cast<int>(i.state);
      long long due = i.due_at, created = i.created_at;
      const std::string groups = joinList(i.candidate_groups);
      const std::string users = joinList(i.candidate_users);
      s_ << "INSERT INTO tasks(id, instance_id, definition_key, element_id, element_instance,"
            " name, queue, candidate_groups, candidate_users, assignee, priority, due_at,"
            " form_key, state, created_at) VALUES(:id, :i, :k, :e, :ei, :n, :q, :g, :u, :a, :p,"
            " :d, :f, :s, :c)",
          soci::use(i.id), soci::use(i.instance_id), soci::use(i.definition_key),
          soci::use(i.element_id), soci::use(t.element_instance), soci::use(i.name),
          soci::use(i.queue), soci::use(groups), soci::use(users), soci::use(i.assignee),
          soci::use(i.priority), soci::use(due), soci::use(i.form_key), soci::use(state),
          soci::use(created);
      for (const std::string& g : i.candidate_groups) {
        s_ << "INSERT OR IGNORE INTO task_candidates(name, kind, task_id) VALUES(:n, 'g', :t)",
            soci::use(g), soci::use(i.id);
      }
      for (const std::string& u : i.candidate_users) {
        s_ << "INSERT OR IGNORE INTO task_candidates(name, kind, task_id) VALUES(:n, 'u', :t)",
            soci::use(u), soci::use(i.id);
      }
      return Status::ok();
    });
  }
  Status updateTaskAssignee(const std::string& id, const std::string& assignee,
                            TaskState state) override {
    return guarded("update task", [&] {
      int st = static_cast<int>(state);
      s_ << "UPDATE tasks SET assignee = :a, state = :s WHERE id = :id", soci::use(assignee),
          soci::use(st), soci::use(id);
      return Status::ok();
    });
  }
  Status updateTaskState(const std::string& id, TaskState state) override {
    return guarded("update task state", [&] {
      int st = static_cast<int>(state);
      s_ << "UPDATE tasks SET state = :s WHERE id = :id", soci::use(st), soci::use(id);
      return Status::ok();
    });
  }
  Status clearTaskCandidates(const std::string& id) override {
    return guarded("clear task candidates", [&] {
      s_ << "DELETE FROM task_candidates WHERE task_id = :t", soci::use(id);
      return Status::ok();
    });
  }

  Result<std::optional<StoredJob>> loadJob(const std::string& id) override {
    return guardedResult<std::optional<StoredJob>>("load job", [&] {
      key_ = id;
      if (!load_job_->execute(true)) return std::optional<StoredJob>();
      return std::optional<StoredJob>(jobFromRow(job_row_));
    });
  }
  Status insertJob(const StoredJob& j) override {
    return guarded("insert job", [&] {
      const JobInfo& i = j.info;
      int state = static_cast<int>(i.state);
      long long created = i.created_at;
      const std::string vars = i.variables.toJson();
      s_ << "INSERT INTO jobs(id, instance_id, element_id, element_instance, type, state,"
            " retries, error, variables, created_at) VALUES(:id, :i, :e, :ei, :t, :s, :r, :er,"
            " :v, :c)",
          soci::use(i.id), soci::use(i.instance_id), soci::use(i.element_id),
          soci::use(j.element_instance), soci::use(i.type), soci::use(state),
          soci::use(i.retries), soci::use(i.error), soci::use(vars), soci::use(created);
      return Status::ok();
    });
  }
  Status updateJob(const std::string& id, JobState state, int retries,
                   const std::string& error) override {
    return guarded("update job", [&] {
      int st = static_cast<int>(state);
      s_ << "UPDATE jobs SET state = :s, retries = :r, error = :e WHERE id = :id",
          soci::use(st), soci::use(retries), soci::use(error), soci::use(id);
      return Status::ok();
    });
  }
  Status deleteJob(const std::string& id) override {
    return guarded("delete job", [&] {
      s_ << "DELETE FROM jobs WHERE id = :id", soci::use(id);
      return Status::ok();
    });
  }

  Status appendHistory(const HistoryEvent& e) override {
    return guarded("append history", [&] {
      h_instance_ = e.instance_id;
      h_seq_ = e.seq;
      h_at_ = e.at;
      h_type_ = e.type;
      h_element_ = e.element_id;
      h_data_ = e.data.isNull() ? std::string() : e.data.toJson();
      h_hash_ = e.hash;
      insert_history_->execute(true);
      return Status::ok();
    });
  }

 private:
  void unlock() {
    if (memory_lock_.owns_lock()) memory_lock_.unlock();
  }

  soci::session& s_;
  std::mutex* memory_mutex_;
  std::unique_lock<std::mutex> memory_lock_;

  std::string key_;
  soci::row instance_row_, task_row_, job_row_;
  std::unique_ptr<soci::statement> load_instance_, update_instance_, insert_history_,
      load_task_, load_job_;

  int i_state_ = 0, i_incident_ = 0;
  long long i_ended_ = 0, i_seq_ = 0;
  std::string i_runtime_, i_hash_, i_id_;

  std::string h_instance_, h_type_, h_element_, h_data_, h_hash_;
  long long h_seq_ = 0, h_at_ = 0;
};

class SociStore::ReadLease {
 public:
  ReadLease(SociStore& store) : store_(store) {  // NOLINT
    if (store_.in_memory_) {
      memory_lock_ = std::unique_lock<std::mutex>(store_.memory_mutex_);
      session_ = store_.write_session_.get();
      return;
    }
    std::unique_lock<std::mutex> lock(store_.pool_mutex_);
    store_.pool_cv_.wait(lock, [&] { return !store_.idle_readers_.empty(); });
    owned_ = std::move(store_.idle_readers_.back());
    store_.idle_readers_.pop_back();
    session_ = owned_.get();
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

  soci::session& operator*() { return *session_; }

 private:
  SociStore& store_;
  std::unique_lock<std::mutex> memory_lock_;
  std::unique_ptr<soci::session> owned_;
  soci::session* session_ = nullptr;
};

SociStore::ReadLease SociStore::lease() { return ReadLease(*this); }

SociStore::~SociStore() = default;

Result<std::unique_ptr<SociStore>> SociStore::open(const std::string& url, SyncMode sync,
                                                   int readers) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.rfind(kSqlite, 0) != 0) {
    return Status::invalid("unsupported database url '" + url +
                           "' (expected sqlite:PATH or sqlite::memory:)");
  }
  std::string path = url.substr(kSqlite.size());
  if (path.empty()) return Status::invalid("database url '" + url + "' names no file");
  std::unique_ptr<SociStore> store(new SociStore());
  store->in_memory_ = path == ":memory:";
  Status st = guarded("open", [&] {
    store->write_session_ = openSqlite(path, sync, false);
    RETURN_IF_ERROR(migrate(*store->write_session_));
    if (!store->in_memory_) {
      for (int i = 0; i < std::max(1, readers); ++i) {
        store->idle_readers_.push_back(openSqlite(path, sync, true));
      }
    }
    store->writer_ = std::make_unique<SociWriter>(
        *store->write_session_, store->in_memory_ ? &store->memory_mutex_ : nullptr);
    return Status::ok();
  });
  if (!st.isOk()) return st;
  return store;
}

StoreWriter& SociStore::writer() { return *writer_; }

Result<std::vector<StoredDefinition>> SociStore::definitions() {
  return guardedResult<std::vector<StoredDefinition>>("definitions", [&] {
    ReadLease s = lease();
    std::vector<StoredDefinition> out;
    soci::rowset<soci::row> rows =
        ((*s).prepare << "SELECT " << kDefinitionColumns << " FROM definitions ORDER BY key, version");
    for (const soci::row& r : rows) out.push_back(definitionFromRow(r));
    return out;
  });
}

Result<std::optional<StoredInstance>> SociStore::instance(const std::string& id) {
  return guardedResult<std::optional<StoredInstance>>("instance", [&] {
    ReadLease s = lease();
    soci::row r;
    *s << "SELECT " << kInstanceColumns << " FROM instances WHERE id = :id", soci::use(id),
        soci::into(r);
    if (!(*s).got_data()) return std::optional<StoredInstance>();
    return std::optional<StoredInstance>(instanceFromRow(r));
  });
}

Result<std::vector<HistoryEvent>> SociStore::history(const std::string& instance_id) {
  return guardedResult<std::vector<HistoryEvent>>("history", [&] {
    ReadLease s = lease();
    std::vector<HistoryEvent> out;
    soci::rowset<soci::row> rows =
        ((*s).prepare << "SELECT instance_id, seq, at, type, element_id, data, hash FROM history"
                         " WHERE instance_id = :i ORDER BY seq",
         soci::use(instance_id));
    std::string prev;
    for (const soci::row& r : rows) {
      HistoryEvent e = historyFromRow(r);
      e.prev_hash = prev;
      prev = e.hash;
      out.push_back(std::move(e));
    }
    return out;
  });
}

Result<std::vector<TaskInfo>> SociStore::tasks(const TaskQuery& q) {
  return guardedResult<std::vector<TaskInfo>>("tasks", [&] {
    ReadLease s = lease();
    std::ostringstream sql;
    sql << "SELECT " << kTaskColumns << " FROM tasks t WHERE state < 2";
    std::vector<std::string> args;
    if (q.instance_id) {
      sql << " AND instance_id = :a" << args.size();
      args.push_back(*q.instance_id);
    }
    if (q.queue) {
      sql << " AND queue = :a" << args.size();
      args.push_back(*q.queue);
    }
    if (q.assignee) {
      sql << " AND assignee = :a" << args.size();
      args.push_back(*q.assignee);
    }
    if (q.candidate_group) {
      sql << " AND id IN (SELECT task_id FROM task_candidates WHERE name = :a" << args.size()
          << " AND kind = 'g')";
      args.push_back(*q.candidate_group);
    }
    if (q.queue) {
      sql << " ORDER BY priority DESC, created_at";
    } else {
      sql << " ORDER BY created_at";
    }
    sql << " LIMIT " << std::max(1, std::min(q.limit, 10000));
    soci::statement st = ((*s).prepare << sql.str());
    for (std::string& a : args) st.exchange(soci::use(a));
    soci::row r;
    st.exchange(soci::into(r));
    st.define_and_bind();
    std::vector<TaskInfo> out;
    if (st.execute(true)) {
      do {
        out.push_back(taskFromRow(r).info);
      } while (st.fetch());
    }
    return out;
  });
}

Result<std::optional<TaskInfo>> SociStore::task(const std::string& id) {
  return guardedResult<std::optional<TaskInfo>>("task", [&] {
    ReadLease s = lease();
    soci::row r;
    *s << "SELECT " << kTaskColumns << " FROM tasks WHERE id = :id", soci::use(id),
        soci::into(r);
    if (!(*s).got_data()) return std::optional<TaskInfo>();
    return std::optional<TaskInfo>(taskFromRow(r).info);
  });
}

Result<std::vector<JobInfo>> SociStore::jobs(std::optional<JobState> state, int limit) {
  return guardedResult<std::vector<JobInfo>>("jobs", [&] {
    ReadLease s = lease();
    std::vector<JobInfo> out;
    int st = state ? static_cast<int>(*state) : -1;
    soci::rowset<soci::row> rows =
        ((*s).prepare << "SELECT " << kJobColumns
                      << " FROM jobs WHERE (:s < 0 OR state = :s2) ORDER BY created_at LIMIT :l",
         soci::use(st), soci::use(st), soci::use(limit));
    for (const soci::row& r : rows) out.push_back(jobFromRow(r).info);
    return out;
  });
}

Result<std::vector<JobInfo>> SociStore::pendingJobs(int limit) {
  return jobs(JobState::Pending, limit);
}

}  // namespace wf::store

namespace wf {

Result<std::unique_ptr<Store>> openStore(const std::string& url, SyncMode sync, int readers) {
  auto r = store::SociStore::open(url, sync, readers);
  if (!r.ok()) return r.status();
  return std::unique_ptr<Store>(std::move(r).value());
}

}  // namespace wf
