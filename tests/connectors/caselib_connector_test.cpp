// 市办件库 through the hall's connector, against the real simulator: a
// case's statuses in order; one sent again is a duplicate, not a second
// entry; another status under a taken seq is a refusal; a platform that is
// down is worth retrying and nothing is taken.
#include "connectors/caselib/caselib_connector.h"

#include <gtest/gtest.h>

#include "city_connector_fixture.h"

namespace connectors {
namespace {

using namespace test;  // the fixture, its constants and clock

CaseStatusChange change(int64_t seq, const std::string& status) {
  return CaseStatusChange{kCaseCode, seq, status, nowMillis(), kFood, "amr-food"};
}

class CaselibConnectorTest : public CityConnectorTest {
 protected:
  CaselibConnectorTest() : CityConnectorTest("caselib") {}
};

TEST_F(CaselibConnectorTest, ReportsACasesStatusesInOrderAndOnce) {
  auto city = client();
  CaselibConnector connector(*city);
  ASSERT_TRUE(connector.report(change(1, "accepted")).isOk());
  ASSERT_TRUE(connector.report(change(2, "concluded")).isOk());
  // Sent again after a lost answer: the library keeps one entry.
  ASSERT_TRUE(connector.report(change(2, "concluded")).isOk());
  ASSERT_TRUE(connector.report(change(3, "issued")).isOk());
  EXPECT_EQ(stat("issued"), 3);
  EXPECT_EQ(stat("duplicates"), 1);

  const auto read = control_->get(std::string("/caselib/v1/cases/") + kCaseCode);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json.find("current")->find("status")->asString(), "issued");
  std::vector<std::string> history;
  for (const wf::Value& e : read.json.find("history")->asArray()) {
    history.push_back(e.find("status")->asString());
  }
  EXPECT_EQ(history, (std::vector<std::string>{"accepted", "concluded", "issued"}));
  EXPECT_EQ(read.json.find("history")->asArray()[0].find("dept")->asString(), "amr-food");
}

TEST_F(CaselibConnectorTest, ARefusalIsInvalidAndAnOutageUnavailable) {
  auto city = client();
  CaselibConnector connector(*city);
  ASSERT_TRUE(connector.report(change(1, "accepted")).isOk());
  const wf::Status other = connector.report(change(1, "refused"));
  EXPECT_EQ(other.code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(other.message().find("HTTP 409"), std::string::npos) << other.message();

  downFor(60000);
  const wf::Status down = connector.report(change(2, "concluded"));
  EXPECT_EQ(down.code(), wf::StatusCode::Unavailable);
  EXPECT_EQ(stat("issued"), 1);
}

}  // namespace
}  // namespace connectors
