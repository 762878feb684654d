// Where a case stands, in the words the applicant reads on the receipt's QR
// page and the clerk in the case list — from its process instance: the
// matter and theme models (models/processes) wait at `supplement` for
// 补正, at `hand_over` once the licence is issued, and at `send_express` /
// `await_delivered` while a certificate sent by express is on its way; an
// ended case with a licence is done, one without was refused (不予许可).
#pragma once

#include "wf/records.h"

namespace hall::domain {

enum class CaseStage { Reviewing, Supplement, ReadyToCollect, Done, Refused, Delivering };

CaseStage caseStageOf(const wf::InstanceInfo& instance);
// "reviewing", "supplement", "ready", "done", "refused", "delivering".
const char* caseStageName(CaseStage stage);
// 审批中, 待补正, 待领证, 已办结, 不予许可, 寄送中.
const char* caseStageLabel(CaseStage stage);

}  // namespace hall::domain
