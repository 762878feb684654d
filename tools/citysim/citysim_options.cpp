#include "tools/citysim/citysim_options.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "tools/cli/option_reader.h"

namespace hall::citysim {

wf::Result<CitysimOptions> parseCitysimOptions(const std::vector<std::string>& args) {
  CitysimOptions o;
  hall::cli::OptionReader reader(args);
  while (reader.next()) {
    if (reader.flag("--help") || reader.flag("-h")) {
      o.help = true;
      return o;
    }
    if (reader.flag("--quiet")) {
      o.quiet = true;
    } else if (reader.is("--host")) {
      ASSIGN_OR_RETURN(o.host, reader.value());
      if (o.host.empty()) return wf::Status::invalid("--host: expected a host name or address");
    } else if (reader.is("--port")) {
      ASSIGN_OR_RETURN(const std::string text, reader.value());
      int port = -1;
      const char* end = text.data() + text.size();
      const auto [ptr, ec] = std::from_chars(text.data(), end, port);
      if (ec != std::errc() || ptr != end || port < 0 || port > 65535) {
        return wf::Status::invalid("--port: expected a port from 0 to 65535, got \"" + text + "\"");
      }
      o.port = port;
    } else if (reader.is("--key-file")) {
      ASSIGN_OR_RETURN(o.key_file, reader.value());
    } else if (reader.is("--app")) {
      ASSIGN_OR_RETURN(o.app, reader.value());
      if (o.app.empty()) return wf::Status::invalid("--app: expected an application key");
    } else if (reader.is("--hall")) {
      ASSIGN_OR_RETURN(o.hall_url, reader.value());
      if (o.hall_url->rfind("http://", 0) != 0 && o.hall_url->rfind("https://", 0) != 0) {
        return wf::Status::invalid("--hall: expected the hall's URL, http://HOST:PORT");
      }
    } else if (reader.is("--callback-sm2-key")) {
      ASSIGN_OR_RETURN(o.callback_sm2_key_file, reader.value());
    } else if (reader.is("--express-step-ms")) {
      ASSIGN_OR_RETURN(const std::string text, reader.value());
      int ms = -1;
      const char* end = text.data() + text.size();
      const auto [ptr, ec] = std::from_chars(text.data(), end, ms);
      if (ec != std::errc() || ptr != end || ms < 0 || ms > 86'400'000) {
        return wf::Status::invalid("--express-step-ms: expected milliseconds from 0 to 86400000");
      }
      o.express_step_ms = ms;
    } else {
      return reader.unknown();
    }
  }
  return o;
}

wf::Result<std::string> sharedKey(const CitysimOptions& options,
                                  const std::optional<std::string>& env_key) {
  std::string key;
  if (options.key_file) {
    std::ifstream in(*options.key_file, std::ios::binary);
    if (!in) return wf::Status::invalid("--key-file: cannot read " + *options.key_file);
    std::ostringstream text;
    text << in.rdbuf();
    key = text.str();
    if (!key.empty() && key.back() == '\n') key.pop_back();
    if (!key.empty() && key.back() == '\r') key.pop_back();
    if (key.empty()) return wf::Status::invalid("--key-file: " + *options.key_file + " is empty");
    return key;
  }
  if (!env_key || env_key->empty()) {
    return wf::Status::invalid("no shared key: give --key-file FILE or set CITYSIM_KEY");
  }
  return *env_key;
}

wf::Result<std::optional<connectors::Sm2Key>> callbackSm2Key(
    const CitysimOptions& options, const std::optional<std::string>& env_pem) {
  std::string pem;
  std::string origin;
  if (options.callback_sm2_key_file) {
    origin = "--callback-sm2-key " + *options.callback_sm2_key_file;
    std::ifstream in(*options.callback_sm2_key_file, std::ios::binary);
    if (!in) return wf::Status::invalid(origin + ": cannot read the file");
    std::ostringstream text;
    text << in.rdbuf();
    pem = text.str();
  } else if (env_pem && !env_pem->empty()) {
    origin = "CITYSIM_CALLBACK_SM2_KEY";
    pem = *env_pem;
    for (size_t at = pem.find("\\n"); at != std::string::npos; at = pem.find("\\n", at + 1)) {
      pem.replace(at, 2, "\n");
    }
  } else {
    return std::optional<connectors::Sm2Key>();
  }
  ASSIGN_OR_RETURN(connectors::Sm2Key key, connectors::Sm2Key::fromPem(pem, origin));
  if (!key.hasPrivateKey()) {
    return wf::Status::invalid(origin + ": a public key; the callbacks need the private key");
  }
  return std::optional<connectors::Sm2Key>(std::move(key));
}

}  // namespace hall::citysim
