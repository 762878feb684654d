// ElicenseConnector: 市电子证照库, the city's e-licence library, as the job
// type `elicense.issue`. When a matter's departments have all approved, the
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
// Thread-safety: issue() may run on many job workers at once.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

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

class ElicenseConnector {
 public:
  static constexpr const char* kIssueJob = "elicense.issue";

  // `utc_offset_minutes`: the local time whose date a licence is issued on.
  ElicenseConnector(CityClient& client, HolderDirectory& holders, std::function<int64_t()> now_ms,
                    int utc_offset_minutes = 480)
      : client_(client),
        holders_(holders),
        now_(std::move(now_ms)),
        utc_offset_minutes_(utc_offset_minutes) {}

  wf::Result<wf::Value> issue(const wf::JobContext& job);
  void registerWith(wf::Engine& engine);

 private:
  CityClient& client_;
  HolderDirectory& holders_;
  const std::function<int64_t()> now_;
  const int utc_offset_minutes_;
};

}  // namespace connectors
