#include "tools/citysim/licence_application.h"

#include <algorithm>

#include "tools/citysim/request_parts.h"

namespace hall::citysim {

namespace {

bool isTypeCode(std::string_view code) {
  return code.size() >= 2 && code.size() <= 32 && std::all_of(code.begin(), code.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
         });
}

// "YYYY-MM-DD" of a real date.
bool isDate(std::string_view text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-' && wf::parseDate(text).has_value();
}

wf::Status checkHolderId(const std::string& type, const std::string& id, int today_yyyymmdd) {
  return checkPartyId("holderId", type, id, today_yyyymmdd);
}

}  // namespace

std::string LicenceApplication::fingerprint() const {
  return wf::Value(wf::Object{{"typeCode", wf::Value(type_code)},
                              {"licenceName", wf::Value(licence_name)},
                              {"holder", wf::Value(holder)},
                              {"holderIdType", wf::Value(holder_id_type)},
                              {"holderId", wf::Value(holder_id)},
                              {"issuer", wf::Value(issuer)},
                              {"issuedOn", wf::Value(issued_on)},
                              {"validUntil", valid_until ? wf::Value(*valid_until) : wf::Value()},
                              {"caseCode", wf::Value(case_code)},
                              {"data", data}})
      .toJson();
}

wf::Result<LicenceApplication> parseLicenceApplication(std::string_view body, int today_yyyymmdd) {
  std::string error;
  const std::optional<wf::Value> json = wf::Value::parseJson(body, &error);
  if (!json) return fieldRefused("body", "is not JSON (" + error + ")");
  if (!json->isObject()) return fieldRefused("body", "must be a JSON object");

  LicenceApplication a;
  ASSIGN_OR_RETURN(a.type_code, requiredString(*json, "typeCode"));
  if (!isTypeCode(a.type_code)) {
    return fieldRefused("typeCode",
                        "must be 2 to 32 of A-Z, 0-9 and '-', not '" + a.type_code + "'");
  }
  ASSIGN_OR_RETURN(a.licence_name, requiredString(*json, "licenceName"));
  ASSIGN_OR_RETURN(a.holder, requiredString(*json, "holder"));
  ASSIGN_OR_RETURN(a.holder_id_type, requiredString(*json, "holderIdType"));
  if (a.holder_id_type != "USCC" && a.holder_id_type != "ID_CARD") {
    return fieldRefused("holderIdType",
                        "must be \"USCC\" or \"ID_CARD\", not \"" + a.holder_id_type + "\"");
  }
  ASSIGN_OR_RETURN(a.holder_id, requiredString(*json, "holderId"));
  RETURN_IF_ERROR(checkHolderId(a.holder_id_type, a.holder_id, today_yyyymmdd));
  ASSIGN_OR_RETURN(a.issuer, requiredString(*json, "issuer"));
  ASSIGN_OR_RETURN(a.issued_on, requiredString(*json, "issuedOn"));
  if (!isDate(a.issued_on)) {
    return fieldRefused("issuedOn", "must be a real date as YYYY-MM-DD, not '" + a.issued_on + "'");
  }
  if (const wf::Value* v = json->find("validUntil"); v != nullptr && !v->isNull()) {
    if (!v->isString()) {
      return fieldRefused("validUntil",
                          std::string("must be a date string or null, not ") + jsonTypeName(*v));
    }
    if (!isDate(v->asString())) {
      return fieldRefused("validUntil",
                          "must be a real date as YYYY-MM-DD, not '" + v->asString() + "'");
    }
    if (v->asString() < a.issued_on) return fieldRefused("validUntil", "lies before issuedOn");
    a.valid_until = v->asString();
  }
  ASSIGN_OR_RETURN(a.case_code, requiredString(*json, "caseCode"));
  if (a.case_code.size() != 23 || !std::all_of(a.case_code.begin(), a.case_code.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      })) {
    return fieldRefused("caseCode", "must be 23 characters of 0-9 and A-Z (统一办件编码)");
  }
  if (const wf::Value* v = json->find("data"); v != nullptr && !v->isNull()) {
    if (!v->isObject()) {
      return fieldRefused("data", std::string("must be an object, not ") + jsonTypeName(*v));
    }
    a.data = *v;
  }
  return a;
}

}  // namespace hall::citysim
