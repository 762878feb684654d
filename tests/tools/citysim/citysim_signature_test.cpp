// The contract's signing as hall-citysim enforces it, over real HTTP: each
// refusal answers 401 with its code and changes nothing.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "citysim_fixture.h"
#include "tools/citysim/request_signature.h"

namespace hall::citysim::test {
namespace {

using CitysimSignature = CitysimTest;

using Headers = std::map<std::string, std::string>;

TEST_F(CitysimSignature, RefusesARequestWithoutHeaders) {
  const Reply reply =
      client_->sendRaw("POST", kLicences, application(), {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(reply.status, 401) << reply.body;
  EXPECT_EQ(reply.code(), "SIGNATURE_MISSING");
  EXPECT_EQ(stat("issued"), 0);
  EXPECT_EQ(stat("refused"), 1);
}

TEST_F(CitysimSignature, RefusesIllFormedHeaders) {
  const std::string body = application();
  Headers h = client_->signedHeaders(kTestKey, "POST", kLicences, body, nowMs(), randomNonce());
  h["X-Ca-Nonce"] = "NOT-HEX";
  h["Idempotency-Key"] = "k-1";
  const Reply reply = client_->sendRaw("POST", kLicences, body, h);
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.code(), "SIGNATURE_MISSING");
}

TEST_F(CitysimSignature, RefusesAnUnknownApplication) {
  CitysimClient stranger(sim_->host(), sim_->port(), kTestKey, "hall-xuhui");
  const Reply reply = stranger.post(kLicences, application(), {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.code(), "APP_UNKNOWN");
  EXPECT_EQ(stat("issued"), 0);
}

TEST_F(CitysimSignature, RefusesTheWrongKey) {
  CitysimClient wrong(sim_->host(), sim_->port(), "another-key");
  const Reply reply = wrong.post(kLicences, application(), {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.code(), "SIGNATURE_INVALID");
  EXPECT_EQ(stat("issued"), 0);
}

TEST_F(CitysimSignature, RefusesABodyChangedAfterSigning) {
  const std::string signed_body = application();
  Headers h =
      client_->signedHeaders(kTestKey, "POST", kLicences, signed_body, nowMs(), randomNonce());
  h["Idempotency-Key"] = "k-1";
  const Reply reply =
      client_->sendRaw("POST", kLicences, application({{"holder", wf::Value("冒名公司")}}), h);
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.code(), "SIGNATURE_INVALID");
}

TEST_F(CitysimSignature, RefusesAStaleOrFutureTimestamp) {
  for (const int64_t skew : {-301'000, 301'000}) {
    SCOPED_TRACE(skew);
    const std::string body = application();
    Headers h =
        client_->signedHeaders(kTestKey, "POST", kLicences, body, nowMs() + skew, randomNonce());
    h["Idempotency-Key"] = "k-1";
    const Reply reply = client_->sendRaw("POST", kLicences, body, h);
    EXPECT_EQ(reply.status, 401);
    EXPECT_EQ(reply.code(), "TIMESTAMP_EXPIRED");
  }
  EXPECT_EQ(stat("issued"), 0);
}

TEST_F(CitysimSignature, RefusesAReplayedNonce) {
  const std::string body = application();
  Headers h = client_->signedHeaders(kTestKey, "POST", kLicences, body, nowMs(), randomNonce());
  h["Idempotency-Key"] = "k-1";
  ASSERT_EQ(client_->sendRaw("POST", kLicences, body, h).status, 201);
  // The Idempotency-Key is not signed: a captured request replayed under a
  // new one would issue a second licence but for the nonce.
  h["Idempotency-Key"] = "k-2";
  const Reply replay = client_->sendRaw("POST", kLicences, body, h);
  EXPECT_EQ(replay.status, 401) << replay.body;
  EXPECT_EQ(replay.code(), "NONCE_REPLAYED");
  EXPECT_EQ(stat("issued"), 1);
  EXPECT_EQ(stat("duplicates"), 0);
}

TEST_F(CitysimSignature, ARefusedRequestDoesNotSpendItsNonce) {
  const std::string body = application();
  const std::string nonce = randomNonce();
  const int64_t now = nowMs();
  Headers forged = client_->signedHeaders("another-key", "POST", kLicences, body, now, nonce);
  forged["Idempotency-Key"] = "k-1";
  EXPECT_EQ(client_->sendRaw("POST", kLicences, body, forged).code(), "SIGNATURE_INVALID");
  Headers genuine = client_->signedHeaders(kTestKey, "POST", kLicences, body, now, nonce);
  genuine["Idempotency-Key"] = "k-1";
  EXPECT_EQ(client_->sendRaw("POST", kLicences, body, genuine).status, 201);
}

TEST_F(CitysimSignature, SignsThePathWithItsQueryAsSent) {
  issue(application(), "k-1");
  const std::string path = std::string(kLicences) + "?holderId=" + kCompanyUscc;
  Headers h = client_->signedHeaders(kTestKey, "GET", kLicences, "", nowMs(), randomNonce());
  EXPECT_EQ(client_->sendRaw("GET", path, "", h).code(), "SIGNATURE_INVALID");
  const Reply reply = client_->get(path);
  EXPECT_EQ(reply.status, 200) << reply.body;
}

TEST_F(CitysimSignature, TheControlEndpointsAreNotSigned) {
  EXPECT_EQ(control("GET", "/_sim/stats").status, 200);
  EXPECT_EQ(control("DELETE", "/_sim/faults/elicense").status, 200);
}

}  // namespace
}  // namespace hall::citysim::test
