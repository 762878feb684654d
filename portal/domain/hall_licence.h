// The hall's own licence register, as the job type `elicense.issue` runs
// until the connector to the city's e-licence library (市电子证照库) takes
// that type over: when a case's departments have all approved, the matter
// process's issue task records the licence with the case — its number (the
// case code with the prefix "HL" and the matter's 14-digit base code, or a
// theme's code: a number names its case and matter), the matter, the
// holder as the case keeps it (masked), the issuing hall and the time — in
// the instance variable `licence`, which the window hands over (出证) and
// the case page shows.
//
// The register is the case's own variable, so the hall revokes (注销,
// `elicense.revoke`) and links (子母证, `elicense.link`) only the case's
// own licence: revoking marks it revoked with the reason and time; linking
// records its children (their ids, as the list variable childLicenceIds
// names them — ids, or licences with an `id`) in it. Either names another
// licence (licenceId / parentLicenceId other than the case's) → a
// permanent failure: only the city's library keeps other cases' licences.
// Both are harmless to repeat.
#pragma once

#include <cstdint>

#include "wf/engine.h"

namespace hall::domain {

inline constexpr const char* kLicenceJobType = "elicense.issue";
inline constexpr const char* kRevokeLicenceJobType = "elicense.revoke";
inline constexpr const char* kLinkLicencesJobType = "elicense.link";
inline constexpr const char* kLicenceIssuer = "上海市长宁区行政服务中心";

// {licence: {id, number, matterCode, matterName, holder, issuer, issuedAt}}
// (id = number); InvalidArgument when the case has no caseCode or matterCode.
wf::Result<wf::Value> issueHallLicence(const wf::JobContext& job, int64_t now_millis);

// {licence: {…, status: "revoked", revokeReason, revokedAt}, licenceRevocation:
// {licenceId, status, reason, alreadyRevoked, source: "hall"}}; a licence
// revoked already stays as it was (alreadyRevoked). Permanent failures: no
// licence, no revokeReason, another licence named.
wf::Result<wf::Value> revokeHallLicence(const wf::JobContext& job, int64_t now_millis);

// {licence: {…, children: [ids]}, licenceLinks: {parentId, children, source:
// "hall"}}; children already there are not added twice.
wf::Result<wf::Value> linkHallLicences(const wf::JobContext& job);

}  // namespace hall::domain
