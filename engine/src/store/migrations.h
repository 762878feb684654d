// Numbered schema migrations. Each runs once, in order, inside a
// transaction, and is recorded in schema_migrations. Never edit a migration
// that has shipped: add the next number. The statements are the SQL that
// SQLite and PostgreSQL both accept (BIGINT for epoch millis, partial
// indexes); what differs lives in the Dialect.
#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

#include "store/dialect.h"

namespace wf::store {

struct Migration {
  int version;
  std::vector<std::string> statements;
};

const std::vector<Migration>& migrations();

// Applies the migrations the database lacks. Throws soci::soci_error.
void migrate(soci::session& s, const Dialect& dialect);

}  // namespace wf::store
