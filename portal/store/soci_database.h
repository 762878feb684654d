// The SOCI plumbing every hall store shares: opening a session on the
// engine's database URL (the same SQLite file or PostgreSQL server), and
// numbered migrations, each recorded in a schema table of the store's own.
//
// Thread-safety: a soci::session is used by one thread at a time; each store
// guards its session with a mutex of its own.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "wf/status.h"

namespace soci {
class session;
class row;
}  // namespace soci

namespace hall::store {

// `db_url` as the engine reads it (wf/database_url.h): SQLite in WAL mode
// with full sync, or PostgreSQL. InvalidArgument for a malformed URL;
// Unavailable when the database cannot be opened. `what` names the store
// in the error ("case store").
wf::Result<std::unique_ptr<soci::session>> openDatabase(const std::string& db_url,
                                                        std::string_view what);

// Runs the migrations not yet recorded in `schema_table`, in order, each in
// its own transaction; a migration is statements separated by ';'. Throws
// what SOCI throws.
void migrate(soci::session& sql, std::string_view schema_table,
             std::span<const std::string_view> migrations);

// Column `i` of a row as an integer, whichever integer or floating type the
// backend reports for it (SQLite and PostgreSQL differ).
long long rowInteger(const soci::row& row, size_t i);

// Unavailable "<what>: <action>: <cause>", for a SOCI failure.
wf::Status storeFailure(std::string_view what, std::string_view action, const std::exception& e);

}  // namespace hall::store
