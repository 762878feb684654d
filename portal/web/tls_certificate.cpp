#include "portal/web/tls_certificate.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

namespace portal::web {

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;

// Opens `path` for writing with `mode` (created or truncated).
FilePtr create(const std::filesystem::path& path, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, mode);
  if (fd < 0) return nullptr;
  ::fchmod(fd, mode);
  return FilePtr(::fdopen(fd, "w"));
}

bool addExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) return false;
  const bool added = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return added;
}

wf::Result<std::pair<CertPtr, KeyPtr>> loadIssuer(const CertificateFiles& files) {
  FilePtr cert_file(std::fopen(files.certificate.c_str(), "r"));
  FilePtr key_file(std::fopen(files.private_key.c_str(), "r"));
  if (!cert_file || !key_file) {
    return wf::Status::invalid("tls: issuer files " + files.certificate.string() + ", " +
                               files.private_key.string() + " do not open");
  }
  CertPtr cert(PEM_read_X509(cert_file.get(), nullptr, nullptr, nullptr));
  KeyPtr key(PEM_read_PrivateKey(key_file.get(), nullptr, nullptr, nullptr));
  if (!cert || !key) return wf::Status::invalid("tls: issuer files are no PEM certificate and key");
  return std::pair<CertPtr, KeyPtr>(std::move(cert), std::move(key));
}

}  // namespace

wf::Status makeCertificate(const CertificateRequest& request, const CertificateFiles& out) {
  KeyPtr key(EVP_EC_gen("P-256"));
  CertPtr cert(X509_new());
  if (!key || !cert) return wf::Status::internal("tls: OpenSSL could not make a key");
  std::optional<std::pair<CertPtr, KeyPtr>> issuer;
  if (request.issuer) {
    ASSIGN_OR_RETURN(auto loaded, loadIssuer(*request.issuer));
    issuer.emplace(std::move(loaded));
  }
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof(serial));
  serial[0] &= 0x7F;  // positive
  BIGNUM* bn = BN_bin2bn(serial, sizeof(serial), nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(request.days) * 86400);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(request.organization.c_str()),
                             -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(request.common_name.c_str()),
                             -1, -1, 0);
  X509* issuer_cert = issuer ? issuer->first.get() : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer_cert));

  std::string alt_names;
  for (const std::string& dns : request.dns_names) {
    alt_names += (alt_names.empty() ? "" : ",") + std::string("DNS:") + dns;
  }
  for (const std::string& ip : request.ip_addresses) {
    alt_names += (alt_names.empty() ? "" : ",") + std::string("IP:") + ip;
  }
  const bool ok =
      addExtension(cert.get(), issuer_cert, NID_basic_constraints,
                   request.certificate_authority ? "critical,CA:TRUE" : "critical,CA:FALSE") &&
      addExtension(cert.get(), issuer_cert, NID_key_usage,
                   request.certificate_authority ? "critical,keyCertSign,cRLSign,digitalSignature"
                                                 : "critical,digitalSignature,keyAgreement") &&
      (request.certificate_authority ||
       addExtension(cert.get(), issuer_cert, NID_ext_key_usage,
                    request.client ? "clientAuth" : "serverAuth")) &&
      addExtension(cert.get(), issuer_cert, NID_subject_key_identifier, "hash") &&
      (alt_names.empty() || addExtension(cert.get(), issuer_cert, NID_subject_alt_name, alt_names));
  if (!ok) return wf::Status::invalid("tls: bad certificate extensions (names: " + alt_names + ")");
  EVP_PKEY* signer = issuer ? issuer->second.get() : key.get();
  if (X509_sign(cert.get(), signer, EVP_sha256()) == 0) {
    return wf::Status::internal("tls: OpenSSL could not sign the certificate");
  }

  FilePtr key_out = create(out.private_key, 0600);
  FilePtr cert_out = create(out.certificate, 0644);
  if (!key_out || !cert_out ||
      PEM_write_PrivateKey(key_out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
      PEM_write_X509(cert_out.get(), cert.get()) != 1) {
    return wf::Status::unavailable("tls: cannot write " + out.certificate.string() + " and " +
                                   out.private_key.string());
  }
  return wf::Status::ok();
}

wf::Result<CertificateFiles> demoServerCertificate(const std::filesystem::path& dir) {
  const CertificateFiles files{dir / "tls-cert.pem", dir / "tls-key.pem"};
  std::error_code error;
  if (std::filesystem::exists(files.certificate, error) &&
      std::filesystem::exists(files.private_key, error)) {
    return files;
  }
  CertificateRequest request;
  request.common_name = "hall-demo";
  request.dns_names = {"localhost"};
  char host[256] = {};
  if (::gethostname(host, sizeof(host) - 1) == 0 && host[0] != '\0') {
    request.dns_names.emplace_back(host);
  }
  request.ip_addresses = {"127.0.0.1"};
  RETURN_IF_ERROR(makeCertificate(request, files));
  return files;
}

}  // namespace portal::web
