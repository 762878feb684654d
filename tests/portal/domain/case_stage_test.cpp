// Where a case stands, from its instance: waiting at supplement or
// hand_over, anywhere else while running, and ended with or without a
// licence — or handed over with only its notices and report left.
#include "portal/domain/case_stage.h"

#include <gtest/gtest.h>

namespace hall::domain {
namespace {

wf::InstanceInfo waitingAt(std::vector<std::string> elements) {
  wf::InstanceInfo i;
  i.active_activity_ids = std::move(elements);
  i.variables = wf::Value(wf::Object{});
  return i;
}

TEST(CaseStage, FollowsTheMatterModelsWaits) {
  EXPECT_EQ(caseStageOf(waitingAt({"approve_amr_food", "approve_amr_station"})),
            CaseStage::Reviewing);
  EXPECT_EQ(caseStageOf(waitingAt({"supplement"})), CaseStage::Supplement);
  EXPECT_EQ(caseStageOf(waitingAt({"hand_over"})), CaseStage::ReadyToCollect);
  EXPECT_STREQ(caseStageLabel(CaseStage::Supplement), "待补正");
  EXPECT_STREQ(caseStageName(CaseStage::ReadyToCollect), "ready");
}

TEST(CaseStage, AnEndedCaseIsDoneWithALicenceAndRefusedWithout) {
  wf::InstanceInfo ended = waitingAt({});
  ended.ended_at = 1;
  EXPECT_EQ(caseStageOf(ended), CaseStage::Refused);
  EXPECT_STREQ(caseStageLabel(CaseStage::Refused), "不予许可");
  ended.variables = wf::Value(wf::Object{{"licence", wf::Value(wf::Object{})}});
  EXPECT_EQ(caseStageOf(ended), CaseStage::Done);
}

TEST(CaseStage, HandedOverWithOnlyItsNoticesOrReportLeftIsDone) {
  const wf::Value licensed(wf::Object{{"licence", wf::Value(wf::Object{})}});
  wf::InstanceInfo noticed = waitingAt({"notify_issued", "onenet_submit"});
  EXPECT_EQ(caseStageOf(noticed), CaseStage::Reviewing) << "no licence yet";
  noticed.variables = licensed;
  EXPECT_EQ(caseStageOf(noticed), CaseStage::Done);
  wf::InstanceInfo handing = waitingAt({"hand_over", "notify_issued"});
  handing.variables = licensed;
  EXPECT_EQ(caseStageOf(handing), CaseStage::ReadyToCollect);
  wf::InstanceInfo issuing = waitingAt({"issue", "onenet_submit"});
  issuing.variables = licensed;  // a theme's first licence, the next still issuing
  EXPECT_EQ(caseStageOf(issuing), CaseStage::Reviewing);
}

}  // namespace
}  // namespace hall::domain
