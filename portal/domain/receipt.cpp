#include "portal/domain/receipt.h"

#include <cmath>
#include <utility>

namespace hall::domain {

namespace {

wf::Value stringList(const std::vector<std::string>& items) {
  wf::Array out;
  out.reserve(items.size());
  for (const std::string& item : items) out.emplace_back(item);
  return wf::Value(std::move(out));
}

wf::Status refused(const std::string& field, const std::string& why) {
  return wf::Status::invalid("receipt payload: " + field + ": " + why,
                             wf::Value(wf::Object{{"field", wf::Value(field)}}));
}

wf::Result<std::string> stringField(const wf::Value& doc, const std::string& field) {
  const wf::Value* v = doc.find(field);
  if (v == nullptr) return refused(field, "missing");
  if (!v->isString()) return refused(field, "must be a string");
  return v->asString();
}

wf::Result<std::vector<std::string>> listField(const wf::Value& doc, const std::string& field) {
  const wf::Value* v = doc.find(field);
  if (v == nullptr) return refused(field, "missing");
  if (!v->isArray()) return refused(field, "must be an array of strings");
  std::vector<std::string> out;
  for (const wf::Value& item : v->asArray()) {
    if (!item.isString()) return refused(field, "must be an array of strings");
    out.push_back(item.asString());
  }
  return out;
}

}  // namespace

std::string canonicalPayload(const Receipt& r) {
  // wf::Object is ordered by key bytes and toJson writes no spaces, so the
  // JSON text is canonical as it comes.
  const wf::Object doc = {
      {"acceptedAt", wf::Value(r.accepted_at)},
      {"applicantIdMasked", wf::Value(r.applicant_id_masked)},
      {"applicantName", wf::Value(r.applicant_name)},
      {"caseCode", wf::Value(r.case_code)},
      {"clerk", wf::Value(r.clerk)},
      {"department", wf::Value(r.department)},
      {"format", wf::Value(kReceiptPayloadFormat)},
      {"materialsPending", stringList(r.materials_pending)},
      {"materialsReceived", stringList(r.materials_received)},
      {"matterCode", wf::Value(r.matter_code)},
      {"matterName", wf::Value(r.matter_name)},
      {"promisedDate", wf::Value(r.promised_date)},
      {"promisedDays", wf::Value(r.promised_days)},
      {"statusUrl", wf::Value(r.status_url)},
      {"window", wf::Value(r.window)},
  };
  return wf::Value(doc).toJson();
}

wf::Result<Receipt> parseReceiptPayload(std::string_view payload) {
  std::string error;
  const std::optional<wf::Value> doc = wf::Value::parseJson(payload, &error);
  if (!doc) return refused("(document)", "not JSON: " + error);
  if (!doc->isObject()) return refused("(document)", "must be a JSON object");
  ASSIGN_OR_RETURN(const std::string format, stringField(*doc, "format"));
  if (format != kReceiptPayloadFormat) {
    return refused("format", "\"" + format + "\" is not " + std::string(kReceiptPayloadFormat));
  }
  Receipt r;
  ASSIGN_OR_RETURN(r.accepted_at, stringField(*doc, "acceptedAt"));
  ASSIGN_OR_RETURN(r.applicant_id_masked, stringField(*doc, "applicantIdMasked"));
  ASSIGN_OR_RETURN(r.applicant_name, stringField(*doc, "applicantName"));
  ASSIGN_OR_RETURN(r.case_code, stringField(*doc, "caseCode"));
  ASSIGN_OR_RETURN(r.clerk, stringField(*doc, "clerk"));
  ASSIGN_OR_RETURN(r.department, stringField(*doc, "department"));
  ASSIGN_OR_RETURN(r.materials_pending, listField(*doc, "materialsPending"));
  ASSIGN_OR_RETURN(r.materials_received, listField(*doc, "materialsReceived"));
  ASSIGN_OR_RETURN(r.matter_code, stringField(*doc, "matterCode"));
  ASSIGN_OR_RETURN(r.matter_name, stringField(*doc, "matterName"));
  ASSIGN_OR_RETURN(r.promised_date, stringField(*doc, "promisedDate"));
  ASSIGN_OR_RETURN(r.status_url, stringField(*doc, "statusUrl"));
  ASSIGN_OR_RETURN(r.window, stringField(*doc, "window"));
  const wf::Value* days = doc->find("promisedDays");
  if (days == nullptr) return refused("promisedDays", "missing");
  if (!days->isNumber() || days->asNumber() != std::floor(days->asNumber()) ||
      days->asNumber() < 0 || days->asNumber() > 10000) {
    return refused("promisedDays", "must be a whole number of working days");
  }
  r.promised_days = static_cast<int>(days->asNumber());
  if (canonicalPayload(r) != payload) {
    return refused("(document)", "not in canonical form (extra fields, spacing or key order)");
  }
  return r;
}

}  // namespace hall::domain
