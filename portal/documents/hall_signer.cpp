#include "portal/documents/hall_signer.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

namespace portal::documents {

namespace {

using PkeyPtr = std::shared_ptr<EVP_PKEY>;

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

PkeyPtr own(EVP_PKEY* key) { return PkeyPtr(key, EVP_PKEY_free); }

// The last OpenSSL error as text, and the queue emptied.
std::string opensslError() {
  const unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "no detail from OpenSSL";
  std::array<char, 256> buf{};
  ERR_error_string_n(e, buf.data(), buf.size());
  return buf.data();
}

std::string trim(std::string_view text) {
  const char* const kSpace = " \t\r\n";
  const size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return "";
  const size_t last = text.find_last_not_of(kSpace);
  return std::string(text.substr(first, last - first + 1));
}

std::string bioText(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<size_t>(n)) : std::string();
}

std::string privateKeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  WF_CHECK(bio &&
           PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1);
  return bioText(bio.get());
}

// The SM2 private key in `pem`; `origin` names where it came from.
wf::Result<PkeyPtr> readPrivateKey(const std::string& pem, const std::string& origin) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return wf::Status::unavailable("signing key: out of memory");
  EVP_PKEY* raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (raw == nullptr) {
    return wf::Status::invalid(origin + ": not a PEM private key (" + opensslError() + ")");
  }
  PkeyPtr key = own(raw);
  if (EVP_PKEY_is_a(key.get(), "SM2") != 1) {
    return wf::Status::invalid(origin + ": the key is " + EVP_PKEY_get0_type_name(key.get()) +
                               ", not SM2");
  }
  return key;
}

wf::Result<PkeyPtr> generateKey() {
  EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2");
  if (raw == nullptr) {
    return wf::Status::unavailable("signing key: cannot generate an SM2 key (" + opensslError() +
                                   ")");
  }
  return own(raw);
}

wf::Result<std::string> readFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return wf::Status::unavailable("signing key: cannot read " + file.string());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// Writes `content` to a new file beside `file` and links it into place, so
// `file` never exists half-written. Conflict when `file` exists already.
wf::Status createAtomically(const std::filesystem::path& file, const std::string& content) {
  std::array<unsigned char, 8> nonce{};
  if (RAND_bytes(nonce.data(), static_cast<int>(nonce.size())) != 1) {
    return wf::Status::unavailable("signing key: the random generator failed");
  }
  std::string suffix = ".tmp-";
  for (unsigned char b : nonce) suffix += "0123456789abcdef"[b & 0xF];
  const std::filesystem::path temp = file.string() + suffix;
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return wf::Status::unavailable("signing key: cannot create " + temp.string() + ": " +
                                   std::strerror(errno));
  }
  const bool written =
      ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  const bool synced = ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!written || !synced || !closed) {
    ::unlink(temp.c_str());
    return wf::Status::unavailable("signing key: cannot write " + temp.string());
  }
  const int linked = ::link(temp.c_str(), file.c_str());
  const int link_errno = errno;
  ::unlink(temp.c_str());
  if (linked != 0) {
    if (link_errno == EEXIST) return wf::Status::conflict(file.string() + " exists");
    return wf::Status::unavailable("signing key: cannot create " + file.string() + ": " +
                                   std::strerror(link_errno));
  }
  return wf::Status::ok();
}

std::string base64(const std::vector<unsigned char>& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

// Strict base64 (the alphabet, '=' only as padding, length a multiple of 4);
// nullopt otherwise.
std::optional<std::vector<unsigned char>> unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  size_t padding = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '=') {
      if (i + 2 < text.size()) return std::nullopt;
      ++padding;
      continue;
    }
    if (padding > 0) return std::nullopt;
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '+' || c == '/';
    if (!ok) return std::nullopt;
  }
  std::vector<unsigned char> out(text.size() / 4 * 3);
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0 || static_cast<size_t>(n) < padding) return std::nullopt;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

// A digest-sign or digest-verify context over SM3 with the SM2 ID set.
MdCtxPtr sm2Context(EVP_PKEY* key, bool for_signing) {
  MdCtxPtr md(EVP_MD_CTX_new());
  if (!md) return nullptr;
  EVP_PKEY_CTX* pctx = nullptr;
  const int init =
      for_signing ? EVP_DigestSignInit_ex(md.get(), &pctx, "SM3", nullptr, nullptr, key, nullptr)
                  : EVP_DigestVerifyInit_ex(md.get(), &pctx, "SM3", nullptr, nullptr, key, nullptr);
  if (init != 1) return nullptr;
  if (EVP_PKEY_CTX_set1_id(pctx, HallSigner::kDistinguishingId.data(),
                           HallSigner::kDistinguishingId.size()) != 1) {
    return nullptr;
  }
  return md;
}

}  // namespace

HallSigner::HallSigner(std::shared_ptr<EVP_PKEY> key, SigningKeySource source,
                       std::filesystem::path file)
    : key_(std::move(key)), source_(source), file_(std::move(file)) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  WF_CHECK(bio && PEM_write_bio_PUBKEY(bio.get(), key_.get()) == 1);
  public_pem_ = bioText(bio.get());

  unsigned char* der = nullptr;
  const int der_length = i2d_PUBKEY(key_.get(), &der);
  WF_CHECK(der_length > 0);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_length = 0;
  const int hashed = EVP_Digest(der, static_cast<size_t>(der_length), digest.data(), &digest_length,
                                EVP_sm3(), nullptr);
  OPENSSL_free(der);
  WF_CHECK(hashed == 1 && digest_length >= 8);
  static const char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < 8; ++i) {
    key_id_.push_back(kHex[digest[i] >> 4]);
    key_id_.push_back(kHex[digest[i] & 0xF]);
  }
}

wf::Result<HallSigner> HallSigner::load(const std::optional<std::string>& pem_from_env,
                                        const std::filesystem::path& dir) {
  if (pem_from_env && !trim(*pem_from_env).empty()) {
    std::string pem = trim(*pem_from_env);
    // A one-line variable writes its line breaks as "\n".
    for (size_t at = pem.find("\\n"); at != std::string::npos; at = pem.find("\\n", at + 1)) {
      pem.replace(at, 2, "\n");
    }
    pem += "\n";
    ASSIGN_OR_RETURN(PkeyPtr key, readPrivateKey(pem, std::string(kEnvVariable)));
    return HallSigner(std::move(key), SigningKeySource::Environment, {});
  }

  const std::filesystem::path file = dir / kFileName;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    ASSIGN_OR_RETURN(PkeyPtr key, generateKey());
    const wf::Status created = createAtomically(file, privateKeyPem(key.get()));
    if (created.isOk()) return HallSigner(std::move(key), SigningKeySource::NewFile, file);
    // Another server beside the same folder created it first: use theirs.
    if (created.code() != wf::StatusCode::Conflict) return created;
  }
  ASSIGN_OR_RETURN(const std::string pem, readFile(file));
  if (trim(pem).empty()) {
    return wf::Status::invalid(file.string() + " is empty; delete it to generate a new key");
  }
  ASSIGN_OR_RETURN(PkeyPtr key, readPrivateKey(pem, file.string()));
  return HallSigner(std::move(key), SigningKeySource::ExistingFile, file);
}

wf::Result<HallSigner> HallSigner::generate() {
  ASSIGN_OR_RETURN(PkeyPtr key, generateKey());
  return HallSigner(std::move(key), SigningKeySource::NewFile, {});
}

std::string HallSigner::sign(std::string_view data) const {
  MdCtxPtr md = sm2Context(key_.get(), true);
  WF_CHECK(md != nullptr);
  // EVP_PKEY_get_size is the longest DER signature the key makes.
  size_t length = static_cast<size_t>(EVP_PKEY_get_size(key_.get()));
  std::vector<unsigned char> signature(length);
  WF_CHECK(EVP_DigestSign(md.get(), signature.data(), &length,
                          reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1);
  signature.resize(length);
  return base64(signature);
}

bool HallSigner::verify(std::string_view data, std::string_view signature) const {
  const std::optional<std::vector<unsigned char>> der = unbase64(signature);
  if (!der) return false;
  MdCtxPtr md = sm2Context(key_.get(), false);
  if (!md) {
    ERR_clear_error();
    return false;
  }
  const int ok = EVP_DigestVerify(md.get(), der->data(), der->size(),
                                  reinterpret_cast<const unsigned char*>(data.data()), data.size());
  ERR_clear_error();
  return ok == 1;
}

}  // namespace portal::documents
