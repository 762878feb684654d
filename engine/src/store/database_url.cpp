#include "wf/database_url.h"

#include "store/dialect.h"

namespace wf {

Result<DatabaseTarget> parseDatabaseUrl(const std::string& url) {
  ASSIGN_OR_RETURN(store::StoreTarget target, store::parseStoreUrl(url));
  return DatabaseTarget{target.dialect->name, target.connect, target.description, target.in_memory};
}

}  // namespace wf
