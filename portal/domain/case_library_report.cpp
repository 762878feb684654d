#include "portal/domain/case_library_report.h"

namespace hall::domain {

CaseLibraryReport caseLibraryReport(const std::vector<wf::HistoryEvent>& history) {
  CaseLibraryReport report;
  bool handed_over = false;
  const auto add = [&](const char* status, int64_t at) {
    report.statuses.push_back(CaseLibraryStatus{status, at});
  };
  for (const wf::HistoryEvent& e : history) {
    if (e.type == "instance-started") {
      add("accepted", e.at);
    } else if (e.type == "element-activated" && e.element_id == "supplement") {
      add("supplement", e.at);
    } else if (e.type == "element-completed" && e.element_id == "supplement") {
      add("resumed", e.at);
    } else if (e.type == "element-activated" && e.element_id == "hand_over") {
      handed_over = true;
      add("concluded", e.at);
    } else if (e.type == "instance-completed") {
      add(handed_over ? "issued" : "refused", e.at);
      report.final = true;
    } else if (e.type == "instance-cancelled") {
      report.final = true;
    }
  }
  return report;
}

}  // namespace hall::domain
