// CaselibPlatform: the simulated 市办件库 (the city's case library), prefix
// /caselib/v1 (README.md): every status change of a case, reported with its
// case code and a sequence number the hall gives the case's changes in
// order; and a case's current status with its history.
//
// A status with the seq of one already taken is a duplicate (200, the same
// entry, "replayed"), or a conflict when it says another status. A status
// whose seq is lower than the current one's arrived out of order: it is kept
// in the history (ordered by seq) but does not become current.
//
// The store is in memory and lives as long as the process. Thread-safe: one
// mutex guards it; handle() may run on many threads.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "tools/citysim/platform.h"
#include "wf/status.h"

namespace hall::citysim {

// The body of POST /caselib/v1/cases/{caseCode}/statuses, checked.
struct CaseStatusReport {
  std::string status;  // accepted supplement resumed concluded issued refused
  int64_t at = 0;      // epoch ms of the change
  int64_t seq = 0;     // 1, 2, … per case
  std::string matter_code;
  std::string dept;  // optional
};

wf::Result<CaseStatusReport> parseCaseStatusReport(std::string_view body);

class CaselibPlatform final : public Platform {
 public:
  std::string name() const override { return "caselib"; }
  std::string prefix() const override { return "/caselib/v1"; }
  std::string displayName() const override { return "市办件库"; }
  PlatformResponse handle(const PlatformRequest& request, PlatformStats& stats) override;

 private:
  struct Entry {
    CaseStatusReport report;
    int64_t received_at = 0;
  };
  struct Case {
    std::string matter_code;
    std::map<int64_t, Entry> history;  // by seq
    int64_t current_seq = 0;
  };

  PlatformResponse report(const PlatformRequest& request, const std::string& case_code,
                          PlatformStats& stats);
  PlatformResponse read(const std::string& case_code);
  static wf::Value entryValue(const Entry& entry);

  std::mutex mutex_;
  std::map<std::string, Case> cases_;
};

}  // namespace hall::citysim
