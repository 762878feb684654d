// How `hall serve` checks a platform's signed callbacks, from its connector
// file's <callback>: HMAC-SM3 with the platform's shared key (the default),
// or SM2 with the platform's public key for platforms that use certificates
// (scheme="sm2"): the PEM text of the variable publicKeyEnv names when it is
// set (a one-line value may write its line breaks as "\n"), else the file
// publicKey names beside the database. The file is never created — the
// operator puts the platform's public key or certificate there.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "connectors/common/callback_verifier.h"
#include "connectors/common/platform_config.h"
#include "wf/status.h"

namespace hall::app {

// `shared_key` gives the platform's HMAC key (only asked for HMAC-SM3).
// InvalidArgument naming the file or variable when the key is not SM2;
// Unavailable when the file cannot be read.
wf::Result<std::shared_ptr<const connectors::SignatureCheck>> callbackCheckOf(
    const connectors::PlatformConfig& config, const std::string& db_url,
    const std::function<wf::Result<std::string>()>& shared_key);

}  // namespace hall::app
