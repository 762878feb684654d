// CaselibReporter: every status change of every case, reported to 市办件库
// in order, durably. A thread passes over the cases not yet reported to
// their end (hall_caselib_progress beside hall_cases) every `interval`, and
// only when the engine committed something since the last pass (its change
// sequence; on a shared database, every pass): for each, the statuses its
// process history gives (portal/domain/case_library_report.h) beyond the
// last one the library took are sent one by one, in order, each with its
// seq and the key `<caseCode>:<seq>`; the progress row moves after each.
//
// Durable and in order: the history is append-only, so the list a case's
// history gives never changes its past; a crash after a send and before the
// progress row moved sends that status again, which the library answers as
// a duplicate. An outage (or a refusal) stops that case's sending at the
// failing status — its later ones wait — and the next pass retries it; the
// other cases go on. A pass covers at most `batch` cases and the next one
// goes on after the last it covered, so every case is reached however many
// there are.
//
// Thread-safety: start() and stop() from one thread; the pass runs on the
// reporter's own thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>

#include "connectors/caselib/caselib_connector.h"
#include "portal/store/soci_caselib_progress.h"
#include "wf/engine.h"

namespace hall::app {

struct CaselibReporterOptions {
  std::chrono::milliseconds interval{1000};
  int batch = 200;
};

class CaselibReporter {
 public:
  CaselibReporter(wf::Engine& engine, hall::store::SociCaselibProgress& progress,
                  connectors::CaselibConnector& connector, CaselibReporterOptions options,
                  std::ostream& log)
      : engine_(engine), progress_(progress), connector_(connector), options_(options), log_(log) {}
  ~CaselibReporter() { stop(); }

  void start();
  void stop();
  // One pass over at most `batch` cases; how many statuses the library took.
  wf::Result<int> pass();

 private:
  void run();
  // Sends what the library lacks of one case; the statuses it took.
  wf::Result<int> reportCase(const hall::store::CaseToReport& c);

  wf::Engine& engine_;
  hall::store::SociCaselibProgress& progress_;
  connectors::CaselibConnector& connector_;
  const CaselibReporterOptions options_;
  std::ostream& log_;

  std::string cursor_;  // the last case code a pass covered ("" : from the start)
  std::optional<uint64_t> seen_change_;
  bool cursor_wrapped_ = true;
  std::string last_failure_;  // logged once until it changes

  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hall::app
