#include "portal/app/hall_vault.h"

#include <cstdlib>

#include "portal/web/secret_file.h"

namespace hall::app {

std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::optional<std::string>(value) : std::nullopt;
}

wf::Result<std::string> hallDataKey(const std::string& db_url) {
  ASSIGN_OR_RETURN(portal::web::SecretFile data_key,
                   portal::web::SecretFile::load(environment("HALL_DATA_KEY"),
                                                 portal::web::SecretFile::dirForDatabase(db_url),
                                                 "data.key", "data key"));
  return data_key.value;
}

wf::Result<std::unique_ptr<hall::store::Sm4Vault>> openHallVault(const std::string& db_url) {
  ASSIGN_OR_RETURN(const std::string data_key, hallDataKey(db_url));
  ASSIGN_OR_RETURN(hall::store::Sm4Vault vault, hall::store::Sm4Vault::fromSecret(data_key));
  return std::make_unique<hall::store::Sm4Vault>(std::move(vault));
}

}  // namespace hall::app
