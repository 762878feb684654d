#include "support/sql_session.h"

#include <soci/soci.h>

#include <stdexcept>

#include "store/dialect.h"

namespace hall::test {

std::unique_ptr<soci::session> sqlSession(const std::string& db_url) {
  const wf::Result<wf::store::StoreTarget> target = wf::store::parseStoreUrl(db_url);
  if (!target.ok()) throw std::runtime_error(target.status().toString());
  return wf::store::connect(target.value(), wf::SyncMode::Full, false);
}

}  // namespace hall::test
