// HmacSm3TemplateDigest: the keyed digest the hall keeps of an enrolled
// fingerprint template — hex(HMAC-SM3(key, template bytes)), through
// OpenSSL's EVP_MAC "HMAC" with digest "SM3". The key derives from the
// hall's data secret (HALL_DATA_KEY or data.key, as the vault's keys do)
// under a label of its own, so it is never in the repository, never the
// vault's keys, and the digests mean nothing without the secret.
//
// Thread-safety: immutable after construction; safe from any thread.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "portal/domain/fingerprint_check.h"
#include "wf/status.h"

namespace hall::store {

class HmacSm3TemplateDigest final : public hall::domain::TemplateDigest {
 public:
  // InvalidArgument when the secret is shorter than 16 bytes.
  static wf::Result<HmacSm3TemplateDigest> fromSecret(std::string_view master_secret);

  // 64 lower-case hex digits; InvalidArgument naming `template` when the
  // text is not base64.
  wf::Result<std::string> digest(std::string_view template_base64) const override;

 private:
  HmacSm3TemplateDigest() = default;

  std::array<unsigned char, 32> key_{};
};

// HMAC-SM3 of `data` under `key` (EVP_MAC); throws std::runtime_error when
// OpenSSL cannot (no SM3 in this build).
std::array<unsigned char, 32> hmacSm3(std::string_view key, std::string_view data);

}  // namespace hall::store
