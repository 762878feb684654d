// The command line of hall-citysim (README.md in this folder), parsed, and
// the shared key it names.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "connectors/common/sm2_signature.h"
#include "wf/status.h"

namespace hall::citysim {

inline constexpr const char* kCitysimUsage =
    "usage: hall-citysim [--host HOST] [--port PORT] [--key-file FILE] [--app APP_KEY] [--hall "
    "URL]\n"
    "       [--callback-sm2-key FILE] [--quiet]\n"
    "       (the shared key from --key-file or the environment variable CITYSIM_KEY;\n"
    "        callbacks signed with SM2 by the private key of --callback-sm2-key FILE or\n"
    "        the PEM in CITYSIM_CALLBACK_SM2_KEY, else with HMAC-SM3)\n";

struct CitysimOptions {
  std::string host = "127.0.0.1";
  int port = 8091;
  std::optional<std::string> key_file;  // else CITYSIM_KEY
  std::string app = "hall-changning";
  std::optional<std::string> hall_url;  // where platforms' callbacks go (http://host:port)
  int express_step_ms = 0;              // > 0: waybills move on by themselves
  std::optional<std::string> callback_sm2_key_file;  // else CITYSIM_CALLBACK_SM2_KEY
  bool quiet = false;                                // no line per request on stderr
  bool help = false;
};

// InvalidArgument naming the option when an argument is wrong.
wf::Result<CitysimOptions> parseCitysimOptions(const std::vector<std::string>& args);

// The shared key: the content of --key-file without its trailing newline
// ("\n" or "\r\n"), or else `env_key` (CITYSIM_KEY). InvalidArgument when
// there is none, it is empty, or the file cannot be read.
wf::Result<std::string> sharedKey(const CitysimOptions& options,
                                  const std::optional<std::string>& env_key);

// The SM2 private key the platforms sign their callbacks with: from
// --callback-sm2-key FILE, or else `env_pem` (CITYSIM_CALLBACK_SM2_KEY; a
// one-line value may write its line breaks as "\n"); nullopt when neither
// is given (callbacks signed with HMAC-SM3). InvalidArgument naming the
// option when the file cannot be read or holds no SM2 private key.
wf::Result<std::optional<connectors::Sm2Key>> callbackSm2Key(
    const CitysimOptions& options, const std::optional<std::string>& env_pem);

}  // namespace hall::citysim
