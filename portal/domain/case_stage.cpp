#include "portal/domain/case_stage.h"

#include <algorithm>

namespace hall::domain {

namespace {

bool waitsAt(const wf::InstanceInfo& instance, const char* element) {
  return std::find(instance.active_activity_ids.begin(), instance.active_activity_ids.end(),
                   element) != instance.active_activity_ids.end();
}

}  // namespace

CaseStage caseStageOf(const wf::InstanceInfo& instance) {
  if (instance.ended_at != 0) {
    const bool licensed =
        instance.variables.isObject() && instance.variables.find("licence") != nullptr;
    return licensed ? CaseStage::Done : CaseStage::Refused;
  }
  if (waitsAt(instance, "supplement")) return CaseStage::Supplement;
  if (waitsAt(instance, "hand_over")) return CaseStage::ReadyToCollect;
  if (waitsAt(instance, "send_express") || waitsAt(instance, "await_delivered")) {
    return CaseStage::Delivering;
  }
  // Issued and handed over, with only the side branches left (the notices,
  // the report to the city): done for the applicant.
  const bool licensed =
      instance.variables.isObject() && instance.variables.find("licence") != nullptr;
  const bool only_side_branches =
      std::all_of(instance.active_activity_ids.begin(), instance.active_activity_ids.end(),
                  [](const std::string& a) {
                    return a == "notify_issued" || a == "notify_supplement" || a == "onenet_submit";
                  });
  if (licensed && only_side_branches) return CaseStage::Done;
  return CaseStage::Reviewing;
}

const char* caseStageName(CaseStage stage) {
  switch (stage) {
    case CaseStage::Reviewing:
      return "reviewing";
    case CaseStage::Supplement:
      return "supplement";
    case CaseStage::ReadyToCollect:
      return "ready";
    case CaseStage::Done:
      return "done";
    case CaseStage::Refused:
      return "refused";
    case CaseStage::Delivering:
      return "delivering";
  }
  return "reviewing";
}

const char* caseStageLabel(CaseStage stage) {
  switch (stage) {
    case CaseStage::Reviewing:
      return "审批中";
    case CaseStage::Supplement:
      return "待补正";
    case CaseStage::ReadyToCollect:
      return "待领证";
    case CaseStage::Done:
      return "已办结";
    case CaseStage::Refused:
      return "不予许可";
    case CaseStage::Delivering:
      return "寄送中";
  }
  return "审批中";
}

}  // namespace hall::domain
