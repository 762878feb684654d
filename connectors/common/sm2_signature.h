// Sm2Key: SM2 signatures as the city contract writes them for platforms
// that sign with certificates (tools/citysim/README.md, "SM2 callbacks"):
// SM2 with the SM3 digest and the default distinguishing id
// "1234567812345678" (GB/T 32918.2, GM/T 0009), the signature DER-encoded
// and written as base64 (with padding, no line breaks).
//
// The hall holds the platform's public key (a PEM SubjectPublicKeyInfo or an
// X.509 certificate holding one) and verifies; the simulator holds the
// private key and signs.
//
// Immutable after load; copies share the key. sign and verify are const and
// safe from many threads (each call uses its own OpenSSL contexts).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "wf/status.h"

using EVP_PKEY = struct evp_pkey_st;

namespace connectors {

class Sm2Key {
 public:
  static constexpr std::string_view kDistinguishingId = "1234567812345678";

  // The SM2 key in `pem`: a private key, a public key, or a certificate.
  // `origin` names where it came from in messages. InvalidArgument when
  // the text is none of those or the key is not SM2.
  static wf::Result<Sm2Key> fromPem(std::string_view pem, const std::string& origin);
  // A fresh key pair in memory (tests, tools).
  static wf::Result<Sm2Key> generate();

  bool hasPrivateKey() const { return has_private_; }
  // The base64 of the DER signature of `data`; requires hasPrivateKey().
  std::string sign(std::string_view data) const;
  // Whether `signature` (base64 DER) is this key's signature of `data`;
  // false for anything else, malformed base64 included.
  bool verify(std::string_view data, std::string_view signature) const;

  // PEM texts of the key (the private one requires hasPrivateKey()).
  std::string publicKeyPem() const;
  std::string privateKeyPem() const;

 private:
  Sm2Key(std::shared_ptr<EVP_PKEY> key, bool has_private)
      : key_(std::move(key)), has_private_(has_private) {}

  std::shared_ptr<EVP_PKEY> key_;
  bool has_private_ = false;
};

}  // namespace connectors
