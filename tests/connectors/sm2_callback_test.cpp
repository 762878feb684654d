// SM2-signed callbacks (platforms that use certificates): a key pair made
// here with OpenSSL (no key file in the repository), the hall holding only
// the public key — as a PEM public key or inside a certificate. A signed
// callback passes once; a wrong key, a tampered body or target, a replayed
// nonce or an HMAC signature are refused, and a refused one burns no nonce.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <map>
#include <set>

#include "connectors/common/callback_verifier.h"
#include "connectors/common/request_signer.h"
#include "connectors/common/sm2_signature.h"

namespace connectors {
namespace {

constexpr int64_t kNow = 1'764'403'200'000;

class MemoryNonces final : public NonceBook {
 public:
  wf::Result<bool> remember(const std::string& platform, const std::string& nonce,
                            int64_t) override {
    return seen_.insert(platform + "/" + nonce).second;
  }
  size_t size() const { return seen_.size(); }

 private:
  std::set<std::string> seen_;
};

Sm2Key freshKey() {
  wf::Result<Sm2Key> key = Sm2Key::generate();
  EXPECT_TRUE(key.ok()) << key.status().toString();
  return *key;
}

// The platform's public key as the hall holds it.
Sm2Key publicOnly(const Sm2Key& key) {
  wf::Result<Sm2Key> pub = Sm2Key::fromPem(key.publicKeyPem(), "test");
  EXPECT_TRUE(pub.ok()) << pub.status().toString();
  return *pub;
}

// A self-signed certificate (SM2 with SM3) holding `key`'s public key.
std::string certificateOf(const Sm2Key& key) {
  const std::string pem = key.privateKeyPem();
  BIO* in = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(in, nullptr, nullptr, nullptr);
  BIO_free(in);
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("city-express"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509_set_pubkey(cert, pkey);
  EXPECT_GT(X509_sign(cert, pkey, EVP_sm3()), 0);
  BIO* out = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(out, cert);
  char* data = nullptr;
  const long n = BIO_get_mem_data(out, &data);
  std::string text(data, static_cast<size_t>(n));
  BIO_free(out);
  X509_free(cert);
  EVP_PKEY_free(pkey);
  return text;
}

// A delivery callback signed with `key` as the simulator signs it.
SignedRequest signedCallback(const Sm2Key& key, const std::string& body) {
  SignedRequest r{"POST",
                  "/api/v1/callbacks/express",
                  body,
                  "city-express",
                  std::to_string(kNow),
                  randomNonce(),
                  ""};
  r.signature = key.sign(stringToSign(r.method, r.target, r.timestamp, r.nonce, r.body));
  return r;
}

std::string reasonOf(const wf::Status& s) {
  const wf::Value* reason = s.details().find("reason");
  return reason != nullptr && reason->isString() ? reason->asString() : s.toString();
}

wf::Status verify(const SignedRequest& r, const Sm2Key& key, NonceBook& nonces) {
  return verifySignedRequest(r, "express", "city-express", Sm2SignatureCheck(key), nonces, kNow);
}

TEST(Sm2Callback, ASignatureVerifiesWithThePublicKeyOnly) {
  const Sm2Key key = freshKey();
  const Sm2Key pub = publicOnly(key);
  EXPECT_TRUE(key.hasPrivateKey());
  EXPECT_FALSE(pub.hasPrivateKey());
  const std::string signature = key.sign("data");
  EXPECT_NE(signature, key.sign("data")) << "SM2 is randomised";
  EXPECT_TRUE(pub.verify("data", signature));
  EXPECT_FALSE(pub.verify("date", signature));
  EXPECT_FALSE(pub.verify("data", "not base64!"));
  EXPECT_FALSE(pub.verify("data", ""));
}

TEST(Sm2Callback, ACertificateHoldsThePublicKey) {
  const Sm2Key key = freshKey();
  wf::Result<Sm2Key> from_cert = Sm2Key::fromPem(certificateOf(key), "express-callback.pem");
  ASSERT_TRUE(from_cert.ok()) << from_cert.status().toString();
  EXPECT_FALSE(from_cert->hasPrivateKey());
  EXPECT_TRUE(from_cert->verify("data", key.sign("data")));
}

TEST(Sm2Callback, WhatIsNotAnSm2KeyIsRefusedNamingItsOrigin) {
  const wf::Result<Sm2Key> garbage = Sm2Key::fromPem("hello", "express-callback.pem");
  ASSERT_FALSE(garbage.ok());
  EXPECT_NE(garbage.status().message().find("express-callback.pem"), std::string::npos);

  EVP_PKEY* ec = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  ASSERT_NE(ec, nullptr);
  BIO* out = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(out, ec);
  char* data = nullptr;
  const long n = BIO_get_mem_data(out, &data);
  const std::string pem(data, static_cast<size_t>(n));
  BIO_free(out);
  EVP_PKEY_free(ec);
  const wf::Result<Sm2Key> p256 = Sm2Key::fromPem(pem, "X_PEM");
  ASSERT_FALSE(p256.ok());
  EXPECT_NE(p256.status().message().find("not SM2"), std::string::npos) << p256.status().message();
}

TEST(Sm2Callback, ASignedCallbackPassesOnceAndItsReplayIsRefused) {
  const Sm2Key key = freshKey();
  const Sm2Key pub = publicOnly(key);
  MemoryNonces nonces;
  const SignedRequest r = signedCallback(key, R"({"event":"delivered"})");
  EXPECT_TRUE(verify(r, pub, nonces).isOk()) << verify(r, pub, nonces).toString();
  const wf::Status replay = verify(r, pub, nonces);
  EXPECT_EQ(replay.code(), wf::StatusCode::Unauthenticated);
  EXPECT_EQ(reasonOf(replay), "NONCE_REPLAYED");
}

TEST(Sm2Callback, AWrongKeyOrATamperedRequestIsRefusedAndBurnsNoNonce) {
  const Sm2Key key = freshKey();
  const Sm2Key pub = publicOnly(key);
  const Sm2Key other = freshKey();
  MemoryNonces nonces;

  const SignedRequest by_other = signedCallback(other, R"({"event":"delivered"})");
  EXPECT_EQ(reasonOf(verify(by_other, pub, nonces)), "SIGNATURE_INVALID");

  SignedRequest tampered = signedCallback(key, R"({"event":"collected"})");
  tampered.body = R"({"event":"delivered"})";
  EXPECT_EQ(reasonOf(verify(tampered, pub, nonces)), "SIGNATURE_INVALID");

  SignedRequest retargeted = signedCallback(key, "{}");
  retargeted.target = "/api/v1/callbacks/elicense";
  EXPECT_EQ(reasonOf(verify(retargeted, pub, nonces)), "SIGNATURE_INVALID");

  SignedRequest hmac = signedCallback(key, "{}");
  hmac.signature = hmacSm3Hex(
      "shared", stringToSign(hmac.method, hmac.target, hmac.timestamp, hmac.nonce, "{}"));
  EXPECT_EQ(reasonOf(verify(hmac, pub, nonces)), "SIGNATURE_INVALID");

  SignedRequest missing = signedCallback(key, "{}");
  missing.signature.clear();
  EXPECT_EQ(reasonOf(verify(missing, pub, nonces)), "SIGNATURE_MISSING");

  SignedRequest stale = signedCallback(key, "{}");
  stale.timestamp = std::to_string(kNow - kTimestampWindowMs - 1);
  stale.signature =
      key.sign(stringToSign(stale.method, stale.target, stale.timestamp, stale.nonce, "{}"));
  EXPECT_EQ(reasonOf(verify(stale, pub, nonces)), "TIMESTAMP_EXPIRED");

  EXPECT_EQ(nonces.size(), 0u) << "nothing refused is remembered";
  // The untampered original still passes: its nonce was not burnt.
  tampered.body = R"({"event":"collected"})";
  EXPECT_TRUE(verify(tampered, pub, nonces).isOk());
}

TEST(Sm2Callback, TheHmacSchemeIsUnchanged) {
  MemoryNonces nonces;
  SignedRequest r{"POST",
                  "/api/v1/callbacks/express",
                  "{}",
                  "city-express",
                  std::to_string(kNow),
                  randomNonce(),
                  ""};
  r.signature = hmacSm3Hex("shared", stringToSign(r.method, r.target, r.timestamp, r.nonce, "{}"));
  EXPECT_EQ(reasonOf(verifySignedRequest(r, "express", "city-express", "other", nonces, kNow)),
            "SIGNATURE_INVALID");
  EXPECT_TRUE(verifySignedRequest(r, "express", "city-express", "shared", nonces, kNow).isOk());
}

}  // namespace
}  // namespace connectors
