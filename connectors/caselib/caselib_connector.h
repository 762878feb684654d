// CaselibConnector: 市办件库, the city's case library: every status change
// of a case, with its case code and its number in the case's order (seq =
// 1, 2, …), sent with the idempotency key `<caseCode>:<seq>` — the library
// keeps one entry per seq, so a change sent again (after a lost answer, a
// crash, a restart) is a duplicate, never a second change. Which changes to
// send, durably and in order, is the hall's reporter's work
// (portal/app/caselib_reporter); this is the call.
//
// Thread-safety: report() may be called from any thread.
#pragma once

#include <cstdint>
#include <string>

#include "connectors/common/city_client.h"
#include "wf/status.h"

namespace connectors {

struct CaseStatusChange {
  std::string case_code;
  int64_t seq = 0;     // 1, 2, … per case
  std::string status;  // accepted supplement resumed concluded issued refused
  int64_t at_ms = 0;   // when the hall saw the change
  std::string matter_code;
  std::string dept;  // optional
};

class CaselibConnector {
 public:
  explicit CaselibConnector(CityClient& client) : client_(client) {}

  // Ok when the library has the change (taken now or before). Unavailable
  // when worth retrying (no answer, 5xx, breaker open), InvalidArgument for
  // a refusal, naming the platform's words.
  wf::Status report(const CaseStatusChange& change);

  const PlatformConfig& config() const { return client_.config(); }

 private:
  CityClient& client_;
};

}  // namespace connectors
