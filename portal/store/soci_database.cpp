#include "portal/store/soci_database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <exception>

#include "wf/database_url.h"

namespace hall::store {

namespace {

// Runs each statement of a migration (SOCI runs one at a time).
void runScript(soci::session& sql, std::string_view script) {
  size_t from = 0;
  while (from < script.size()) {
    size_t end = script.find(';', from);
    if (end == std::string_view::npos) end = script.size();
    const std::string statement(script.substr(from, end - from));
    if (statement.find_first_not_of(" \n\t") != std::string::npos) sql << statement;
    from = end + 1;
  }
}

}  // namespace

long long rowInteger(const soci::row& r, size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<long long>(r.get<double>(i));
    default:
      return r.get<int>(i);
  }
}

wf::Status storeFailure(std::string_view what, std::string_view action, const std::exception& e) {
  return wf::Status::unavailable(std::string(what) + ": " + std::string(action) + ": " + e.what());
}

wf::Result<std::unique_ptr<soci::session>> openDatabase(const std::string& db_url,
                                                        std::string_view what) {
  ASSIGN_OR_RETURN(const wf::DatabaseTarget target, wf::parseDatabaseUrl(db_url));
  try {
    std::unique_ptr<soci::session> sql;
    if (target.kind == "sqlite") {
      sql = std::make_unique<soci::session>(
          soci::sqlite3, "db=\"" + target.connect + "\" timeout=30 shared_cache=false");
      if (!target.in_memory) *sql << "PRAGMA journal_mode=WAL";
      *sql << "PRAGMA synchronous=FULL";
    } else {
      sql = std::make_unique<soci::session>(soci::postgresql, target.connect);
    }
    return sql;
  } catch (const std::exception& e) {
    return storeFailure(what, "open " + target.description, e);
  }
}

void migrate(soci::session& sql, std::string_view schema_table,
             std::span<const std::string_view> migrations) {
  const std::string table(schema_table);
  sql << "CREATE TABLE IF NOT EXISTS " + table + " (version INTEGER NOT NULL)";
  int version = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(version) FROM " + table, soci::into(version, ind);
  if (ind != soci::i_ok) version = 0;
  for (size_t i = static_cast<size_t>(version); i < migrations.size(); ++i) {
    soci::transaction tx(sql);
    runScript(sql, migrations[i]);
    const int next = static_cast<int>(i) + 1;
    sql << "INSERT INTO " + table + " (version) VALUES (:v)", soci::use(next);
    tx.commit();
  }
}

}  // namespace hall::store
