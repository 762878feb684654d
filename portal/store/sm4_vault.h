// Sm4Vault: the PersonalDataVault of the hall. Identity and phone numbers
// are sealed with SM4 (GB/T 32907) in CTR mode under a random IV and
// authenticated with HMAC-SM3 over the IV and ciphertext (encrypt then MAC),
// so a changed byte is refused, not decrypted into a wrong number. Digests
// are HMAC-SM3 under a key of their own. All keys derive from one master
// secret (hex, from HALL_DATA_KEY or `data.key` beside the database).
//
// Thread-safety: immutable after construction; every member is safe from
// any thread.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "portal/domain/personal_data_vault.h"
#include "wf/status.h"

namespace hall::store {

class Sm4Vault final : public hall::domain::PersonalDataVault {
 public:
  // InvalidArgument when the master secret is shorter than 16 bytes.
  static wf::Result<Sm4Vault> fromSecret(std::string_view master_secret);

  std::string seal(std::string_view plain) const override;
  wf::Result<std::string> open(std::string_view sealed) const override;
  std::string digest(std::string_view plain) const override;
  std::string randomToken() const override;

 private:
  Sm4Vault() = default;

  std::array<unsigned char, 16> cipher_key_{};
  std::array<unsigned char, 32> mac_key_{};
  std::array<unsigned char, 32> digest_key_{};
};

}  // namespace hall::store
