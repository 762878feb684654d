// What the hall reports to 市办件库 (the city case library) about a case:
// every status change, in order, read from the case's process history
// (append-only and hash-chained, so the same history always gives the same
// list, and the n-th change keeps its number n — the seq the library keeps
// one entry per):
//   instance-started                 → accepted   (受理)
//   supplement activated / completed → supplement (补正) / resumed (补正收件)
//   hand_over activated              → concluded  (办结: approved, licence made)
//   instance completed after hand_over → issued   (发证: handed over)
//   instance completed without it    → refused    (不予许可)
// A cancelled instance gets no status of its own; it is final.
//
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "wf/records.h"

namespace hall::domain {

struct CaseLibraryStatus {
  std::string status;  // accepted supplement resumed concluded issued refused
  int64_t at = 0;      // epoch ms of the change
};

struct CaseLibraryReport {
  std::vector<CaseLibraryStatus> statuses;  // statuses[i] has seq i + 1
  bool final = false;                       // the case will change no more
};

CaseLibraryReport caseLibraryReport(const std::vector<wf::HistoryEvent>& history);

}  // namespace hall::domain
