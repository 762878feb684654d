// The signing of the city contract, pinned by known answers: SM3("abc") is
// the standard's own example (GM/T 0004-2012 A.1); HMAC-SM3 and the string
// to sign as `openssl dgst -sm3 -hmac` computes them.
#include "connectors/common/request_signer.h"

#include <gtest/gtest.h>

namespace connectors {
namespace {

TEST(RequestSigner, Sm3AndHmacSm3GiveTheKnownAnswers) {
  EXPECT_EQ(sm3Hex("abc"), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  EXPECT_EQ(hmacSm3Hex("key", "abc"),
            "28e63256e7c5a087b1f073265dc53092163f7b82729735d06f28f10af9d52393");
}

TEST(RequestSigner, TheStringToSignHasMethodPathTimeNonceAndTheBodysDigest) {
  EXPECT_EQ(stringToSign("POST", "/elicense/v1/licences?x=1", "1764403200000", "00ff", "abc"),
            "POST\n/elicense/v1/licences?x=1\n1764403200000\n00ff\n" + sm3Hex("abc"));
}

TEST(RequestSigner, EachRequestHasAFreshNonceAndASignatureOverIt) {
  const RequestSignature a = signRequest("hall-changning", "k", "GET", "/p", "", 5);
  const RequestSignature b = signRequest("hall-changning", "k", "GET", "/p", "", 5);
  EXPECT_EQ(a.nonce.size(), 32u);
  EXPECT_NE(a.nonce, b.nonce);
  EXPECT_EQ(a.signature, hmacSm3Hex("k", stringToSign("GET", "/p", "5", a.nonce, "")));
  EXPECT_NE(a.signature, hmacSm3Hex("other key", stringToSign("GET", "/p", "5", a.nonce, "")));
}

}  // namespace
}  // namespace connectors
