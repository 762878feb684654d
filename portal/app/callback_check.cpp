#include "portal/app/callback_check.h"

#include <fstream>
#include <sstream>

#include "connectors/common/sm2_signature.h"
#include "portal/app/hall_vault.h"
#include "portal/web/secret_file.h"

namespace hall::app {

namespace {

// The PEM text and where it came from (for messages).
wf::Result<std::pair<std::string, std::string>> publicKeyPem(
    const connectors::PlatformConfig& config, const std::string& db_url) {
  if (!config.callback_public_key_env.empty()) {
    if (std::optional<std::string> pem = environment(config.callback_public_key_env.c_str());
        pem && !pem->empty()) {
      for (size_t at = pem->find("\\n"); at != std::string::npos; at = pem->find("\\n", at + 1)) {
        pem->replace(at, 2, "\n");
      }
      return std::make_pair(std::move(*pem), config.callback_public_key_env);
    }
    if (config.callback_public_key_file.empty()) {
      return wf::Status::invalid(config.id + " callbacks: " + config.callback_public_key_env +
                                 " is not set (the platform's SM2 public key, PEM)");
    }
  }
  const std::filesystem::path file =
      portal::web::SecretFile::dirForDatabase(db_url) / config.callback_public_key_file;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return wf::Status::unavailable(config.id + " callbacks: cannot read " + file.string() +
                                   " (the platform's SM2 public key or certificate, PEM)");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return std::make_pair(text.str(), file.string());
}

}  // namespace

wf::Result<std::shared_ptr<const connectors::SignatureCheck>> callbackCheckOf(
    const connectors::PlatformConfig& config, const std::string& db_url,
    const std::function<wf::Result<std::string>()>& shared_key) {
  if (config.callback_scheme == connectors::CallbackScheme::HmacSm3) {
    ASSIGN_OR_RETURN(std::string key, shared_key());
    return std::shared_ptr<const connectors::SignatureCheck>(
        std::make_shared<connectors::HmacSm3Check>(std::move(key)));
  }
  ASSIGN_OR_RETURN(const auto pem, publicKeyPem(config, db_url));
  ASSIGN_OR_RETURN(connectors::Sm2Key key, connectors::Sm2Key::fromPem(pem.first, pem.second));
  return std::shared_ptr<const connectors::SignatureCheck>(
      std::make_shared<connectors::Sm2SignatureCheck>(std::move(key)));
}

}  // namespace hall::app
