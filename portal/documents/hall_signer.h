// HallSigner: the hall's SM2 key pair, which signs what the hall hands out
// (receipts, 受理凭证) so that anyone holding the hall's public key can tell
// a genuine document from an altered one. Signatures are SM2 with the SM3
// digest and the default distinguishing ID "1234567812345678"
// (GB/T 32918.2, GM/T 0009), DER-encoded and written as base64.
//
// The private key comes from the environment (HALL_SIGNING_KEY, PEM — every
// node of a multi-node hall then signs with one key) or from hall-sign.pem in
// the data folder, which the first start generates with mode 0600 and later
// starts reuse.
//
// Immutable after load; copies share the key. sign and verify are const and
// safe to call from many threads at once (each call uses its own OpenSSL
// contexts).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "wf/status.h"

using EVP_PKEY = struct evp_pkey_st;

namespace portal::documents {

enum class SigningKeySource { Environment, ExistingFile, NewFile };

class HallSigner {
 public:
  static constexpr std::string_view kEnvVariable = "HALL_SIGNING_KEY";
  static constexpr std::string_view kFileName = "hall-sign.pem";
  static constexpr std::string_view kDistinguishingId = "1234567812345678";

  // `pem_from_env`: HALL_SIGNING_KEY's value (nullopt or blank: unset; a
  // one-line value may write its line breaks as "\n"); `dir`: the folder of
  // hall-sign.pem. The file is created atomically (written beside, then
  // linked into place), so two servers starting together agree on one key.
  // InvalidArgument when the PEM is not an SM2 private key (naming where it
  // came from); Unavailable when the file cannot be read or written.
  static wf::Result<HallSigner> load(const std::optional<std::string>& pem_from_env,
                                     const std::filesystem::path& dir);

  // A fresh key that lives only in memory (tests, tools).
  static wf::Result<HallSigner> generate();

  // The base64 of the DER SM2 signature of `data`. Signatures of the same
  // data differ from call to call (SM2 is randomised); each verifies.
  std::string sign(std::string_view data) const;

  // True when `signature` (as sign writes it) is this key's signature of
  // `data`; false for anything else, malformed base64 included.
  bool verify(std::string_view data, std::string_view signature) const;

  // The public key as a PEM SubjectPublicKeyInfo, for verifiers elsewhere.
  const std::string& publicKeyPem() const { return public_pem_; }

  // The first 16 hex digits of the SM3 hash of the DER SubjectPublicKeyInfo:
  // names the key on documents, so a verifier knows which key to use.
  const std::string& keyId() const { return key_id_; }

  SigningKeySource source() const { return source_; }
  // hall-sign.pem when the key came from a file; empty otherwise.
  const std::filesystem::path& file() const { return file_; }

 private:
  HallSigner(std::shared_ptr<EVP_PKEY> key, SigningKeySource source, std::filesystem::path file);

  std::shared_ptr<EVP_PKEY> key_;
  SigningKeySource source_;
  std::filesystem::path file_;
  std::string public_pem_;
  std::string key_id_;
};

}  // namespace portal::documents
