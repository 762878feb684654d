// The hall's own licence register, as the job type `elicense.issue` runs
// until the connector to the city's e-licence library (市电子证照库) takes
// that type over: when a case's departments have all approved, the matter
// process's issue task records the licence with the case — its number (the
// case code with the prefix "HL", so one case has one licence and a number
// names its case), the matter, the holder as the case keeps it (masked),
// the issuing hall and the time — in the instance variable `licence`, which
// the window hands over (出证) and the case page shows.
#pragma once

#include <cstdint>

#include "wf/engine.h"

namespace hall::domain {

inline constexpr const char* kLicenceJobType = "elicense.issue";
inline constexpr const char* kLicenceIssuer = "上海市长宁区行政服务中心";

// {licence: {number, matterCode, matterName, holder, issuer, issuedAt}};
// InvalidArgument when the case has no caseCode or matterCode.
wf::Result<wf::Value> issueHallLicence(const wf::JobContext& job, int64_t now_millis);

}  // namespace hall::domain
