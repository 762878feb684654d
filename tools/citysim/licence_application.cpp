#include "tools/citysim/licence_application.h"

#include <algorithm>

#include "portal/domain/id_number.h"
#include "tools/citysim/credit_code.h"
#include "tools/citysim/request_fields.h"

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
  if (type == "USCC") {
    const std::string problem = creditCodeProblem(id);
    return problem.empty() ? wf::Status::ok() : fieldRefused("holderId", problem);
  }
  const wf::Status status = hall::domain::validateIdNumber(id, today_yyyymmdd);
  if (status.isOk()) return status;
  // portal/domain names its own field ("idNumber: …"); here it is holderId.
  std::string why = status.message();
  if (const size_t colon = why.find(": "); colon != std::string::npos) why.erase(0, colon + 2);
  return fieldRefused("holderId", why);
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
  ASSIGN_OR_RETURN(a.type_code, requiredText(*json, "typeCode"));
  if (!isTypeCode(a.type_code)) {
    return fieldRefused("typeCode",
                        "must be 2 to 32 of A-Z, 0-9 and '-', not '" + a.type_code + "'");
  }
  ASSIGN_OR_RETURN(a.licence_name, requiredText(*json, "licenceName"));
  ASSIGN_OR_RETURN(a.holder, requiredText(*json, "holder"));
  ASSIGN_OR_RETURN(a.holder_id_type, requiredText(*json, "holderIdType"));
  if (a.holder_id_type != "USCC" && a.holder_id_type != "ID_CARD") {
    return fieldRefused("holderIdType",
                        "must be \"USCC\" or \"ID_CARD\", not \"" + a.holder_id_type + "\"");
  }
  ASSIGN_OR_RETURN(a.holder_id, requiredText(*json, "holderId"));
  RETURN_IF_ERROR(checkHolderId(a.holder_id_type, a.holder_id, today_yyyymmdd));
  ASSIGN_OR_RETURN(a.issuer, requiredText(*json, "issuer"));
  ASSIGN_OR_RETURN(a.issued_on, requiredText(*json, "issuedOn"));
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
  ASSIGN_OR_RETURN(a.case_code, requiredText(*json, "caseCode"));
  if (!isCaseCode(a.case_code)) {
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

std::string fieldOf(const wf::Status& status) {
  const wf::Value* field = status.details().find("field");
  return field != nullptr && field->isString() ? field->asString() : std::string("body");
}

}  // namespace hall::citysim
