// SociAuditTrail: the audit trail (hall_audit) in the engine's database,
// migrations recorded in hall_audit_schema.
//
// Writes commit in groups: a caller's entry is durable when record()
// returns, and the callers who arrive while a group is being written go
// together into the next transaction (one fsync for all of them), so the
// trail does not make every change wait for a disk flush of its own.
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "portal/domain/audit_trail.h"

namespace soci {
class session;
}  // namespace soci

namespace hall::store {

class SociAuditTrail final : public hall::domain::AuditTrail {
 public:
  static wf::Result<std::unique_ptr<SociAuditTrail>> open(const std::string& db_url);
  ~SociAuditTrail() override;

  wf::Status record(const hall::domain::AuditEntry& entry) override;
  wf::Result<std::vector<hall::domain::AuditEntry>> entries(
      const hall::domain::AuditQuery& query) override;

 private:
  // The entries that go to the database in one transaction, and how it went.
  struct Group {
    std::vector<hall::domain::AuditEntry> entries;
    bool done = false;
    wf::Status status;
  };

  SociAuditTrail(std::unique_ptr<soci::session> session, int64_t last_id);
  wf::Status write(std::vector<hall::domain::AuditEntry>& entries);

  std::mutex mu_;  // guards open_ and writing_
  std::condition_variable done_;
  std::shared_ptr<Group> open_;  // the group new entries join
  bool writing_ = false;         // a caller is writing a group

  std::unique_ptr<soci::session> sql_;  // used by the writing caller only
  int64_t last_id_ = 0;
};

}  // namespace hall::store
