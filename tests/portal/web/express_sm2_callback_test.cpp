// SM2-signed callbacks end to end: the express platform configured with
// <callback scheme="sm2" publicKey="express-callback.pem"/> (a copy of the
// repository's models; the key pair made here, the public key beside the
// database, the private key the simulator's --callback-sm2-key). A signed
// delivery callback finishes the case; a tampered one is refused with 401
// and changes nothing; without its public key the hall does not start.
#include <fstream>

#include "connectors/common/sm2_signature.h"
#include "portal/web/express_delivery_fixture.h"

namespace portal::web {
namespace {

void writeFile(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

class ExpressSm2CallbackTest : public ExpressDeliveryFixture {
 protected:
  void SetUp() override {
    wf::Result<connectors::Sm2Key> key = connectors::Sm2Key::generate();
    ASSERT_TRUE(key.ok()) << key.status().toString();
    writeFile(dir_.path() / "express-callback.pem", key->publicKeyPem());
    writeFile(dir_.path() / "city-express-private.pem", key->privateKeyPem());
    startHallAndCity({"--callback-sm2-key", (dir_.path() / "city-express-private.pem").string()},
                     {"--models", sm2Models(dir_.path()).string()});
  }

  // The repository's models, the express platform's callbacks signed with SM2.
  static std::filesystem::path sm2Models(const std::filesystem::path& dir) {
    const std::filesystem::path models = dir / "models";
    std::filesystem::copy(std::filesystem::path(HALL_SOURCE_DIR) / "models", models,
                          std::filesystem::copy_options::recursive);
    const std::filesystem::path file = models / "connectors" / "express.xml";
    std::ifstream in(file);
    std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string plain = R"(<callback app="city-express"/>)";
    const size_t at = xml.find(plain);
    EXPECT_NE(at, std::string::npos) << xml;
    if (at != std::string::npos) {
      xml.replace(
          at, plain.size(),
          R"(<callback app="city-express" scheme="sm2" publicKey="express-callback.pem"/>)");
    }
    writeFile(file, xml);
    return models;
  }
};

TEST_F(ExpressSm2CallbackTest, AnSm2SignedDeliveryFinishesTheCase) {
  const IssuedCase c = issuedCase();
  ASSERT_FALSE(c.hand_over_task.empty());
  const std::string waybill = sentByExpress(c);
  expectAnswered(advance(waybill, "collected"), 200);
  EXPECT_EQ(deliveryMember(c, "status"), "collected");
  expectAnswered(advance(waybill, "delivered"), 200);
  EXPECT_TRUE(eventually([&] { return ended(c); }));
  EXPECT_EQ(deliveryMember(c, "status"), "delivered");
  EXPECT_EQ(caseView(c).json.find("stage")->asString(), "done");
}

TEST_F(ExpressSm2CallbackTest, ATamperedSm2CallbackIsRefusedAndChangesNothing) {
  expectTamperedDeliveryRefused();
}

TEST_F(ExpressSm2CallbackTest, WithoutThePublicKeyTheHallDoesNotStart) {
  hall::test::TempDir other;
  const hall::test::HallProcess keyless(
      HALL_BINARY, other.path(),
      {"--city", sim_->url(), "--models", sm2Models(other.path()).string()},
      Poco::Process::Env{{"HALL_ADMIN_TOKEN", kToken}, {"HALL_CITY_KEY", kCityKey}},
      /*keep_output=*/true);
  EXPECT_EQ(keyless.port(), 0);
  const std::string said = keyless.output() + keyless.outputSoFar();
  EXPECT_NE(said.find("express-callback.pem"), std::string::npos) << said;
}

}  // namespace
}  // namespace portal::web
