#include "portal/app/caselib_reporter.h"

#include <vector>

#include "portal/domain/case_library_report.h"

namespace hall::app {

void CaselibReporter::start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void CaselibReporter::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void CaselibReporter::run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    wf::Result<int> sent = pass();
    if (!sent.ok() && sent.status().message() != last_failure_) {
      last_failure_ = sent.status().message();
      log_ << "caselib: " << last_failure_ << " (retried every pass)\n" << std::flush;
    } else if (sent.ok()) {
      last_failure_.clear();
    }
    lock.lock();
    wake_.wait_for(lock, options_.interval, [this] { return stopping_; });
  }
}

wf::Result<int> CaselibReporter::pass() {
  // Nothing committed since a pass that reached every case and failed
  // nothing: nothing new to report.
  const std::optional<uint64_t> change = engine_.changeSequence();
  if (change && seen_change_ == change && cursor_wrapped_ && last_failure_.empty()) return 0;

  ASSIGN_OR_RETURN(const std::vector<hall::store::CaseToReport> cases,
                   progress_.unfinished(cursor_, options_.batch));
  cursor_wrapped_ = static_cast<int>(cases.size()) < options_.batch;
  cursor_ = cursor_wrapped_ ? std::string() : cases.back().case_code;
  int taken = 0;
  wf::Status first_failure = wf::Status::ok();
  for (const hall::store::CaseToReport& c : cases) {
    wf::Result<int> sent = reportCase(c);
    if (sent.ok()) {
      taken += *sent;
    } else if (first_failure.isOk()) {
      first_failure = sent.status();
    }
  }
  if (!first_failure.isOk()) return first_failure;
  seen_change_ = change;
  return taken;
}

wf::Result<int> CaselibReporter::reportCase(const hall::store::CaseToReport& c) {
  ASSIGN_OR_RETURN(const std::vector<wf::HistoryEvent> history, engine_.history(c.instance_id));
  const hall::domain::CaseLibraryReport report = hall::domain::caseLibraryReport(history);
  const int64_t known = static_cast<int64_t>(report.statuses.size());
  int taken = 0;
  for (int64_t seq = c.reported_seq + 1; seq <= known; ++seq) {
    const hall::domain::CaseLibraryStatus& s = report.statuses[seq - 1];
    RETURN_IF_ERROR(connector_.report(
        connectors::CaseStatusChange{c.case_code, seq, s.status, s.at, c.matter_code, {}}));
    RETURN_IF_ERROR(progress_.reported(c.case_code, seq, report.final && seq == known));
    ++taken;
  }
  if (taken == 0 && report.final) {
    // A cancelled case with nothing more to say, or one reported fully
    // before its final mark was written.
    RETURN_IF_ERROR(progress_.reported(c.case_code, known, true));
  }
  return taken;
}

}  // namespace hall::app
