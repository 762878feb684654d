#include "connectors/common/sm2_signature.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <array>
#include <optional>
#include <vector>

namespace connectors {

namespace {

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

std::shared_ptr<EVP_PKEY> own(EVP_PKEY* key) {
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

std::string lastError() {
  const unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "no detail from OpenSSL";
  std::array<char, 256> buf{};
  ERR_error_string_n(e, buf.data(), buf.size());
  return buf.data();
}

BioPtr readBio(std::string_view pem) {
  return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

std::string bioText(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<size_t>(n)) : std::string();
}

// The key of the first PEM block of `pem` that is a private key, a public
// key or a certificate, and whether it is private; null when none is.
std::pair<EVP_PKEY*, bool> readAnyKey(std::string_view pem) {
  if (pem.find("PRIVATE KEY-----") != std::string_view::npos) {
    return {PEM_read_bio_PrivateKey(readBio(pem).get(), nullptr, nullptr, nullptr), true};
  }
  if (pem.find("-----BEGIN CERTIFICATE-----") != std::string_view::npos) {
    X509* cert = PEM_read_bio_X509(readBio(pem).get(), nullptr, nullptr, nullptr);
    if (cert == nullptr) return {nullptr, false};
    EVP_PKEY* key = X509_get_pubkey(cert);
    X509_free(cert);
    return {key, false};
  }
  return {PEM_read_bio_PUBKEY(readBio(pem).get(), nullptr, nullptr, nullptr), false};
}

std::string base64(const std::vector<unsigned char>& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool isBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// Strict base64 with padding; nullopt for anything else.
std::optional<std::vector<unsigned char>> fromBase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  const size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  for (size_t i = 0; i < text.size() - padding; ++i) {
    if (!isBase64Char(text[i])) return std::nullopt;
  }
  std::vector<unsigned char> out(text.size() / 4 * 3);
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0 || static_cast<size_t>(n) < padding) return std::nullopt;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

// A digest-sign or -verify context over SM3 with the contract's SM2 id.
MdCtxPtr sm2Context(EVP_PKEY* key, bool for_signing) {
  MdCtxPtr md(EVP_MD_CTX_new());
  if (!md) return nullptr;
  EVP_PKEY_CTX* pctx = nullptr;
  const int init =
      for_signing ? EVP_DigestSignInit_ex(md.get(), &pctx, "SM3", nullptr, nullptr, key, nullptr)
                  : EVP_DigestVerifyInit_ex(md.get(), &pctx, "SM3", nullptr, nullptr, key, nullptr);
  if (init != 1 || EVP_PKEY_CTX_set1_id(pctx, Sm2Key::kDistinguishingId.data(),
                                        Sm2Key::kDistinguishingId.size()) != 1) {
    return nullptr;
  }
  return md;
}

}  // namespace

wf::Result<Sm2Key> Sm2Key::fromPem(std::string_view pem, const std::string& origin) {
  const auto [raw, is_private] = readAnyKey(pem);
  if (raw == nullptr) {
    return wf::Status::invalid(origin + ": not a PEM SM2 key or certificate (" + lastError() + ")");
  }
  std::shared_ptr<EVP_PKEY> key = own(raw);
  if (EVP_PKEY_is_a(key.get(), "SM2") != 1) {
    return wf::Status::invalid(origin + ": the key is " + EVP_PKEY_get0_type_name(key.get()) +
                               ", not SM2");
  }
  return Sm2Key(std::move(key), is_private);
}

wf::Result<Sm2Key> Sm2Key::generate() {
  EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2");
  if (raw == nullptr) return wf::Status::unavailable("cannot generate an SM2 key: " + lastError());
  return Sm2Key(own(raw), true);
}

std::string Sm2Key::sign(std::string_view data) const {
  WF_CHECK(has_private_);
  MdCtxPtr md = sm2Context(key_.get(), true);
  WF_CHECK(md != nullptr);
  size_t length = static_cast<size_t>(EVP_PKEY_get_size(key_.get()));
  std::vector<unsigned char> signature(length);
  WF_CHECK(EVP_DigestSign(md.get(), signature.data(), &length,
                          reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1);
  signature.resize(length);
  return base64(signature);
}

bool Sm2Key::verify(std::string_view data, std::string_view signature) const {
  const std::optional<std::vector<unsigned char>> der = fromBase64(signature);
  if (!der) return false;
  MdCtxPtr md = sm2Context(key_.get(), false);
  const bool ok =
      md != nullptr &&
      EVP_DigestVerify(md.get(), der->data(), der->size(),
                       reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  ERR_clear_error();
  return ok;
}

std::string Sm2Key::publicKeyPem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  WF_CHECK(bio && PEM_write_bio_PUBKEY(bio.get(), key_.get()) == 1);
  return bioText(bio.get());
}

std::string Sm2Key::privateKeyPem() const {
  WF_CHECK(has_private_);
  BioPtr bio(BIO_new(BIO_s_mem()));
  WF_CHECK(bio && PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr,
                                           nullptr) == 1);
  return bioText(bio.get());
}

}  // namespace connectors
