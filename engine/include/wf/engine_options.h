// How an Engine is put together: its store and every port, each with a
// default that suits production.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "wf/ports/clock.h"
#include "wf/ports/id_generator.h"

namespace wf {

enum class SyncMode { Full, Normal, Off };

struct EngineOptions {
  // "sqlite:PATH" (a file), "sqlite::memory:" (nothing on disk),
  // "postgresql://USER@HOST:PORT/DB" (a server that several nodes may share).
  std::string db_url = "sqlite:hall.db";
  // SQLite `synchronous`: Full loses nothing acknowledged on a power cut.
  // PostgreSQL: Full commits synchronously, the others do not.
  SyncMode sync = SyncMode::Full;
  std::shared_ptr<Clock> clock = std::make_shared<SystemClock>();
  std::shared_ptr<IdGenerator> ids = std::make_shared<RandomIdGenerator>();
  // Threads that run jobs after their command committed. Jobs mostly wait
  // (on their completing commit, on a city platform), so more than cores.
  int job_workers = 8;
  // Upper bound of commands that share one commit (group commit).
  int max_batch = 512;
  // Connections for queries (and, on PostgreSQL, job leases); an in-memory
  // database has only its one connection.
  int readers = 4;
  // On a database that several nodes share (PostgreSQL): a node runs a job
  // under a lease on its row, renewed while it runs; a node that dies loses
  // its jobs to the others this long after its last renewal.
  std::chrono::milliseconds job_lease{30000};
  // How often such a node looks for due jobs that it did not create itself.
  std::chrono::milliseconds job_poll{250};
  // This node's name as the owner of job leases; empty: a random id, new at
  // each start. Two live nodes must never share one.
  std::string node_id;
  // The working-day calendar (a deployed calendar's id) that due dates count
  // in when their element names none; empty: Saturdays and Sundays off.
  std::string default_calendar;
  // The local time whose dates working days are counted in (+480: Beijing).
  int utc_offset_minutes = 0;
};

}  // namespace wf
