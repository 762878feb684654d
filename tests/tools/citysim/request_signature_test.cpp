#include "tools/citysim/request_signature.h"

#include <gtest/gtest.h>

namespace hall::citysim {
namespace {

constexpr const char* kKey = "citysim-test-key";
constexpr const char* kNonce = "0123456789abcdef0123456789abcdef";
constexpr int64_t kNow = 1'795'963'970'556;

TEST(CitysimRequestSignature, Sm3OfTheStandardsExample) {
  // GB/T 32905-2016, example 1.
  EXPECT_EQ(sm3Hex("abc"), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  EXPECT_EQ(sm3Hex(""), "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b");
}

TEST(CitysimRequestSignature, HmacSm3AgreesWithTheOpensslCommandLine) {
  // `echo -n abc | openssl mac -digest SM3 -macopt key:citysim-test-key HMAC`
  EXPECT_EQ(hmacSm3Hex(kKey, "abc"),
            "bbd2af346f84769cad5c5ec84c960142ff52a7e41901ca8a2c1f1128fc9bf8a9");
}

TEST(CitysimRequestSignature, TheStringToSignHasFiveLines) {
  EXPECT_EQ(
      stringToSign("POST", "/elicense/v1/licences", "1795963970556", kNonce, "{}"),
      "POST\n/elicense/v1/licences\n1795963970556\n" + std::string(kNonce) + "\n" + sm3Hex("{}"));
  // The same request, signed by the command line:
  // printf 'POST\n/elicense/v1/licences\n1795963970556\n<nonce>\n<sm3 of {}>' | openssl mac …
  EXPECT_EQ(signRequest(kKey, "hall-changning", "POST", "/elicense/v1/licences", "{}", kNow, kNonce)
                .signature,
            "759e0de68bbac1683f1f7789b48e72d73d39f314964e6fa958ec90be5b7149e8");
}

TEST(CitysimRequestSignature, RandomNoncesAre32LowerCaseHex) {
  const std::string a = randomNonce();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, randomNonce());
}

class CitysimVerifier : public ::testing::Test {
 protected:
  std::optional<SignatureRefusal> verify(const SignatureHeaders& h, int64_t now,
                                         const std::string& body = "{}") {
    return verifier_.verify(h.app_key, h.timestamp, h.nonce, h.signature, "POST", "/p", body, now);
  }
  SignatureHeaders sign(int64_t at, const std::string& nonce = kNonce,
                        const std::string& key = kKey) {
    return signRequest(key, "hall-changning", "POST", "/p", "{}", at, nonce);
  }
  SignatureVerifier verifier_{"hall-changning", kKey};
};

TEST_F(CitysimVerifier, ChecksInTheContractsOrder) {
  SignatureHeaders h = sign(kNow);
  h.app_key = "hall-xuhui";
  h.timestamp = std::to_string(kNow - 400'000);
  // Unknown application comes before the stale timestamp.
  EXPECT_EQ(verify(h, kNow)->code, "APP_UNKNOWN");
  EXPECT_EQ(verify(sign(kNow - 400'000), kNow)->code, "TIMESTAMP_EXPIRED");
  SignatureHeaders missing = sign(kNow);
  missing.timestamp = "yesterday";
  EXPECT_EQ(verify(missing, kNow)->code, "SIGNATURE_MISSING");
  EXPECT_EQ(
      verifier_.verify(std::nullopt, "1", kNonce, std::string(64, 'a'), "POST", "/p", "", kNow)
          ->code,
      "SIGNATURE_MISSING");
}

TEST_F(CitysimVerifier, RemembersANonceForTenMinutes) {
  EXPECT_FALSE(verify(sign(kNow), kNow).has_value());
  EXPECT_EQ(verify(sign(kNow), kNow + 1000)->code, "NONCE_REPLAYED");
  // A replay with a wrong signature is still a replay (nonce before signature).
  EXPECT_EQ(verify(sign(kNow, kNonce, "other"), kNow + 1000)->code, "NONCE_REPLAYED");
  // After the window the nonce is forgotten (the timestamp is fresh again).
  EXPECT_FALSE(verify(sign(kNow + kNonceWindowMs), kNow + kNonceWindowMs).has_value());
}

TEST_F(CitysimVerifier, AcceptsTheToleranceExactly) {
  EXPECT_FALSE(verify(sign(kNow - kTimestampToleranceMs), kNow).has_value());
  EXPECT_EQ(verify(sign(kNow + kTimestampToleranceMs + 1, std::string(32, 'b')), kNow)->code,
            "TIMESTAMP_EXPIRED");
}

}  // namespace
}  // namespace hall::citysim
