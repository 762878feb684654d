#include "portal/web/licence_check_routes.h"

namespace portal::web {

namespace {

wf::Value materialJson(const hall::domain::MaterialLicence& m) {
  wf::Object out{{"id", wf::Value(m.material_id)},
                 {"name", wf::Value(m.material_name)},
                 {"elicenseType", wf::Value(m.elicense_type)},
                 {"fetched", wf::Value(m.fetched)}};
  if (m.fetched) {
    const hall::domain::HolderLicence& l = m.licence;
    out["label"] = wf::Value(std::string(hall::domain::IntakeLicences::kFetchedLabel) + "：" +
                             l.name + "（" + l.number + "）");
    out["licence"] = wf::Value(
        wf::Object{{"id", wf::Value(l.id)},
                   {"number", wf::Value(l.number)},
                   {"name", wf::Value(l.name)},
                   {"validUntil", l.valid_until.empty() ? wf::Value() : wf::Value(l.valid_until)}});
  }
  return wf::Value(std::move(out));
}

}  // namespace

void LicenceCheckRoutes::addTo(Router& router) {
  router.add("POST", "/api/v1/intake/licence-check",
             [this](const ApiRequest& request) { return check(request); });
}

ApiResponse LicenceCheckRoutes::check(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  hall::domain::LicenceCheckRequest check;
  for (auto [name, into] : {std::pair<const char*, std::string*>{"matterCode", &check.subject},
                            {"idType", &check.id_type},
                            {"idNumber", &check.id_number}}) {
    wf::Result<std::string> text = textMember(*body, name);
    if (!text.ok()) return ApiResponse::error(text.status());
    if (!text->empty()) *into = *text;
  }
  wf::Result<hall::domain::LicenceCheck> checked = licences_.check(check);
  if (!checked.ok()) return ApiResponse::error(checked.status());
  wf::Array materials;
  for (const hall::domain::MaterialLicence& m : checked->materials) {
    materials.push_back(materialJson(m));
  }
  wf::Object out{{"lookup", wf::Value(hall::domain::licenceLookupStateName(checked->state))},
                 {"note", wf::Value(checked->note)},
                 {"materials", wf::Value(std::move(materials))}};
  if (!checked->detail.empty()) out["detail"] = wf::Value(checked->detail);
  return ApiResponse::ok(wf::Value(std::move(out)));
}

}  // namespace portal::web
