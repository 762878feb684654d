// `hall serve`: the composition root. Opens the engine, deploys the models
// folder, loads the admin token, starts the job workers and the web server,
// and runs until SIGINT or SIGTERM, then shuts down in reverse order.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "wf/status.h"

namespace hall::app {

struct ServeOptions {
  std::string db_url = "sqlite:hall.db";
  std::optional<std::string> models_dir;  // nullopt: ./models when it exists
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::optional<std::string> assets_dir;  // the pages; default ./portal/assets when present
  // HTTPS for the hall's network: its port and address, the certificate
  // and key (with --demo and none given, a self-signed one is made beside
  // the database), and the CA of clerks' client certificates.
  std::optional<uint16_t> https_port;
  std::string https_host = "0.0.0.0";
  std::optional<std::string> tls_cert;
  std::optional<std::string> tls_key;
  std::optional<std::string> client_ca;
  // The city platforms (tools/citysim stands in for them): connectors whose
  // file names no base URL call this address.
  std::optional<std::string> city_url;
  bool demo = false;
  bool simulate = false;  // with --demo: simulated visitors and clerks keep the hall moving
  // How long a window's fingerprint reader has to answer a capture.
  std::chrono::milliseconds fingerprint_timeout{30000};
};

// Parses the words after "serve"; InvalidArgument names the bad option.
// `help` is set (and nothing else parsed) for --help.
wf::Result<ServeOptions> parseServeOptions(const std::vector<std::string>& args, bool* help);

// Returns the process exit status.
int runServe(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

inline constexpr const char* kServeUsage =
    "usage: hall serve [--db URL] [--models DIR] [--port N] [--host H] [--assets DIR]\n"
    "                  [--https-port N [--https-host H] [--tls-cert F --tls-key F] [--client-ca "
    "F]]\n"
    "                  [--city URL] [--fingerprint-timeout MS] [--demo [--simulate]]\n";

}  // namespace hall::app
