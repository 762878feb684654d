// TLS certificates the hall makes itself (OpenSSL 3): the self-signed
// server certificate `hall serve` uses for HTTPS when no certificate is
// configured (the demo), and — for tests and a hall without its own PKI — a
// small CA that issues client certificates for clerks' sign-in by
// certificate. Keys are EC P-256, written as PEM with mode 0600.
//
// Thread-safety: plain functions; each call writes only its own files.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "wf/status.h"

namespace portal::web {

struct CertificateFiles {
  std::filesystem::path certificate;  // PEM
  std::filesystem::path private_key;  // PEM, mode 0600
};

struct CertificateRequest {
  std::string common_name;
  std::string organization = "长宁区行政服务中心";
  std::vector<std::string> dns_names;     // subjectAltName DNS entries
  std::vector<std::string> ip_addresses;  // subjectAltName IP entries
  int days = 825;
  bool certificate_authority = false;      // may sign other certificates
  bool client = false;                     // for TLS client authentication
  std::optional<CertificateFiles> issuer;  // nullopt: self-signed
};

// Makes a key and a certificate for `request` and writes them to `out`.
// Unavailable when a file cannot be written; InvalidArgument when the issuer
// files do not load or an IP address does not parse.
wf::Status makeCertificate(const CertificateRequest& request, const CertificateFiles& out);

// The demo's server certificate in `dir` (tls-cert.pem, tls-key.pem): the
// files already there, or a new self-signed one for localhost, 127.0.0.1 and
// this host's name.
wf::Result<CertificateFiles> demoServerCertificate(const std::filesystem::path& dir);

}  // namespace portal::web
