#include "portal/store/scrypt_password_hasher.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <stdexcept>
#include <vector>

#include "portal/store/hex_text.h"

namespace hall::store {

namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
constexpr uint64_t kMaxMemory = uint64_t{1} << 30;

bool derive(std::string_view password, std::string_view salt, const ScryptCost& cost,
            unsigned char* out, size_t size) {
  return EVP_PBE_scrypt(password.data(), password.size(),
                        reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), cost.n,
                        cost.r, cost.p, kMaxMemory, out, size) == 1;
}

std::vector<std::string_view> splitDollar(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t from = 0;
  while (true) {
    const size_t at = text.find('$', from);
    parts.push_back(text.substr(from, at == std::string_view::npos ? text.npos : at - from));
    if (at == std::string_view::npos) return parts;
    from = at + 1;
  }
}

bool number(std::string_view text, uint64_t* out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc() && end == text.data() + text.size() && *out > 0;
}

}  // namespace

std::string ScryptPasswordHasher::hash(std::string_view password) const {
  unsigned char salt[kSaltBytes];
  unsigned char derived[kHashBytes];
  if (RAND_bytes(salt, sizeof(salt)) != 1 ||
      !derive(password, std::string_view(reinterpret_cast<const char*>(salt), sizeof(salt)), cost_,
              derived, sizeof(derived))) {
    throw std::runtime_error("scrypt is not available in this OpenSSL");
  }
  return "scrypt$" + std::to_string(cost_.n) + "$" + std::to_string(cost_.r) + "$" +
         std::to_string(cost_.p) + "$" + toHex(salt, sizeof(salt)) + "$" +
         toHex(derived, sizeof(derived));
}

bool ScryptPasswordHasher::verify(std::string_view password, std::string_view hash) const {
  const std::vector<std::string_view> parts = splitDollar(hash);
  if (parts.size() != 6 || parts[0] != "scrypt") return false;
  ScryptCost cost;
  std::string salt;
  std::string expected;
  if (!number(parts[1], &cost.n) || !number(parts[2], &cost.r) || !number(parts[3], &cost.p) ||
      !fromHex(parts[4], &salt) || !fromHex(parts[5], &expected) || expected.empty() ||
      expected.size() > 64) {
    return false;
  }
  unsigned char derived[64];
  if (!derive(password, salt, cost, derived, expected.size())) return false;
  return CRYPTO_memcmp(derived, expected.data(), expected.size()) == 0;
}

}  // namespace hall::store
