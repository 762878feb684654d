// Dialect: what differs between the databases the SOCI store speaks —
// SQLite (one file, one process) and PostgreSQL (a server that several
// nodes share). Everything else in the store is the same SQL for both, so
// the differences are written down here once instead of in two stores.
#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>

#include "wf/engine_options.h"
#include "wf/status.h"

namespace wf::store {

struct Dialect {
  const char* name;  // "sqlite", "postgresql"
  // Starts the writer's transaction. SQLite takes the write lock at once
  // (IMMEDIATE), so a transaction never fails half-way on a busy database.
  const char* begin;
  // Run first inside the migration transaction, so that two nodes starting
  // at once do not both migrate; empty when BEGIN already excludes writers.
  const char* migration_lock;
  // The database server's clock in epoch millis: leases are measured on it,
  // so that nodes with skewed clocks agree on when a lease expires.
  const char* now_millis;
  // Appended to the inner SELECT that picks jobs to lease: rows that another
  // node is leasing right now are passed over instead of waited for.
  const char* skip_locked;
  // Other processes may write the same database at the same time, so the
  // engine may keep no copy of committed state it has not checked, and takes
  // jobs with leases.
  bool shared;
};

// Where a store URL points: the dialect and what SOCI connects with.
struct StoreTarget {
  const Dialect* dialect = nullptr;
  std::string connect;      // a file path (SQLite) or a libpq connection string
  std::string description;  // for messages; never holds a password
  bool in_memory = false;   // sqlite::memory:, one connection only
};

// Parses "sqlite:PATH", "sqlite::memory:", "postgresql://user@host:port/db"
// and "postgresql:" followed by a libpq connection string ("host=… dbname=…").
// A malformed URL is InvalidArgument naming what is wrong.
Result<StoreTarget> parseStoreUrl(const std::string& url);

// Opens one connection and sets it up. A reader serves queries (and, on a
// shared database, job leases); the writer runs the group transactions.
// Throws soci::soci_error (the caller is the store's exception edge).
std::unique_ptr<soci::session> connect(const StoreTarget& target, SyncMode sync, bool reader);

// A failed statement that another node's concurrent transaction caused (a
// deadlock between two writers, a key it inserted first): running the
// command again on fresh state succeeds.
bool isConcurrencyFailure(const std::exception& e);

}  // namespace wf::store
