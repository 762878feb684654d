#include "portal/domain/intake_licences.h"

#include <algorithm>
#include <string_view>

#include "portal/domain/hall_time.h"
#include "portal/domain/id_number.h"

namespace hall::domain {

namespace {

wf::Status fieldError(wf::StatusCode code, const std::string& field, const std::string& message) {
  return wf::Status(code, field + ": " + message,
                    wf::Value(wf::Object{{"field", wf::Value(field)}}));
}

// A unified social credit code's form (GB 32100): 18 characters of 0-9 and
// the capitals but I, O, Z, S, V. Its check character is the library's to
// verify.
bool creditCodeForm(std::string_view code) {
  constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  return code.size() == 18 && std::all_of(code.begin(), code.end(), [&](char c) {
           return kAlphabet.find(c) != std::string_view::npos;
         });
}

// The materials of a matter, or of a theme's matters, that are e-licences,
// each once (by material id), in catalogue order.
std::vector<const Material*> licenceMaterials(const Catalogue& catalogue,
                                              const std::string& subject) {
  std::vector<const Matter*> matters;
  if (const Matter* m = catalogue.matter(subject)) {
    matters.push_back(m);
  } else if (const Theme* t = catalogue.theme(subject)) {
    for (const std::string& code : t->matter_codes) {
      if (const Matter* m = catalogue.matter(code)) matters.push_back(m);
    }
  }
  std::vector<const Material*> out;
  for (const Matter* m : matters) {
    for (const Material& material : m->materials) {
      // The agent's licences are the agent's: the applicant's list is not theirs.
      if (material.elicense_type.empty() || material.holder != "applicant") continue;
      const bool seen = std::any_of(out.begin(), out.end(),
                                    [&](const Material* o) { return o->id == material.id; });
      if (!seen) out.push_back(&material);
    }
  }
  return out;
}

// The newest licence of `type` that is valid on `today` ("YYYY-MM-DD"):
// not revoked, and its last day not before today. The library lists in
// issue order.
const HolderLicence* validOfType(const std::vector<HolderLicence>& held, const std::string& type,
                                 const std::string& today) {
  const HolderLicence* found = nullptr;
  for (const HolderLicence& l : held) {
    if (l.type_code != type || l.status != "valid") continue;
    if (!l.valid_until.empty() && l.valid_until < today) continue;
    found = &l;
  }
  return found;
}

}  // namespace

const char* licenceLookupStateName(LicenceLookupState state) {
  switch (state) {
    case LicenceLookupState::NotConnected:
      return "not-connected";
    case LicenceLookupState::Looked:
      return "looked";
    case LicenceLookupState::Failed:
      return "failed";
  }
  return "failed";
}

wf::Result<LicenceCheck> IntakeLicences::check(const LicenceCheckRequest& request) const {
  if (request.subject.empty()) {
    return fieldError(wf::StatusCode::InvalidArgument, "matterCode", "请选择事项或一件事");
  }
  if (catalogue_.matter(request.subject) == nullptr &&
      catalogue_.theme(request.subject) == nullptr) {
    return fieldError(wf::StatusCode::NotFound, "matterCode",
                      "目录中没有事项或主题 " + request.subject);
  }
  const HallTime today = hallTime(clock_.now().time_since_epoch().count());
  if (request.id_type == "ID_CARD") {
    if (wf::Status id = validateIdNumber(request.id_number, today.yyyymmdd); !id.isOk()) {
      std::string why = id.message();
      if (why.rfind("idNumber: ", 0) == 0) why = why.substr(10);
      return fieldError(wf::StatusCode::InvalidArgument, "idNumber", why);
    }
  } else if (request.id_type == "USCC") {
    if (!creditCodeForm(request.id_number)) {
      return fieldError(wf::StatusCode::InvalidArgument, "idNumber",
                        "统一社会信用代码应为 18 位数字或大写字母");
    }
  } else {
    return fieldError(wf::StatusCode::InvalidArgument, "idType", "应为 ID_CARD 或 USCC");
  }
  // A lower-case 'x' is the same number to the hall; the library has it upper-case.
  std::string id_number = request.id_number;
  std::replace(id_number.begin(), id_number.end(), 'x', 'X');

  LicenceCheck out;
  for (const Material* m : licenceMaterials(catalogue_, request.subject)) {
    out.materials.push_back(MaterialLicence{m->id, m->name, m->elicense_type, false, {}});
  }
  if (lookup_ == nullptr) {
    out.state = LicenceLookupState::NotConnected;
    out.note = "未连接市电子证照库";
    return out;
  }
  if (out.materials.empty()) {
    out.state = LicenceLookupState::Looked;
    out.note = "本事项无可调取的电子证照";
    return out;
  }
  wf::Result<std::vector<HolderLicence>> held = lookup_->licencesOf(request.id_type, id_number);
  if (!held.ok()) {
    out.state = LicenceLookupState::Failed;
    out.note = kFailedNote;
    out.detail = held.status().message();
    return out;
  }
  out.state = LicenceLookupState::Looked;
  int fetched = 0;
  for (MaterialLicence& m : out.materials) {
    if (const HolderLicence* l = validOfType(*held, m.elicense_type, today.date)) {
      m.fetched = true;
      m.licence = *l;
      ++fetched;
    }
  }
  out.note = fetched > 0 ? std::string(kFetchedLabel) + " " + std::to_string(fetched) + " 项"
                         : "申请人在市电子证照库中无有效的相关电子证照，请收取纸质材料";
  return out;
}

}  // namespace hall::domain
