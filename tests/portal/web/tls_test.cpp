// HTTPS with certificates the hall makes (tls_certificate): a server
// certificate from a small CA, and a clerk's client certificate from the
// same CA that signs the clerk in (POST /api/v1/session/certificate). A
// client certificate of another CA never gets through the handshake.
#include <Poco/Crypto/X509Certificate.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "portal/domain/accounts.h"
#include "portal/store/scrypt_password_hasher.h"
#include "portal/store/soci_account_store.h"
#include "portal/web/api_client.h"
#include "portal/web/session_routes.h"
#include "portal/web/tls_certificate.h"

namespace portal::web {
namespace {

constexpr const char* kToken = "tls-test-token-0123456789";

struct Answer {
  int status = 0;
  std::string body;
  std::string cookie;
};

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Poco::Net::initializeSSL();
    const auto d = dir_.path();
    ca_ = {d / "ca.pem", d / "ca-key.pem"};
    CertificateRequest ca;
    ca.common_name = "Hall test CA";
    ca.organization = "Changning Hall";
    ca.certificate_authority = true;
    ASSERT_TRUE(makeCertificate(ca, ca_).isOk());
    server_cert_ = {d / "server.pem", d / "server-key.pem"};
    CertificateRequest for_server;
    for_server.common_name = "hall";
    for_server.ip_addresses = {"127.0.0.1"};
    for_server.dns_names = {"localhost"};
    for_server.issuer = ca_;
    ASSERT_TRUE(makeCertificate(for_server, server_cert_).isOk());
    clerk_cert_ = {d / "clerk.pem", d / "clerk-key.pem"};
    CertificateRequest clerk;
    clerk.common_name = "clerk01";
    clerk.organization = "Changning Hall";
    clerk.client = true;
    clerk.issuer = ca_;
    ASSERT_TRUE(makeCertificate(clerk, clerk_cert_).isOk());

    auto store = hall::store::SociAccountStore::open("sqlite:" + dir_.file("hall.db"));
    ASSERT_TRUE(store.ok());
    store_ = std::move(store).value();
    accounts_ =
        std::make_unique<hall::domain::Accounts>(*store_, hasher_, [] { return int64_t{0}; });
    // Bound by the subject as the server reads it off the handshake.
    const std::string subject =
        Poco::Crypto::X509Certificate(clerk_cert_.certificate.string()).subjectName();
    ASSERT_NE(subject.find("CN=clerk01"), std::string::npos) << subject;
    ASSERT_TRUE(
        accounts_
            ->create({"clerk01", "王芳", hall::domain::Role::Clerk, "", "Clerk pass 2026", subject})
            .ok());
    sessions_ = std::make_unique<SessionBook>([] { return int64_t{0}; });
    routes_ = std::make_unique<SessionRoutes>(*accounts_, *sessions_, true);
    Router router;
    routes_->addTo(router);
    WebServerOptions options{.port = 0};
    options.tls = TlsOptions{server_cert_.certificate, server_cert_.private_key, ca_.certificate};
    options.sessions = [this](std::string_view id) { return sessions_->find(id); };
    auto server = testing::startServer(std::move(router), kToken, dir_.path(), options);
    ASSERT_TRUE(server.ok()) << server.status().toString();
    server_ = std::move(server).value();
  }

  // A request over HTTPS, trusting our CA, presenting `client` if given.
  Answer send(const std::string& method, const std::string& path,
              const std::optional<CertificateFiles>& client) const {
    Poco::Net::Context::Params params;
    params.caLocation = ca_.certificate.string();
    params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;
    params.loadDefaultCAs = false;
    if (client) {
      params.certificateFile = client->certificate.string();
      params.privateKeyFile = client->private_key.string();
    }
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    Poco::Net::HTTPSClientSession session("127.0.0.1", server_->port(), context);
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentLength(0);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Answer answer;
    answer.status = response.getStatus();
    Poco::StreamCopier::copyToString(in, answer.body);
    answer.cookie = response.get("Set-Cookie", "");
    return answer;
  }

  testing::TempDir dir_;
  CertificateFiles ca_, server_cert_, clerk_cert_;
  hall::store::ScryptPasswordHasher hasher_{{1u << 10, 8, 1}};
  std::unique_ptr<hall::store::SociAccountStore> store_;
  std::unique_ptr<hall::domain::Accounts> accounts_;
  std::unique_ptr<SessionBook> sessions_;
  std::unique_ptr<SessionRoutes> routes_;
  std::unique_ptr<WebServer> server_;
};

TEST_F(TlsTest, ServesHttpsWithTheConfiguredCertificateAndKeepsTheKeyPrivate) {
  EXPECT_EQ(server_->url().rfind("https://127.0.0.1:", 0), 0u) << server_->url();
  EXPECT_EQ(send("GET", "/health", std::nullopt).status, 200);
  struct stat key {};
  ASSERT_EQ(::stat(server_cert_.private_key.c_str(), &key), 0);
  EXPECT_EQ(key.st_mode & 0777, 0600);
  // Plain HTTP to the TLS port gets no answer of ours.
  int plain = 0;
  try {
    plain = testing::ApiClient(server_->port()).get("/health").status;
  } catch (const std::exception&) {
    plain = -1;  // the connection was dropped
  }
  EXPECT_NE(plain, 200);
}

TEST_F(TlsTest, AClerksCertificateSignsTheClerkInWithASecureCookie) {
  const Answer signed_in = send("POST", "/api/v1/session/certificate", clerk_cert_);
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_NE(signed_in.body.find("\"login\":\"clerk01\""), std::string::npos) << signed_in.body;
  EXPECT_NE(signed_in.cookie.find("; Secure"), std::string::npos) << signed_in.cookie;
  EXPECT_EQ(sessions_->size(), 1u);

  const Answer without = send("POST", "/api/v1/session/certificate", std::nullopt);
  EXPECT_EQ(without.status, 401) << without.body;
}

TEST_F(TlsTest, ACertificateOfAnotherAuthorityFailsTheHandshake) {
  const CertificateFiles other_ca{dir_.path() / "other-ca.pem", dir_.path() / "other-ca-key.pem"};
  CertificateRequest ca;
  ca.common_name = "Elsewhere CA";
  ca.organization = "Changning Hall";
  ca.certificate_authority = true;
  ASSERT_TRUE(makeCertificate(ca, other_ca).isOk());
  const CertificateFiles forged{dir_.path() / "forged.pem", dir_.path() / "forged-key.pem"};
  CertificateRequest clerk;
  clerk.common_name = "clerk01";
  clerk.organization = "Changning Hall";
  clerk.client = true;
  clerk.issuer = other_ca;
  ASSERT_TRUE(makeCertificate(clerk, forged).isOk());
  EXPECT_ANY_THROW(send("POST", "/api/v1/session/certificate", forged));
  EXPECT_EQ(sessions_->size(), 0u);
}

}  // namespace
}  // namespace portal::web
