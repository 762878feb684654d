#include "portal/store/sm4_vault.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "portal/store/hex_text.h"

namespace hall::store {

namespace {

constexpr std::string_view kPrefix = "sm4:";
constexpr size_t kIvBytes = 16;
constexpr size_t kTagBytes = 16;

std::array<unsigned char, 32> hmacSm3(const unsigned char* key, size_t key_size,
                                      std::string_view data) {
  std::array<unsigned char, 32> out{};
  unsigned int size = 0;
  HMAC(EVP_sm3(), key, static_cast<int>(key_size),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(), &size);
  return out;
}

// SM4-CTR is its own inverse: the same call encrypts and decrypts.
std::string sm4Ctr(const std::array<unsigned char, 16>& key, const unsigned char* iv,
                   std::string_view in) {
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                      &EVP_CIPHER_CTX_free);
  std::string out(in.size(), '\0');
  int written = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_sm4_ctr(), nullptr, key.data(), iv) != 1 ||
      EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &written,
                        reinterpret_cast<const unsigned char*>(in.data()),
                        static_cast<int>(in.size())) != 1) {
    throw std::runtime_error("SM4 is not available in this OpenSSL");
  }
  return out;
}

}  // namespace

wf::Result<Sm4Vault> Sm4Vault::fromSecret(std::string_view master_secret) {
  if (master_secret.size() < 16) {
    return wf::Status::invalid("data key: expected at least 16 characters of secret");
  }
  const auto* key = reinterpret_cast<const unsigned char*>(master_secret.data());
  Sm4Vault vault;
  const auto cipher = hmacSm3(key, master_secret.size(), "hall seal key");
  std::copy_n(cipher.begin(), vault.cipher_key_.size(), vault.cipher_key_.begin());
  vault.mac_key_ = hmacSm3(key, master_secret.size(), "hall seal mac");
  vault.digest_key_ = hmacSm3(key, master_secret.size(), "hall holder digest");
  return vault;
}

std::string Sm4Vault::seal(std::string_view plain) const {
  std::array<unsigned char, kIvBytes> iv{};
  if (RAND_bytes(iv.data(), static_cast<int>(iv.size())) != 1) {
    throw std::runtime_error("the random generator failed");
  }
  std::string body(reinterpret_cast<const char*>(iv.data()), iv.size());
  body += sm4Ctr(cipher_key_, iv.data(), plain);
  const auto tag = hmacSm3(mac_key_.data(), mac_key_.size(), body);
  body.append(reinterpret_cast<const char*>(tag.data()), kTagBytes);
  return std::string(kPrefix) +
         toHex(reinterpret_cast<const unsigned char*>(body.data()), body.size());
}

wf::Result<std::string> Sm4Vault::open(std::string_view sealed) const {
  std::string body;
  if (sealed.substr(0, kPrefix.size()) != kPrefix ||
      !fromHex(sealed.substr(kPrefix.size()), &body) || body.size() < kIvBytes + kTagBytes) {
    return wf::Status::invalid("sealed data: not a sealed value");
  }
  const std::string_view signed_part(body.data(), body.size() - kTagBytes);
  const auto tag = hmacSm3(mac_key_.data(), mac_key_.size(), signed_part);
  if (CRYPTO_memcmp(tag.data(), body.data() + signed_part.size(), kTagBytes) != 0) {
    return wf::Status::invalid("sealed data: altered, or sealed under another key");
  }
  return sm4Ctr(cipher_key_, reinterpret_cast<const unsigned char*>(body.data()),
                signed_part.substr(kIvBytes));
}

std::string Sm4Vault::digest(std::string_view plain) const {
  const auto mac = hmacSm3(digest_key_.data(), digest_key_.size(), plain);
  return toHex(mac.data(), mac.size());
}

std::string Sm4Vault::randomToken() const {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("the random generator failed");
  }
  return toHex(bytes.data(), bytes.size());
}

}  // namespace hall::store
