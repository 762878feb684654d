// Database URLs as the engine reads them — "sqlite:PATH", "sqlite::memory:",
// "postgresql://USER@HOST:PORT/DB" or "postgresql:" with a libpq connection
// string — for the parts of the hall that keep tables of their own in the
// engine's database and must connect exactly as it does.
#pragma once

#include <string>

#include "wf/status.h"

namespace wf {

struct DatabaseTarget {
  std::string kind;         // "sqlite" or "postgresql"
  std::string connect;      // SQLite: the file path; PostgreSQL: libpq keyword=value form
  std::string description;  // for messages; never holds a password
  bool in_memory = false;   // sqlite::memory:
};

// InvalidArgument naming what is wrong with a malformed URL.
Result<DatabaseTarget> parseDatabaseUrl(const std::string& url);

}  // namespace wf
