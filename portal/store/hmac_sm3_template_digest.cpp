#include "portal/store/hmac_sm3_template_digest.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>
#include <stdexcept>

#include "portal/store/hex_text.h"

namespace hall::store {

namespace {

constexpr std::string_view kKeyLabel = "hall fingerprint template digest";

// Standard base64 to bytes; false when the text is not base64.
bool decodeBase64(std::string_view text, std::string* out) {
  if (text.empty() || text.size() % 4 != 0) return false;
  std::string bytes(text.size() / 4 * 3, '\0');
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                      reinterpret_cast<const unsigned char*>(text.data()),
                                      static_cast<int>(text.size()));
  if (written < 0) return false;
  // EVP_DecodeBlock keeps the bytes the padding stands for; drop them.
  size_t padding = 0;
  if (text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  bytes.resize(static_cast<size_t>(written) - padding);
  *out = std::move(bytes);
  return true;
}

}  // namespace

std::array<unsigned char, 32> hmacSm3(std::string_view key, std::string_view data) {
  std::unique_ptr<EVP_MAC, decltype(&EVP_MAC_free)> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr),
                                                        &EVP_MAC_free);
  if (!mac) throw std::runtime_error("OpenSSL has no HMAC");
  std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> ctx(EVP_MAC_CTX_new(mac.get()),
                                                                &EVP_MAC_CTX_free);
  char digest_name[] = "SM3";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
      OSSL_PARAM_construct_end()};
  std::array<unsigned char, 32> out{};
  size_t size = 0;
  if (!ctx ||
      EVP_MAC_init(ctx.get(), reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                   params) != 1 ||
      EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(data.data()), data.size()) !=
          1 ||
      EVP_MAC_final(ctx.get(), out.data(), &size, out.size()) != 1 || size != out.size()) {
    throw std::runtime_error("HMAC-SM3 failed");
  }
  return out;
}

wf::Result<HmacSm3TemplateDigest> HmacSm3TemplateDigest::fromSecret(
    std::string_view master_secret) {
  if (master_secret.size() < 16) {
    return wf::Status::invalid("data key: expected at least 16 characters of secret");
  }
  HmacSm3TemplateDigest digest;
  try {
    digest.key_ = hmacSm3(master_secret, kKeyLabel);
  } catch (const std::exception& e) {
    return wf::Status::internal(std::string("fingerprint digest: ") + e.what());
  }
  return digest;
}

wf::Result<std::string> HmacSm3TemplateDigest::digest(std::string_view template_base64) const {
  std::string bytes;
  if (!decodeBase64(template_base64, &bytes)) {
    return wf::Status::invalid("template: expected base64",
                               wf::Value(wf::Object{{"field", wf::Value("template")}}));
  }
  try {
    const auto mac =
        hmacSm3(std::string_view(reinterpret_cast<const char*>(key_.data()), key_.size()), bytes);
    return toHex(mac.data(), mac.size());
  } catch (const std::exception& e) {
    return wf::Status::internal(std::string("fingerprint digest: ") + e.what());
  }
}

}  // namespace hall::store
