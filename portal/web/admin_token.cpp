#include "portal/web/admin_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <utility>

namespace portal::web {

namespace {

// SHA-256 of the text: comparing digests of equal length hides the length
// of the real token as well as its content.
std::array<unsigned char, 32> digest(std::string_view text) {
  std::array<unsigned char, 32> out{};
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), out.data(), &size, EVP_sha256(), nullptr);
  return out;
}

}  // namespace

wf::Result<AdminToken> AdminToken::load(const std::optional<std::string>& from_env,
                                        const std::filesystem::path& dir) {
  ASSIGN_OR_RETURN(SecretFile secret, SecretFile::load(from_env, dir, kFileName, "admin token"));
  return AdminToken(std::move(secret.value), secret.source, std::move(secret.file));
}

bool AdminToken::matches(std::string_view presented) const {
  const auto expected = digest(value_);
  const auto given = digest(presented);
  return CRYPTO_memcmp(expected.data(), given.data(), expected.size()) == 0;
}

}  // namespace portal::web
