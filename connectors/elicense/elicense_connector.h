// ElicenseConnector: 市电子证照库, the city's e-licence library, as the job
// types `elicense.issue`, `elicense.revoke` and `elicense.link`, and the
// usage list (用证清单) intake reads. When a matter's departments have all approved, the
// process's issue task becomes a job in the same transaction as the
// approval (the engine's jobs are the outbox); this handler asks the library
// to issue the licence the connector file names for the matter
// (models/connectors/elicense.xml, <licence matter=… typeCode=…>), to the
// case's applicant in full (HolderDirectory), with the job's id as the
// idempotency key — so however often the job runs, the library issues one
// licence. The answer becomes the instance variable `licence` {number, id,
// typeCode, name, issuer, holder (masked, as the case keeps it), issuedAt,
// validUntil, source: "city"}, which the window hands over.
//
// A failure the platform may get over (no answer, 5xx, breaker open, a
// garbled answer) fails the job with Unavailable: the engine retries with
// backoff and, after the element's last retry, raises an incident an admin
// can retry. A refusal (4xx) or a matter with no licence type fails it with
// InvalidArgument naming the platform's words, as a permanent failure: no
// retry can mend it, so the incident is raised at once.
//
// `elicense.revoke` (注销) revokes the licence the variable `licenceId`
// names (else the case's own, `licence.id`) for the reason `revokeReason`;
// a licence revoked already (409) counts as done, so a rerun after a lost
// answer succeeds. `elicense.link` (子母证, 一业一证) links each licence of
// the list variable `childLicenceIds` (ids, or licence objects with an
// `id`) to the parent `parentLicenceId` (else `licence.id`); linking again
// changes nothing at the library. Both create nothing, so repeating them is
// harmless; a licence the library does not know (404) or a request it
// refuses (400) is a permanent failure, as is a variable missing or not an
// id (`[A-Za-z0-9._-]`, 1–64).
//
// licencesOf() is a plain read (nothing to make durable): the holder's
// licences, revoked and expired ones included — the caller decides which
// count. The holder's number goes to the library in the query, as its
// contract asks; it is never in an error this class returns.
//
// Thread-safety: every member may run on many job workers at once.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "connectors/common/city_client.h"
#include "wf/engine.h"

namespace connectors {

// Whom a licence names, in full; the hall keeps it sealed.
struct LicenceHolder {
  std::string name;
  std::string id_type;  // "ID_CARD" (GB 11643) or "USCC" (GB 32100)
  std::string id_number;
};

// Where the connector learns a case's applicant (portal/app wires the case
// desk in).
class HolderDirectory {
 public:
  virtual ~HolderDirectory() = default;
  virtual wf::Result<LicenceHolder> holderOf(const std::string& case_code) = 0;
};

// One licence of a holder's usage list (用证清单).
struct HeldLicence {
  std::string id, number, type_code, name;
  std::string status;       // "valid" | "revoked"
  std::string valid_until;  // "YYYY-MM-DD"; empty: no end
};

class ElicenseConnector {
 public:
  static constexpr const char* kIssueJob = "elicense.issue";
  static constexpr const char* kRevokeJob = "elicense.revoke";
  static constexpr const char* kLinkJob = "elicense.link";

  // `utc_offset_minutes`: the local time whose date a licence is issued on.
  ElicenseConnector(CityClient& client, HolderDirectory& holders, std::function<int64_t()> now_ms,
                    int utc_offset_minutes = 480)
      : client_(client),
        holders_(holders),
        now_(std::move(now_ms)),
        utc_offset_minutes_(utc_offset_minutes) {}

  wf::Result<wf::Value> issue(const wf::JobContext& job);
  // {licenceRevocation: {licenceId, licenceNumber?, status: "revoked",
  // reason, revokedAt?, alreadyRevoked, source: "city"}}.
  wf::Result<wf::Value> revoke(const wf::JobContext& job);
  // {licenceLinks: {parentId, children: [ids], source: "city"}}.
  wf::Result<wf::Value> link(const wf::JobContext& job);
  // The holder's licences; `id_type` "ID_CARD" or "USCC", `id_number` 18
  // characters of 0-9 and A-Z (InvalidArgument naming idType / idNumber,
  // nothing sent); Unavailable when the library cannot answer or answers
  // nonsense, InvalidArgument when it refuses.
  wf::Result<std::vector<HeldLicence>> licencesOf(const std::string& id_type,
                                                  const std::string& id_number);
  // elicense.issue, elicense.revoke and elicense.link.
  void registerWith(wf::Engine& engine);

 private:
  CityClient& client_;
  HolderDirectory& holders_;
  const std::function<int64_t()> now_;
  const int utc_offset_minutes_;
};

}  // namespace connectors
