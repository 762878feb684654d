// ScryptPasswordHasher: passwords kept as scrypt hashes (OpenSSL's
// EVP_PBE_scrypt), each with its own random 16-byte salt, in the text form
// "scrypt$<N>$<r>$<p>$<salt hex>$<hash hex>" — the cost is in the text, so a
// stronger cost later still verifies the old hashes.
//
// Thread-safety: immutable; hash() and verify() may run on any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "portal/domain/accounts.h"

namespace hall::store {

struct ScryptCost {
  uint64_t n = 1u << 15;  // CPU and memory: 128 * r * N bytes (32 MiB)
  uint64_t r = 8;
  uint64_t p = 1;
};

class ScryptPasswordHasher final : public hall::domain::PasswordHasher {
 public:
  explicit ScryptPasswordHasher(ScryptCost cost = {}) : cost_(cost) {}

  std::string hash(std::string_view password) const override;
  // False for a wrong password and for a hash text that does not parse.
  bool verify(std::string_view password, std::string_view hash) const override;

 private:
  ScryptCost cost_;
};

}  // namespace hall::store
