// The command line of hall-citysim (README.md in this folder), parsed, and
// the shared key it names.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wf/status.h"

namespace hall::citysim {

inline constexpr const char* kCitysimUsage =
    "usage: hall-citysim [--host HOST] [--port PORT] [--key-file FILE] [--app APP_KEY] [--hall "
    "URL]\n"
    "       [--quiet]\n"
    "       (the shared key from --key-file or the environment variable CITYSIM_KEY)\n";

struct CitysimOptions {
  std::string host = "127.0.0.1";
  int port = 8091;
  std::optional<std::string> key_file;  // else CITYSIM_KEY
  std::string app = "hall-changning";
  std::optional<std::string> hall_url;  // where platforms' callbacks go (http://host:port)
  int express_step_ms = 0;              // > 0: waybills move on by themselves
  bool quiet = false;                   // no line per request on stderr
  bool help = false;
};

// InvalidArgument naming the option when an argument is wrong.
wf::Result<CitysimOptions> parseCitysimOptions(const std::vector<std::string>& args);

// The shared key: the content of --key-file without its trailing newline
// ("\n" or "\r\n"), or else `env_key` (CITYSIM_KEY). InvalidArgument when
// there is none, it is empty, or the file cannot be read.
wf::Result<std::string> sharedKey(const CitysimOptions& options,
                                  const std::optional<std::string>& env_key);

}  // namespace hall::citysim
