// The hall's SM2 key: signatures verify only for the same data and key, the
// key is created once as a private file and reused, and a key from the
// environment wins. Interoperability: a signature verifies with OpenSSL's
// own SM2 verifier given only the public key PEM.
#include "portal/documents/hall_signer.h"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "support/temp_dir.h"

namespace portal::documents {
namespace {

const std::string kData = "{\"caseCode\":\"31010520261129A1000042K\",\"matterName\":\"食品经营\"}";

HallSigner fresh() {
  wf::Result<HallSigner> signer = HallSigner::generate();
  EXPECT_TRUE(signer.ok()) << signer.status().toString();
  return std::move(signer).value();
}

std::string readAll(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(HallSigner, SignatureVerifiesForTheSameDataOnly) {
  const HallSigner signer = fresh();
  const std::string signature = signer.sign(kData);
  EXPECT_TRUE(signer.verify(kData, signature));
  std::string tampered = kData;
  tampered[10] ^= 1;
  EXPECT_FALSE(signer.verify(tampered, signature));
  EXPECT_FALSE(signer.verify(kData + " ", signature));
  // SM2 is randomised: two signatures of the same text differ, both verify.
  const std::string again = signer.sign(kData);
  EXPECT_NE(again, signature);
  EXPECT_TRUE(signer.verify(kData, again));
}

TEST(HallSigner, AnotherKeysSignatureDoesNotVerify) {
  const HallSigner hall = fresh();
  const HallSigner other = fresh();
  EXPECT_NE(hall.keyId(), other.keyId());
  EXPECT_FALSE(hall.verify(kData, other.sign(kData)));
}

TEST(HallSigner, MalformedSignaturesAreFalseNotErrors) {
  const HallSigner signer = fresh();
  std::string signature = signer.sign(kData);
  for (const std::string& bad :
       {std::string(), std::string("not base64!"), signature.substr(0, signature.size() - 4),
        signature + "====", std::string("AAAA")}) {
    EXPECT_FALSE(signer.verify(kData, bad)) << bad;
  }
  signature[signature.size() / 2] = signature[signature.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(signer.verify(kData, signature));
}

TEST(HallSigner, KeyIdIsSixteenHexDigitsOfThePublicKey) {
  const HallSigner signer = fresh();
  EXPECT_EQ(signer.keyId().size(), 16u);
  EXPECT_EQ(signer.keyId().find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_TRUE(signer.publicKeyPem().starts_with("-----BEGIN PUBLIC KEY-----"));
}

TEST(HallSigner, FirstStartWritesAPrivateKeyFileLaterStartsReuseIt) {
  hall::test::TempDir dir;
  const wf::Result<HallSigner> first = HallSigner::load(std::nullopt, dir.path());
  ASSERT_TRUE(first.ok()) << first.status().toString();
  EXPECT_EQ(first->source(), SigningKeySource::NewFile);
  EXPECT_EQ(first->file(), dir.path() / "hall-sign.pem");
  struct stat info {};
  ASSERT_EQ(::stat(first->file().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_TRUE(readAll(first->file()).starts_with("-----BEGIN PRIVATE KEY-----"));
  // Nothing but the key is left in the folder.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);

  const wf::Result<HallSigner> second = HallSigner::load(std::string("  "), dir.path());
  ASSERT_TRUE(second.ok()) << second.status().toString();
  EXPECT_EQ(second->source(), SigningKeySource::ExistingFile);
  EXPECT_EQ(second->keyId(), first->keyId());
  EXPECT_TRUE(second->verify(kData, first->sign(kData)));
}

TEST(HallSigner, ServersStartingTogetherAgreeOnOneKey) {
  hall::test::TempDir dir;
  std::vector<std::string> key_ids(4);
  std::vector<std::thread> starts;
  for (size_t i = 0; i < key_ids.size(); ++i) {
    starts.emplace_back([&, i] {
      const wf::Result<HallSigner> signer = HallSigner::load(std::nullopt, dir.path());
      key_ids[i] = signer.ok() ? signer->keyId() : signer.status().toString();
    });
  }
  for (std::thread& t : starts) t.join();
  for (const std::string& id : key_ids) EXPECT_EQ(id, key_ids[0]);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(HallSigner, TheEnvironmentKeyWinsAndMayWriteLineBreaksAsBackslashN) {
  hall::test::TempDir dir;
  const wf::Result<HallSigner> on_file = HallSigner::load(std::nullopt, dir.path());
  ASSERT_TRUE(on_file.ok());
  std::string pem = readAll(on_file->file());
  std::string one_line;
  for (char c : pem) one_line += c == '\n' ? std::string("\\n") : std::string(1, c);

  hall::test::TempDir other_dir;
  for (const std::string& value : {pem, one_line}) {
    const wf::Result<HallSigner> from_env = HallSigner::load(value, other_dir.path());
    ASSERT_TRUE(from_env.ok()) << from_env.status().toString();
    EXPECT_EQ(from_env->source(), SigningKeySource::Environment);
    EXPECT_EQ(from_env->keyId(), on_file->keyId());
  }
  EXPECT_FALSE(std::filesystem::exists(other_dir.path() / "hall-sign.pem"));
}

TEST(HallSigner, RefusesWhatIsNotAnSm2PrivateKey) {
  hall::test::TempDir dir;
  const wf::Result<HallSigner> garbage = HallSigner::load(std::string("hello"), dir.path());
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(garbage.status().message().find("HALL_SIGNING_KEY"), std::string::npos);

  EVP_PKEY* p256_key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  ASSERT_NE(p256_key, nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  ASSERT_EQ(PEM_write_bio_PrivateKey(bio, p256_key, nullptr, nullptr, 0, nullptr, nullptr), 1);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  const std::string p256(data, static_cast<size_t>(n));
  BIO_free(bio);
  EVP_PKEY_free(p256_key);
  const wf::Result<HallSigner> wrong_curve = HallSigner::load(p256, dir.path());
  ASSERT_FALSE(wrong_curve.ok());
  EXPECT_NE(wrong_curve.status().message().find("not SM2"), std::string::npos)
      << wrong_curve.status().message();

  { std::ofstream empty(dir.path() / "hall-sign.pem"); }
  const wf::Result<HallSigner> empty_file = HallSigner::load(std::nullopt, dir.path());
  ASSERT_FALSE(empty_file.ok());
  EXPECT_NE(empty_file.status().message().find("is empty"), std::string::npos);
}

// Another SM2 implementation's view: OpenSSL's verifier, given only the
// public key PEM and the default ID, accepts the hall's signature.
TEST(HallSigner, VerifiesWithOnlyThePublicKeyAndTheDefaultId) {
  const HallSigner signer = fresh();
  const std::string signature = signer.sign(kData);
  std::vector<unsigned char> der(signature.size());
  const int n =
      EVP_DecodeBlock(der.data(), reinterpret_cast<const unsigned char*>(signature.data()),
                      static_cast<int>(signature.size()));
  ASSERT_GT(n, 0);
  size_t padding = 0;
  for (size_t i = signature.size(); i > 0 && signature[i - 1] == '='; --i) ++padding;
  der.resize(static_cast<size_t>(n) - padding);

  BIO* bio =
      BIO_new_mem_buf(signer.publicKeyPem().data(), static_cast<int>(signer.publicKeyPem().size()));
  EVP_PKEY* pub = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  ASSERT_NE(pub, nullptr);
  const auto verifyWithId = [&](std::string_view id) {
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = EVP_PKEY_CTX_new(pub, nullptr);
    EVP_PKEY_CTX_set1_id(pctx, id.data(), id.size());
    EVP_MD_CTX_set_pkey_ctx(md, pctx);
    EVP_DigestVerifyInit(md, nullptr, EVP_sm3(), nullptr, pub);
    const int ok =
        EVP_DigestVerify(md, der.data(), der.size(),
                         reinterpret_cast<const unsigned char*>(kData.data()), kData.size());
    EVP_MD_CTX_free(md);
    EVP_PKEY_CTX_free(pctx);
    return ok == 1;
  };
  EXPECT_TRUE(verifyWithId("1234567812345678"));
  EXPECT_FALSE(verifyWithId("another-id"));
  EVP_PKEY_free(pub);
}

}  // namespace
}  // namespace portal::documents
