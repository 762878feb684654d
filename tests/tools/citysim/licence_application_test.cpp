#include "tools/citysim/licence_application.h"

#include <gtest/gtest.h>

#include "tools/citysim/request_parts.h"

namespace hall::citysim {
namespace {

constexpr int kToday = 20261129;

std::string body(const std::string& members) {
  return R"({"typeCode": "SH-FOOD-01", "licenceName": "食品经营许可证", "holder": "张三",
             "issuer": "上海市长宁区市场监督管理局", "issuedOn": "2026-11-29",
             "caseCode": "31010520261129A1000042K", )" +
         members + "}";
}

TEST(CitysimLicenceApplication, AcceptsAPersonWithoutValidUntilOrData) {
  const wf::Result<LicenceApplication> a = parseLicenceApplication(
      body(R"("holderIdType": "ID_CARD", "holderId": "11010519491231002x", "validUntil": null)"),
      kToday);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_FALSE(a->valid_until);
  EXPECT_TRUE(a->data.isObject());
  EXPECT_EQ(a->holder_id, "11010519491231002x");
}

TEST(CitysimLicenceApplication, RefusesABirthDateAfterToday) {
  // 2026-12-01, a day after "today"; the check character is right.
  const std::string id = "31010520261201001";
  const wf::Result<LicenceApplication> a = parseLicenceApplication(
      body(R"("holderIdType": "ID_CARD", "holderId": ")" + id + "1\""), kToday);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(fieldOf(a.status()), "holderId");
  EXPECT_EQ(a.status().message().rfind("holderId: ", 0), 0u) << a.status().message();
}

TEST(CitysimLicenceApplication, TheFingerprintIgnoresSpacingOrderAndUnknownMembers) {
  const auto a = parseLicenceApplication(
      body(R"("holderIdType": "USCC", "holderId": "91350100M000100Y43", "data": {"a": 1, "b": 2})"),
      kToday);
  const auto b =
      parseLicenceApplication(body(R"("data": {"b": 2, "a": 1}, "holderId": "91350100M000100Y43",
              "holderIdType": "USCC", "note": "ignored")"),
                              kToday);
  const auto c = parseLicenceApplication(
      body(R"("holderIdType": "USCC", "holderId": "91350100M000100Y43", "data": {"a": 2})"),
      kToday);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->fingerprint(), b->fingerprint());
  EXPECT_NE(a->fingerprint(), c->fingerprint());
}

}  // namespace
}  // namespace hall::citysim
