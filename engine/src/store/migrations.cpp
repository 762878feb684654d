#include "store/migrations.h"

#include <chrono>

namespace wf::store {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations = {
      {1,
       {
           "CREATE TABLE deployments(id TEXT PRIMARY KEY, resource_name TEXT NOT NULL,"
           " deployed_at BIGINT NOT NULL)",
           "CREATE TABLE definitions(id TEXT PRIMARY KEY, key TEXT NOT NULL,"
           " version INTEGER NOT NULL, name TEXT NOT NULL, deployment_id TEXT NOT NULL,"
           " resource_name TEXT NOT NULL, content_hash TEXT NOT NULL, xml TEXT NOT NULL,"
           " deployed_at BIGINT NOT NULL, UNIQUE(key, version))",
           // Runtime state of an instance is one row: its tokens and scopes are
           // serialized together, so a command reads and writes one row.
           "CREATE TABLE instances(id TEXT PRIMARY KEY, definition_id TEXT NOT NULL,"
           " definition_key TEXT NOT NULL, version INTEGER NOT NULL,"
           " business_key TEXT NOT NULL, state INTEGER NOT NULL, incident INTEGER NOT NULL,"
           " started_at BIGINT NOT NULL, ended_at BIGINT NOT NULL, runtime TEXT NOT NULL,"
           " history_seq BIGINT NOT NULL, history_hash TEXT NOT NULL)",
           "CREATE INDEX instances_business_key ON instances(business_key)"
           " WHERE business_key <> ''",
           // Tasks stay after completion (so a second completion is a conflict,
           // not a 404); the partial indexes cover only open ones.
           "CREATE TABLE tasks(id TEXT PRIMARY KEY, instance_id TEXT NOT NULL,"
           " definition_key TEXT NOT NULL, element_id TEXT NOT NULL,"
           " element_instance INTEGER NOT NULL, name TEXT NOT NULL, queue TEXT NOT NULL,"
           " candidate_groups TEXT NOT NULL, candidate_users TEXT NOT NULL,"
           " assignee TEXT NOT NULL, priority INTEGER NOT NULL, due_at BIGINT NOT NULL,"
           " form_key TEXT NOT NULL, state INTEGER NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE INDEX tasks_open_queue ON tasks(queue, priority DESC, created_at)"
           " WHERE state < 2",
           "CREATE INDEX tasks_open_assignee ON tasks(assignee) WHERE state < 2",
           "CREATE INDEX tasks_instance ON tasks(instance_id)",
           "CREATE TABLE task_candidates(name TEXT NOT NULL, kind TEXT NOT NULL,"
           " task_id TEXT NOT NULL, PRIMARY KEY(name, kind, task_id))",
           "CREATE INDEX task_candidates_task ON task_candidates(task_id)",
           "CREATE TABLE jobs(id TEXT PRIMARY KEY, instance_id TEXT NOT NULL,"
           " element_id TEXT NOT NULL, element_instance INTEGER NOT NULL, type TEXT NOT NULL,"
           " state INTEGER NOT NULL, retries INTEGER NOT NULL, error TEXT NOT NULL,"
           " variables TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE INDEX jobs_state ON jobs(state, created_at)",
           // Append-only. One row holds the events of one command (seq is the
           // first event's); each event carries its own SM3 hash, chained to
           // its predecessor's, so the chain runs across rows per instance.
           "CREATE TABLE history(instance_id TEXT NOT NULL, seq BIGINT NOT NULL,"
           " at BIGINT NOT NULL, events TEXT NOT NULL, PRIMARY KEY(instance_id, seq))",
       }},
      // Definitions of decisions (DMN) beside those of processes (BPMN).
      {2,
       {
           "ALTER TABLE definitions ADD COLUMN kind TEXT NOT NULL DEFAULT 'bpmn'",
           "CREATE INDEX definitions_kind_key ON definitions(kind, key, version)",
       }},
      // Get next work reads the best unclaimed tasks of a queue: an index of
      // exactly those, so claimed ones are never scanned past.
      {3,
       {
           "CREATE INDEX tasks_unclaimed_queue ON tasks(queue, priority DESC, created_at)"
           " WHERE state = 0",
       }},
      // A failed job is retried later (backoff): when it is due again.
      {4,
       {
           "ALTER TABLE jobs ADD COLUMN due_at BIGINT NOT NULL DEFAULT 0",
       }},
      // The incident list reads only the instances that have one.
      {5,
       {
           "CREATE INDEX instances_incident ON instances(started_at) WHERE incident = 1",
       }},
      // Several nodes on one database take jobs with a lease on the row: who
      // holds it and until when (database clock, epoch millis). The pollers
      // read only pending jobs, by when they are due.
      {6,
       {
           "ALTER TABLE jobs ADD COLUMN lease_owner TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE jobs ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0",
           "CREATE INDEX jobs_pending_due ON jobs(due_at) WHERE state = 0",
       }},
      // Messages and signals: what waits for them, messages that came early,
      // the message ids seen (a second delivery does nothing), and the start
      // events of the newest version of each process.
      {7,
       {
           "CREATE TABLE subscriptions(instance_id TEXT NOT NULL,"
           " element_instance INTEGER NOT NULL, element_id TEXT NOT NULL, kind TEXT NOT NULL,"
           " name TEXT NOT NULL, correlation_key TEXT NOT NULL, created_at BIGINT NOT NULL,"
           " PRIMARY KEY(instance_id, element_instance, element_id))",
           "CREATE INDEX subscriptions_name ON subscriptions(kind, name, correlation_key,"
           " created_at)",
           "CREATE TABLE messages(id TEXT PRIMARY KEY, name TEXT NOT NULL,"
           " correlation_key TEXT NOT NULL, variables TEXT NOT NULL, message_id TEXT NOT NULL,"
           " created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)",
           "CREATE INDEX messages_name ON messages(name, correlation_key, created_at)",
           "CREATE TABLE message_ids(message_id TEXT PRIMARY KEY, outcome TEXT NOT NULL,"
           " at BIGINT NOT NULL)",
           "CREATE TABLE start_events(kind TEXT NOT NULL, name TEXT NOT NULL,"
           " definition_key TEXT NOT NULL, definition_id TEXT NOT NULL,"
           " element_id TEXT NOT NULL, PRIMARY KEY(kind, name, definition_key, element_id))",
           "CREATE INDEX jobs_instance_type ON jobs(instance_id, type) WHERE state = 0",
       }},
      // Follow-up dates of tasks; queues ranked by a decision, and what
      // their tasks keep for it.
      {8,
       {
           "ALTER TABLE tasks ADD COLUMN follow_up_at BIGINT NOT NULL DEFAULT 0",
           "ALTER TABLE tasks ADD COLUMN ranking TEXT NOT NULL DEFAULT ''",
           "CREATE TABLE queues(name TEXT PRIMARY KEY, ranking_decision TEXT NOT NULL)",
       }},
      // The analyst's cockpit reads the running instances of one process
      // version (where they wait), not the ended ones that pile up.
      {9,
       {
           "CREATE INDEX instances_running ON instances(definition_key, version, started_at)"
           " WHERE ended_at = 0",
       }},
  };
  return kMigrations;
}

void migrate(soci::session& s, const Dialect& dialect) {
  // One transaction for every pending migration, begun so that a second
  // node (or process) starting at the same time waits here and then finds
  // the schema current: BEGIN IMMEDIATE on SQLite, an advisory lock on
  // PostgreSQL (whose DDL is transactional too).
  s << dialect.begin;
  try {
    if (*dialect.migration_lock != '\0') s << dialect.migration_lock;
    s << "CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY,"
         " applied_at BIGINT NOT NULL)";
    int current = 0;
    soci::indicator ind = soci::i_null;
    s << "SELECT MAX(version) FROM schema_migrations", soci::into(current, ind);
    if (ind != soci::i_ok) current = 0;
    const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    for (const Migration& m : migrations()) {
      if (m.version <= current) continue;
      for (const std::string& stmt : m.statements) s << stmt;
      s << "INSERT INTO schema_migrations(version, applied_at) VALUES(:v, :a)",
          soci::use(m.version), soci::use(now);
    }
    s << "COMMIT";
  } catch (...) {
    try {
      s << "ROLLBACK";
    } catch (...) {
      // The first failure is the one worth reporting.
    }
    throw;
  }
}

}  // namespace wf::store
