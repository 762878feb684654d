// PersonalDataVault: seals identity and phone numbers for storage
// (encryption at rest), opens them for the clerk who needs them, and gives
// a keyed digest to recognise the same holder without keeping the number.
// The real one (SM4, HMAC-SM3) is portal/store/sm4_vault.
//
// Thread-safety: implementations are safe to use from any thread.
#pragma once

#include <string>
#include <string_view>

#include "wf/status.h"

namespace hall::domain {

class PersonalDataVault {
 public:
  virtual ~PersonalDataVault() = default;
  virtual std::string seal(std::string_view plain) const = 0;
  virtual wf::Result<std::string> open(std::string_view sealed) const = 0;
  // The same input gives the same digest; without the key it reveals nothing.
  virtual std::string digest(std::string_view plain) const = 0;
  // A random token that cannot be guessed (hex, 128 bits or more).
  virtual std::string randomToken() const = 0;
};

}  // namespace hall::domain
