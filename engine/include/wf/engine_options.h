// How an Engine is put together: its store and every port, each with a
// default that suits production.
#pragma once

#include <memory>
#include <string>

#include "wf/ports/clock.h"
#include "wf/ports/id_generator.h"

namespace wf {

enum class SyncMode { Full, Normal, Off };

struct EngineOptions {
  // "sqlite:PATH" (a file), "sqlite::memory:" (nothing on disk).
  std::string db_url = "sqlite:hall.db";
  // SQLite `synchronous`: Full loses nothing acknowledged on a power cut.
  SyncMode sync = SyncMode::Full;
  std::shared_ptr<Clock> clock = std::make_shared<SystemClock>();
  std::shared_ptr<IdGenerator> ids = std::make_shared<RandomIdGenerator>();
  // Threads that run jobs after their command committed. Jobs mostly wait
  // (on their completing commit, on a city platform), so more than cores.
  int job_workers = 8;
  // Upper bound of commands that share one commit (group commit).
  int max_batch = 512;
  // Read-only connections for queries (file databases only).
  int readers = 4;
  // The working-day calendar (a deployed calendar's id) that due dates count
  // in when their element names none; empty: Saturdays and Sundays off.
  std::string default_calendar;
  // The local time whose dates working days are counted in (+480: Beijing).
  int utc_offset_minutes = 0;
};

}  // namespace wf
