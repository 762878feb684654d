// AuditTrail: who did what, when, from where — one entry for every request
// that asks to change something (every method but GET and HEAD), whether
// it was done or refused, so a refused attempt is on record too. The web
// server writes the entries; managers and administrators read them.
//
// Thread-safety: implementations serve every member from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wf/status.h"

namespace hall::domain {

struct AuditEntry {
  int64_t id = 0;      // given by the trail, increasing
  int64_t at = 0;      // epoch millis
  std::string actor;   // login, "device:<id>", "system"; "" when anonymous
  std::string roles;   // the actor's roles, comma-separated
  std::string remote;  // the peer address
  std::string action;  // "POST /api/v1/windows/{id}/call-next": the endpoint's pattern
  std::string target;  // the request path ("/api/v1/windows/W01/call-next")
  int outcome = 0;     // the HTTP status answered
};

struct AuditQuery {
  std::optional<std::string> actor;
  int64_t before_id = 0;  // 0: from the newest
  int limit = 100;
};

class AuditTrail {
 public:
  virtual ~AuditTrail() = default;
  virtual wf::Status record(const AuditEntry& entry) = 0;
  // Newest first.
  virtual wf::Result<std::vector<AuditEntry>> entries(const AuditQuery& query) = 0;
};

}  // namespace hall::domain
