#include "connectors/common/platform_config.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include "connectors/common/connector_files.h"
#include "wf/xml_document.h"

namespace connectors {

namespace {

using wf::Diagnostic;
using wf::Severity;
using wf::xml::XmlDocument;

class Reader {
 public:
  Reader(std::string file, const XmlDocument& doc) : file_(std::move(file)), doc_(doc) {}

  void error(pugi::xml_node node, pugi::xml_attribute attr, std::string message) {
    const wf::SourceLocation loc = attr ? doc_.locationOf(node, attr) : doc_.locationOf(node);
    diagnostics_.push_back(
        Diagnostic{file_, loc.line, loc.column, Severity::Error, {}, std::move(message)});
  }

  std::string text(pugi::xml_node node, const char* name, bool required) {
    const pugi::xml_attribute attr = node.attribute(name);
    if (!attr && required) {
      error(node, {}, std::string("<") + node.name() + "> has no " + name);
    }
    return attr.as_string();
  }

  // A whole number in [low, high]; `fallback` when the attribute is absent.
  long long number(pugi::xml_node node, const char* name, long long low, long long high,
                   long long fallback) {
    const pugi::xml_attribute attr = node.attribute(name);
    if (!attr) return fallback;
    const std::string_view value = attr.as_string();
    long long parsed = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc() || end != value.data() + value.size() || parsed < low || parsed > high) {
      error(node, attr,
            std::string(name) + ": expected a whole number from " + std::to_string(low) + " to " +
                std::to_string(high) + ", got \"" + std::string(value) + "\"");
      return fallback;
    }
    return parsed;
  }

  std::chrono::milliseconds millis(pugi::xml_node node, const char* name, long long high,
                                   std::chrono::milliseconds fallback) {
    return std::chrono::milliseconds(number(node, name, 1, high, fallback.count()));
  }

  // <callback app scheme publicKey publicKeyEnv/>
  void readCallback(pugi::xml_node node, PlatformConfig& c) {
    c.callback_app = text(node, "app", true);
    const pugi::xml_attribute scheme = node.attribute("scheme");
    const std::string_view name = scheme.as_string("hmac-sm3");
    if (name == "sm2") {
      c.callback_scheme = CallbackScheme::Sm2;
    } else if (name != "hmac-sm3") {
      error(node, scheme, "scheme: expected hmac-sm3 or sm2, got \"" + std::string(name) + "\"");
    }
    c.callback_public_key_file = text(node, "publicKey", false);
    c.callback_public_key_env = text(node, "publicKeyEnv", false);
    for (const char* attr : {"publicKey", "publicKeyEnv"}) {
      if (node.attribute(attr) && name != "sm2") {
        error(node, node.attribute(attr), std::string(attr) + ": only with scheme=\"sm2\"");
      }
    }
    const std::string& file = c.callback_public_key_file;
    if (file.find("-----BEGIN") != std::string::npos || file.find('/') != std::string::npos) {
      error(node, node.attribute("publicKey"),
            "publicKey: a file name beside the database, never the key itself or a path");
    }
    if (name == "sm2" && file.empty() && c.callback_public_key_env.empty()) {
      error(node, {},
            "<callback scheme=\"sm2\"> needs publicKey (a PEM file beside the database) or "
            "publicKeyEnv");
    }
  }

  PlatformReadResult read() {
    const pugi::xml_node root = doc_.root();
    PlatformConfig c;
    if (!doc_.is(root, kConnectorNamespace, "platform")) {
      error(root, {}, std::string("expected <platform xmlns=\"") + kConnectorNamespace + "\">");
      return {std::nullopt, std::move(diagnostics_)};
    }
    c.id = text(root, "id", true);
    c.name = text(root, "name", true);
    c.path_prefix = text(root, "pathPrefix", true);
    if (!c.path_prefix.empty() && c.path_prefix.front() != '/') {
      error(root, root.attribute("pathPrefix"), "pathPrefix: must start with /");
    }
    std::set<std::string> seen;
    for (pugi::xml_node child : root.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view local = XmlDocument::localName(child);
      const bool once = local == "endpoint" || local == "retry" || local == "breaker" ||
                        local == "key" || local == "sync" || local == "sender";
      if (once && !seen.insert(std::string(local)).second) {
        error(child, {}, "<" + std::string(local) + "> given twice");
      }
      if (local == "endpoint") {
        c.base_url = text(child, "baseUrl", false);
        if (!c.base_url.empty() && c.base_url.rfind("http://", 0) != 0 &&
            c.base_url.rfind("https://", 0) != 0) {
          error(child, child.attribute("baseUrl"), "baseUrl: expected http:// or https://");
        }
        c.connect_timeout = millis(child, "connectTimeoutMs", 600000, c.connect_timeout);
        c.timeout = millis(child, "timeoutMs", 600000, c.timeout);
      } else if (local == "retry") {
        c.retry.attempts = static_cast<int>(number(child, "attempts", 1, 20, c.retry.attempts));
        c.retry.first_backoff = millis(child, "firstBackoffMs", 600000, c.retry.first_backoff);
        c.retry.max_backoff = millis(child, "maxBackoffMs", 600000, c.retry.max_backoff);
      } else if (local == "breaker") {
        c.breaker.failures =
            static_cast<int>(number(child, "failures", 1, 1000, c.breaker.failures));
        c.breaker.open_for = millis(child, "openMs", 3600000, c.breaker.open_for);
      } else if (local == "key") {
        c.app_id = text(child, "app", true);
        c.key_env = text(child, "env", false);
        c.key_file = text(child, "file", false);
        if (c.key_env.empty() && c.key_file.empty()) {
          error(child, {}, "<key> needs env or file (the key itself is never written here)");
        }
        if (child.attribute("value")) {
          error(child, child.attribute("value"), "value: a key is never kept in the models");
        }
      } else if (local == "callback") {
        readCallback(child, c);
      } else if (local == "licence") {
        LicenceType t;
        t.matter_code = text(child, "matter", true);
        t.type_code = text(child, "typeCode", true);
        t.name = text(child, "name", true);
        t.issuer = text(child, "issuer", true);
        t.valid_years = static_cast<int>(number(child, "validYears", 0, 100, 0));
        if (c.licenceFor(t.matter_code) != nullptr) {
          error(child, child.attribute("matter"), "matter: given twice: " + t.matter_code);
        }
        c.licences.push_back(std::move(t));
      } else if (local == "sync") {
        SyncPolicy sync;
        sync.hall_code = text(child, "hall", true);
        sync.fetch_every = millis(child, "fetchEveryMs", 86400000, sync.fetch_every);
        sync.push_every = millis(child, "pushEveryMs", 86400000, sync.push_every);
        sync.report_every = millis(child, "reportEveryMs", 86400000, sync.report_every);
        sync.no_show_after = millis(child, "noShowAfterMs", 86400000, sync.no_show_after);
        c.sync = std::move(sync);
      } else if (local == "sender") {
        c.sender = ParcelSender{text(child, "name", true), text(child, "address", true),
                                text(child, "phone", false)};
      } else {
        error(child, {}, "unknown element <" + std::string(local) + ">");
      }
    }
    if (!seen.count("key")) error(root, {}, "<platform> has no <key>");
    if (c.retry.first_backoff > c.retry.max_backoff) {
      error(root, {}, "retry: firstBackoffMs is more than maxBackoffMs");
    }
    if (wf::hasErrors(diagnostics_)) return {std::nullopt, std::move(diagnostics_)};
    return {std::move(c), std::move(diagnostics_)};
  }

 private:
  std::string file_;
  const XmlDocument& doc_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace

const LicenceType* PlatformConfig::licenceFor(std::string_view matter_code) const {
  for (const LicenceType& t : licences) {
    if (t.matter_code == matter_code) return &t;
  }
  return nullptr;
}

bool isConnectorDocument(std::string_view xml) {
  return XmlDocument::hasRoot(xml, kConnectorNamespace, "platform");
}

PlatformReadResult readPlatformConfig(const std::string& file, std::string_view xml) {
  XmlDocument doc;
  if (std::optional<wf::xml::XmlError> bad = doc.parse(xml)) {
    return {std::nullopt, {wf::xml::syntaxDiagnostic(file, *bad)}};
  }
  return Reader(file, doc).read();
}

wf::Result<std::map<std::string, PlatformConfig>> readPlatformConfigs(
    const std::filesystem::path& dir) {
  ASSIGN_OR_RETURN(const std::vector<ConnectorFile> files, readConnectorFiles(dir));
  std::map<std::string, PlatformConfig> out;
  std::string errors;
  for (const ConnectorFile& file : files) {
    PlatformReadResult read = readPlatformConfig(file.path.string(), file.content);
    for (const Diagnostic& d : read.diagnostics) errors += d.toString() + "\n";
    if (!read.config) continue;
    const std::string id = read.config->id;
    if (!out.emplace(id, std::move(*read.config)).second) {
      errors += file.path.string() + ": platform " + id + " is configured twice\n";
    }
  }
  if (!errors.empty()) return wf::Status::invalid("connector configuration:\n" + errors);
  return out;
}

}  // namespace connectors
