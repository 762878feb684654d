// The hall's personal-data vault as `hall serve` opens it: SM4 with the key
// from HALL_DATA_KEY, or from data.key (mode 0600, made on first start)
// beside the database — one key for the front desk and the cases. Also the
// environment lookup the app's parts share.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "portal/store/sm4_vault.h"
#include "wf/status.h"

namespace hall::app {

// The value of environment variable `name`; nullopt when unset.
std::optional<std::string> environment(const char* name);

// The hall's data secret (HALL_DATA_KEY, or data.key beside the database,
// made on first start): the master the vault's keys and the fingerprint
// digest key derive from.
wf::Result<std::string> hallDataKey(const std::string& db_url);

wf::Result<std::unique_ptr<hall::store::Sm4Vault>> openHallVault(const std::string& db_url);

}  // namespace hall::app
