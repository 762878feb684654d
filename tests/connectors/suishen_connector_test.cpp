// 随申码 through the hall's connector, against the real simulator: a scanned
// code gives its holder; an expired or changed code is InvalidArgument on
// the field suishenCode with the platform's reason; a platform that is down
// or refuses the hall's signature is Unavailable (the kiosk says 503).
#include "connectors/suishen/suishen_connector.h"

#include <gtest/gtest.h>

#include "city_connector_fixture.h"

namespace connectors::test {
namespace {

using hall::citysim::test::kHolderId;
using hall::citysim::test::suishenCode;

class SuishenConnectorTest : public CityConnectorTest {
 protected:
  SuishenConnectorTest() : CityConnectorTest("suishen") {}
};

std::string detail(const wf::Status& s, const char* name) {
  const wf::Value* v = s.details().isObject() ? s.details().find(name) : nullptr;
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

TEST_F(SuishenConnectorTest, AScannedCodeGivesItsHolder) {
  auto city = client();
  SuishenConnector connector(*city);
  const std::string code = suishenCode(*control_, "王小明", kHolderId);
  wf::Result<SuishenHolder> holder = connector.verify(code);
  ASSERT_TRUE(holder.ok()) << holder.status().toString();
  EXPECT_EQ(holder->name, "王小明");
  EXPECT_EQ(holder->id_number, kHolderId);
  EXPECT_EQ(holder->phone, "");
}

TEST_F(SuishenConnectorTest, AnExpiredOrChangedCodeIsRefusedOnTheField) {
  auto city = client();
  SuishenConnector connector(*city);
  const std::string expired = suishenCode(*control_, "王小明", kHolderId, 1);
  wf::Result<SuishenHolder> late = connector.verify(expired);
  for (int i = 0; i < 50 && late.ok(); ++i) late = connector.verify(expired);  // 1 ms to live
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_EQ(detail(late.status(), "field"), "suishenCode");
  EXPECT_EQ(detail(late.status(), "reason"), "CODE_EXPIRED");

  std::string changed = suishenCode(*control_, "王小明", kHolderId);
  changed[6] = changed[6] == '1' ? '2' : '1';
  wf::Result<SuishenHolder> forged = connector.verify(changed);
  ASSERT_FALSE(forged.ok());
  EXPECT_EQ(forged.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_EQ(detail(forged.status(), "reason"), "CODE_INVALID");
  EXPECT_EQ(forged.status().message().rfind("suishenCode: ", 0), 0u) << forged.status().message();
}

TEST_F(SuishenConnectorTest, APlatformDownOrAWrongKeyIsUnavailable) {
  const std::string code = suishenCode(*control_, "王小明", kHolderId);
  auto wrong_key = client("not-the-key");
  wf::Result<SuishenHolder> refused = SuishenConnector(*wrong_key).verify(code);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), wf::StatusCode::Unavailable) << refused.status().toString();

  downFor(60000);
  auto city = client();
  wf::Result<SuishenHolder> down = SuishenConnector(*city).verify(code);
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.status().code(), wf::StatusCode::Unavailable);
  EXPECT_NE(down.status().message().find("503"), std::string::npos) << down.status().message();
}

}  // namespace
}  // namespace connectors::test
