// LicenceLookup: the city's e-licence library (市电子证照库) as intake reads
// it — the licences a person or company holds (用证清单), so the window
// can fetch a material instead of asking the applicant for paper.
// portal/app implements it with the connector (connectors/elicense); the
// hall without a city address has none.
//
// Thread-safety: licencesOf() may be called from many threads.
#pragma once

#include <string>
#include <vector>

#include "wf/status.h"

namespace hall::domain {

// One licence of a holder, as the library lists it.
struct HolderLicence {
  std::string id, number, type_code, name;
  std::string status;       // "valid" | "revoked"
  std::string valid_until;  // "YYYY-MM-DD"; empty: no end
};

class LicenceLookup {
 public:
  virtual ~LicenceLookup() = default;
  // Every licence of the holder, revoked and expired ones included;
  // `id_type` "ID_CARD" (GB 11643) or "USCC" (GB 32100). A failure is the
  // library's (Unavailable: no answer; InvalidArgument: it refused) and
  // never names the holder's number.
  virtual wf::Result<std::vector<HolderLicence>> licencesOf(const std::string& id_type,
                                                            const std::string& id_number) = 0;
};

}  // namespace hall::domain
