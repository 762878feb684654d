// A receipt with Chinese text in every field, for the receipt and document tests.
#pragma once

#include "portal/domain/receipt.h"

namespace hall::test {

inline hall::domain::Receipt sampleReceipt() {
  hall::domain::Receipt r;
  r.case_code = "31010520261129A1000042K";
  r.matter_code = "310105-SCJG-0101";
  r.matter_name = "食品经营许可证核发";
  r.applicant_name = "张*";
  r.applicant_id_masked = "110105********002X";
  r.clerk = "李四";
  r.window = "综合窗口 3";
  r.department = "区市场监管局";
  r.materials_received = {"营业执照复印件", "经营场所平面图（含设备布局）"};
  r.materials_pending = {"法定代表人身份证明"};
  r.accepted_at = "2026-11-29 10:05";
  r.promised_date = "2026-12-11";
  r.promised_days = 10;
  r.status_url = "https://hall.example/cases/31010520261129A1000042K";
  return r;
}

}  // namespace hall::test
