// The hall's own licence register (no city address): issue names the
// licence by its case; 注销 marks the case's licence revoked once (again is
// done, not a second revocation); 子母证 records the children in it once;
// either asked about another case's licence, or without what it needs, is
// a permanent failure — the hall keeps only the case's own licence.
#include "portal/domain/hall_licence.h"

#include <gtest/gtest.h>

namespace hall::domain {
namespace {

constexpr int64_t kNow = 1'790'812'800'000;

wf::Result<wf::Value> run(wf::Result<wf::Value> (*handler)(const wf::JobContext&, int64_t),
                          const wf::Value& variables, int64_t now = kNow) {
  wf::JobInfo job;
  job.id = "job-1";
  return handler(wf::JobContext{job, variables}, now);
}

wf::Value issuedCase() {
  const wf::Value vars(wf::Object{{"caseCode", wf::Value("31010520261001A1000001K")},
                                  {"matterCode", wf::Value("m-1")},
                                  {"applicantName", wf::Value("王**")}});
  wf::Result<wf::Value> issued = run(issueHallLicence, vars);
  EXPECT_TRUE(issued.ok()) << issued.status().toString();
  wf::Object out = vars.asObject();
  out["licence"] = *issued->find("licence");
  return wf::Value(std::move(out));
}

wf::Value with(const wf::Value& vars, const wf::Object& more) {
  wf::Object out = vars.asObject();
  for (const auto& [k, v] : more) out[k] = v;
  return wf::Value(std::move(out));
}

wf::Result<wf::Value> link(const wf::Value& vars) {
  wf::JobInfo job;
  job.id = "job-2";
  return linkHallLicences(wf::JobContext{job, vars});
}

TEST(HallLicence, IssuesOneLicenceNamedByItsCase) {
  const wf::Value vars = issuedCase();
  const wf::Value* licence = vars.find("licence");
  EXPECT_EQ(licence->find("id")->asString(), "HL31010520261001A1000001K-m-1");
  EXPECT_EQ(licence->find("number")->asString(), licence->find("id")->asString());
}

// A theme's case holds a licence per bundled matter and its 行业综合许可证:
// each has its own number, and the bundled ones link under the theme's.
TEST(HallLicence, TheLicencesOfOneCaseHaveTheirOwnNumbersAndLinkUnderTheTheme) {
  const auto issue = [](const std::string& matter) {
    const wf::Value vars(wf::Object{{"caseCode", wf::Value("31010520261001A1000001K")},
                                    {"matterCode", wf::Value(matter)}});
    wf::Result<wf::Value> issued = run(issueHallLicence, vars);
    EXPECT_TRUE(issued.ok()) << issued.status().toString();
    return *issued->find("licence");
  };
  const wf::Value food = issue("00012310600001-310105000000-000-11310105MB2F1952X1-1-00");
  const wf::Value sign = issue("00012350200001-310105000000-000-11310105002471001P-1-00");
  const wf::Value theme = issue("open-restaurant");
  EXPECT_EQ(food.find("number")->asString(), "HL31010520261001A1000001K-00012310600001");
  EXPECT_EQ(sign.find("number")->asString(), "HL31010520261001A1000001K-00012350200001");
  EXPECT_EQ(theme.find("number")->asString(), "HL31010520261001A1000001K-open-restaurant");
  wf::Result<wf::Value> linked = link(wf::Value(
      wf::Object{{"licence", theme}, {"childLicenceIds", wf::Value(wf::Array{food, sign})}}));
  ASSERT_TRUE(linked.ok()) << linked.status().toString();
  EXPECT_EQ(
      linked->find("licence")->find("children")->toJson(),
      R"(["HL31010520261001A1000001K-00012310600001","HL31010520261001A1000001K-00012350200001"])");
}

TEST(HallLicence, RevokesTheCasesOwnLicenceOnce) {
  const wf::Value vars = with(issuedCase(), {{"revokeReason", wf::Value("申请人申请注销")}});
  wf::Result<wf::Value> revoked = run(revokeHallLicence, vars);
  ASSERT_TRUE(revoked.ok()) << revoked.status().toString();
  const wf::Value* licence = revoked->find("licence");
  EXPECT_EQ(licence->find("status")->asString(), "revoked");
  EXPECT_EQ(licence->find("revokeReason")->asString(), "申请人申请注销");
  EXPECT_EQ(licence->find("revokedAt")->asNumber(), static_cast<double>(kNow));
  EXPECT_EQ(licence->find("number")->asString(), "HL31010520261001A1000001K-m-1") << "kept";
  EXPECT_EQ(revoked->find("licenceRevocation")->find("source")->asString(), "hall");

  // Run again (the variable now revoked): done, the first revocation stands.
  const wf::Value after = with(vars, {{"licence", *licence}, {"revokeReason", wf::Value("again")}});
  wf::Result<wf::Value> again = run(revokeHallLicence, after, kNow + 1000);
  ASSERT_TRUE(again.ok()) << again.status().toString();
  EXPECT_TRUE(again->find("licenceRevocation")->find("alreadyRevoked")->asBool());
  EXPECT_EQ(again->find("licence")->find("revokeReason")->asString(), "申请人申请注销");
  EXPECT_EQ(again->find("licence")->find("revokedAt")->asNumber(), static_cast<double>(kNow));
}

TEST(HallLicence, LinksChildrenIntoTheCasesLicenceOnce) {
  const wf::Value vars = with(
      issuedCase(), {{"childLicenceIds",
                      wf::Value(wf::Array{wf::Value("HL-child-1"),
                                          wf::Value(wf::Object{{"id", wf::Value("HL-child-2")}}),
                                          wf::Value("HL-child-1")})}});
  wf::Result<wf::Value> linked = link(vars);
  ASSERT_TRUE(linked.ok()) << linked.status().toString();
  const wf::Value* licence = linked->find("licence");
  ASSERT_EQ(licence->find("children")->asArray().size(), 2u) << licence->toJson();
  EXPECT_EQ(linked->find("licenceLinks")->find("parentId")->asString(),
            "HL31010520261001A1000001K-m-1");

  wf::Result<wf::Value> again = link(with(vars, {{"licence", *licence}}));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->find("licence")->find("children")->asArray().size(), 2u) << "not twice";
}

TEST(HallLicence, AnotherLicenceOrAMissingVariableIsAPermanentFailure) {
  const wf::Value issued = issuedCase();
  const wf::Value no_licence(wf::Object{{"revokeReason", wf::Value("x")}});
  const struct {
    const char* what;
    wf::Result<wf::Value> result;
  } cases[] = {
      {"no licence", run(revokeHallLicence, no_licence)},
      {"no reason", run(revokeHallLicence, issued)},
      {"another licence", run(revokeHallLicence, with(issued, {{"licenceId", wf::Value("lic-9")},
                                                               {"revokeReason", wf::Value("x")}}))},
      {"no children", link(issued)},
      {"another parent",
       link(with(issued, {{"parentLicenceId", wf::Value("lic-9")},
                          {"childLicenceIds", wf::Value(wf::Array{wf::Value("c")})}}))},
      {"its own child",
       link(with(issued, {{"childLicenceIds",
                           wf::Value(wf::Array{wf::Value("HL31010520261001A1000001K-m-1")})}}))},
      {"not an id",
       link(with(issued, {{"childLicenceIds", wf::Value(wf::Array{wf::Value(7.0)})}}))},
  };
  for (const auto& c : cases) {
    ASSERT_FALSE(c.result.ok()) << c.what;
    EXPECT_TRUE(wf::isPermanentJobFailure(c.result.status())) << c.what;
  }
}

}  // namespace
}  // namespace hall::domain
