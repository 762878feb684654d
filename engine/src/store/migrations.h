// Numbered schema migrations. Each runs once, in order, inside a
// transaction, and is recorded in schema_migrations. Never edit a migration
// that has shipped: add the next number.
#pragma once

#include <string>
#include <vector>

namespace wf::store {

struct Migration {
  int version;
  std::vector<std::string> statements;
};

const std::vector<Migration>& migrations();

}  // namespace wf::store
