#include "store/dialect.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <cstring>
#include <string_view>

namespace wf::store {

namespace {

const Dialect kSqlite = {
    "sqlite", "BEGIN IMMEDIATE", "", "CAST(strftime('%s','now') AS INTEGER) * 1000", "", false,
};

const Dialect kPostgresql = {
    "postgresql",
    "BEGIN",
    // Any constant names the lock; this one is "hall" in ASCII.
    "SELECT pg_advisory_xact_lock(1751215212)",
    "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)",
    " FOR UPDATE SKIP LOCKED",
    true,
};

constexpr std::string_view kSqliteScheme = "sqlite:";
constexpr std::string_view kPostgresqlScheme = "postgresql:";

// A URL as messages show it: a password (URI user info, or a password=
// keyword) is replaced by "***".
std::string redacted(const std::string& url) {
  std::string out = url;
  if (const size_t scheme = out.find("://"); scheme != std::string::npos) {
    const size_t at = out.find('@', scheme);
    const size_t colon = out.find(':', scheme + 3);
    if (at != std::string::npos && colon != std::string::npos && colon < at) {
      out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  if (const size_t key = out.find("password="); key != std::string::npos) {
    const size_t value = key + std::strlen("password=");
    out.replace(value,
                out.find(' ', value) == std::string::npos ? std::string::npos
                                                          : out.find(' ', value) - value,
                "***");
  }
  return out;
}

// A libpq value in keyword=value form: quoted when it holds a space, a
// quote or a backslash.
std::string conninfoValue(const char* value) {
  const std::string v = value;
  if (!v.empty() && v.find_first_of(" '\\") == std::string::npos) return v;
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// Checks a libpq connection string (URI or keyword=value) and fills the
// target with it in keyword=value form: SOCI reads its own options out of
// the string and would mangle a URI. The description shows host, port,
// database and user, never the password.
Status parsePostgresql(const std::string& url, StoreTarget& t) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(t.connect.c_str(), &error);
  if (options == nullptr) {
    std::string why = error != nullptr ? error : "out of memory";
    if (error != nullptr) PQfreemem(error);
    while (!why.empty() && why.back() == '\n') why.pop_back();
    return Status::invalid("database url '" + redacted(url) +
                           "' is not a PostgreSQL connection string: " + why);
  }
  std::string connect;
  std::string shown;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    connect += (connect.empty() ? "" : " ") + std::string(o->keyword) + "=" + conninfoValue(o->val);
    for (const char* visible : {"host", "hostaddr", "port", "dbname", "user"}) {
      if (std::strcmp(o->keyword, visible) == 0) {
        shown += (shown.empty() ? "" : " ") + std::string(visible) + "=" + o->val;
      }
    }
  }
  PQconninfoFree(options);
  t.connect = connect;
  t.description = "postgresql " + (shown.empty() ? std::string("(libpq defaults)") : shown);
  return Status::ok();
}

const char* sqliteSync(SyncMode sync) {
  switch (sync) {
    case SyncMode::Full:
      return "PRAGMA synchronous=FULL";
    case SyncMode::Normal:
      return "PRAGMA synchronous=NORMAL";
    case SyncMode::Off:
      return "PRAGMA synchronous=OFF";
  }
  return "PRAGMA synchronous=FULL";
}

// SQLite keeps memory statistics under a global mutex on every allocation by
// default; the engine does not read them, and with one writer and several
// readers on their own connections that mutex is the hottest lock there is.
void configureSqliteOnce() {
  static const bool kDone = [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)kDone;
}

std::unique_ptr<soci::session> connectSqlite(const StoreTarget& t, SyncMode sync, bool reader) {
  configureSqliteOnce();
  auto s = std::make_unique<soci::session>(
      soci::sqlite3, "db=\"" + t.connect + "\" timeout=30 shared_cache=false");
  if (!t.in_memory) *s << "PRAGMA journal_mode=WAL";
  *s << sqliteSync(sync);
  *s << "PRAGMA foreign_keys=OFF";
  *s << "PRAGMA cache_size=-65536";  // 64 MiB of page cache per connection
  if (reader) *s << "PRAGMA query_only=ON";
  return s;
}

std::unique_ptr<soci::session> connectPostgresql(const StoreTarget& t, SyncMode sync, bool reader) {
  auto s = std::make_unique<soci::session>(soci::postgresql, t.connect);
  // Readers write only job leases. A lease lost in a server crash only lets
  // another node run the job again, which at-least-once delivery allows, so
  // their commits need not wait for the disk.
  const bool durable = sync == SyncMode::Full && !reader;
  *s << (durable ? "SET synchronous_commit = on" : "SET synchronous_commit = off");
  *s << "SET client_min_messages = warning";  // no NOTICEs on IF NOT EXISTS
  return s;
}

}  // namespace

Result<StoreTarget> parseStoreUrl(const std::string& url) {
  StoreTarget t;
  if (url.rfind(kSqliteScheme, 0) == 0) {
    t.dialect = &kSqlite;
    t.connect = url.substr(kSqliteScheme.size());
    if (t.connect.empty()) return Status::invalid("database url '" + url + "' names no file");
    t.in_memory = t.connect == ":memory:";
    t.description = "sqlite " + t.connect;
    return t;
  }
  if (url.rfind(kPostgresqlScheme, 0) == 0) {
    t.dialect = &kPostgresql;
    // libpq reads the URI form itself; after "postgresql:" without "//"
    // comes a keyword=value connection string.
    t.connect = url.rfind("postgresql://", 0) == 0 ? url : url.substr(kPostgresqlScheme.size());
    if (t.connect.empty()) {
      return Status::invalid("database url '" + redacted(url) + "' names no server (expected " +
                             "postgresql://USER@HOST:PORT/DB or postgresql:host=… dbname=…)");
    }
    RETURN_IF_ERROR(parsePostgresql(url, t));
    return t;
  }
  return Status::invalid("unsupported database url '" + redacted(url) +
                         "' (expected sqlite:PATH, sqlite::memory: or "
                         "postgresql://USER@HOST:PORT/DB)");
}

std::unique_ptr<soci::session> connect(const StoreTarget& target, SyncMode sync, bool reader) {
  if (target.dialect == &kPostgresql) return connectPostgresql(target, sync, reader);
  return connectSqlite(target, sync, reader);
}

bool isConcurrencyFailure(const std::exception& e) {
  const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e);
  if (pg == nullptr) return false;
  const std::string state = pg->sqlstate();
  // Deadlock detected, serialization failure, and a unique key that another
  // node inserted first (the same new definition version, the same history
  // record of an instance).
  return state == "40P01" || state == "40001" || state == "23505";
}

}  // namespace wf::store
