// IntakeLicences: the licence usage list (用证清单) at intake. Given a
// matter or theme and the applicant's identity, it asks the e-licence
// library (LicenceLookup) which licences the applicant holds and marks each
// material of the subject that is an e-licence (Material::elicense_type)
// whose type the applicant holds valid — not revoked, not expired on the
// hall's date — as fetched (电子证照已调取), with the licence's number and
// name, so the clerk does not ask for paper.
//
// Without a lookup (the hall has no city address) the check says "not
// connected" and marks nothing: intake works as before. A failing library
// never stops intake: the check says it failed (查询电子证照失败，请核验纸质
// 材料) and marks nothing; the clerk checks the paper.
//
// Nothing is stored and nothing personal is kept or logged here.
//
// Thread-safety: check() may be called from any thread once useLookup()
// (if at all) was called before the desk is shared.
#pragma once

#include <string>
#include <vector>

#include "portal/domain/catalogue.h"
#include "portal/domain/licence_lookup.h"
#include "wf/ports/clock.h"

namespace hall::domain {

struct LicenceCheckRequest {
  std::string subject;              // a matter code or a theme id
  std::string id_type = "ID_CARD";  // "ID_CARD" | "USCC"
  std::string id_number;
};

enum class LicenceLookupState { NotConnected, Looked, Failed };

// One e-licence material of the subject and what the library holds of it.
struct MaterialLicence {
  std::string material_id, material_name, elicense_type;
  bool fetched = false;   // the applicant holds a valid licence of this type
  HolderLicence licence;  // the one fetched (the newest valid), when fetched
};

struct LicenceCheck {
  LicenceLookupState state = LicenceLookupState::NotConnected;
  std::string note;    // for the clerk, in Chinese
  std::string detail;  // why the lookup failed (the library's words); empty otherwise
  std::vector<MaterialLicence> materials;  // every e-licence material, in catalogue order
};

class IntakeLicences {
 public:
  static constexpr const char* kFetchedLabel = "电子证照已调取";
  static constexpr const char* kFailedNote = "查询电子证照失败，请核验纸质材料";

  IntakeLicences(const Catalogue& catalogue, const wf::Clock& clock)
      : catalogue_(catalogue), clock_(clock) {}

  // From now on checks ask `lookup`; call before the desk is shared.
  void useLookup(LicenceLookup& lookup) { lookup_ = &lookup; }
  bool connected() const { return lookup_ != nullptr; }

  // InvalidArgument naming the field (matterCode, idType, idNumber) when
  // the request is wrong; NotFound naming matterCode for no such subject.
  // The library's failure is not an error: state Failed.
  wf::Result<LicenceCheck> check(const LicenceCheckRequest& request) const;

 private:
  const Catalogue& catalogue_;
  const wf::Clock& clock_;
  LicenceLookup* lookup_ = nullptr;
};

const char* licenceLookupStateName(LicenceLookupState state);

}  // namespace hall::domain
