// SociCaselibProgress: how far each case has been reported to 市办件库
// (hall_caselib_progress, in the engine's database): the seq of the last
// status the library took, and whether the case is final (reported to its
// end). With the case's history (portal/domain/case_library_report.h) that
// is all the reporter needs to send what is missing, in order, after any
// restart or outage.
//
// Thread-safety: one session behind a mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "wf/status.h"

namespace soci {
class session;
}

namespace hall::store {

struct CaseToReport {
  std::string case_code;
  std::string instance_id;
  std::string matter_code;  // the case's subject: a matter code or theme id
  int64_t reported_seq = 0;
};

class SociCaselibProgress {
 public:
  static wf::Result<std::unique_ptr<SociCaselibProgress>> open(const std::string& db_url);
  ~SociCaselibProgress();

  // Cases of hall_cases not reported to their end, by case code after
  // `after_code`, at most `limit`.
  wf::Result<std::vector<CaseToReport>> unfinished(const std::string& after_code, int limit);
  // The library has every status of the case up to `seq`; `final`: all.
  wf::Status reported(const std::string& case_code, int64_t seq, bool final);

 private:
  explicit SociCaselibProgress(std::unique_ptr<soci::session> session);

  std::mutex mu_;
  std::unique_ptr<soci::session> sql_;
};

}  // namespace hall::store
