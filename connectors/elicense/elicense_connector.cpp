#include "connectors/elicense/elicense_connector.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>

namespace connectors {

namespace {

std::string textOf(const wf::Value& variables, const char* name) {
  const wf::Value* v = variables.isObject() ? variables.find(name) : nullptr;
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

std::string isoDate(std::chrono::year_month_day d) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return out;
}

// The day `years` years on, less one: a licence valid 5 years from
// 2026-11-29 runs until 2031-11-28 (29 February becomes 28 February).
std::chrono::year_month_day lastValidDay(std::chrono::year_month_day from, int years) {
  std::chrono::year_month_day to = from + std::chrono::years(years);
  if (!to.ok()) to = to.year() / to.month() / std::chrono::last;
  return std::chrono::sys_days(to) - std::chrono::days(1);
}

// A variable of the model that is missing or wrong: no retry mends it.
wf::Status modelError(const char* job_type, const std::string& why) {
  return wf::permanentJobFailure(wf::Status::invalid(std::string(job_type) + ": " + why));
}

// A licence id as the library gives them ("lic-00000001"): safe in a path.
bool wellFormedLicenceId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
  });
}

// The licence the variable `name` names, else the case's own (`licence.id`).
wf::Result<std::string> licenceIdOf(const wf::Value& variables, const char* name,
                                    const char* job_type) {
  std::string id = textOf(variables, name);
  if (id.empty()) {
    const wf::Value* own = variables.isObject() ? variables.find("licence") : nullptr;
    if (own != nullptr && own->isObject()) id = textOf(*own, "id");
  }
  if (id.empty()) {
    return modelError(job_type, std::string("no ") + name + " (nor licence.id) in the case");
  }
  if (!wellFormedLicenceId(id)) {
    return modelError(job_type, std::string(name) + " '" + id.substr(0, 80) +
                                    "' is not a licence id ([A-Za-z0-9._-], 1-64)");
  }
  return id;
}

// The variable childLicenceIds: a list of licence ids, or of licences
// (objects with an `id`, as elicense.issue leaves them).
wf::Result<std::vector<std::string>> childIdsOf(const wf::Value& variables, const char* job_type) {
  const wf::Value* list = variables.isObject() ? variables.find("childLicenceIds") : nullptr;
  if (list == nullptr || !list->isArray()) {
    return modelError(job_type, "the case has no list childLicenceIds");
  }
  std::vector<std::string> ids;
  for (const wf::Value& item : list->asArray()) {
    const std::string id = item.isString()   ? item.asString()
                           : item.isObject() ? textOf(item, "id")
                                             : std::string();
    if (!wellFormedLicenceId(id)) {
      return modelError(job_type, "childLicenceIds[" + std::to_string(ids.size()) +
                                      "] is not a licence id nor a licence with an id");
    }
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

bool wellFormedHolderId(const std::string& id) {
  return id.size() == 18 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
         });
}

}  // namespace

wf::Result<wf::Value> ElicenseConnector::issue(const wf::JobContext& job) {
  const std::string case_code = textOf(job.variables, "caseCode");
  const std::string matter_code = textOf(job.variables, "matterCode");
  const PlatformConfig& config = client_.config();
  if (case_code.empty() || matter_code.empty()) {
    return wf::Status::invalid(std::string(kIssueJob) + ": the case has no caseCode or matterCode");
  }
  const LicenceType* type = config.licenceFor(matter_code);
  if (type == nullptr) {
    return wf::permanentJobFailure(
        wf::Status::invalid(std::string(kIssueJob) + ": no <licence matter=\"" + matter_code +
                            "\"> in the " + config.id + " connector file"));
  }
  ASSIGN_OR_RETURN(const LicenceHolder holder, holders_.holderOf(case_code));

  const int64_t now = now_();
  const auto local_day = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(now)) +
      std::chrono::minutes(utc_offset_minutes_));
  const std::chrono::year_month_day issued_on(local_day);
  const wf::Value valid_until = type->valid_years > 0
                                    ? wf::Value(isoDate(lastValidDay(issued_on, type->valid_years)))
                                    : wf::Value();
  const wf::Value request(wf::Object{
      {"typeCode", wf::Value(type->type_code)},
      {"licenceName", wf::Value(type->name)},
      {"holder", wf::Value(holder.name)},
      {"holderIdType", wf::Value(holder.id_type)},
      {"holderId", wf::Value(holder.id_number)},
      {"issuer", wf::Value(type->issuer)},
      {"issuedOn", wf::Value(isoDate(issued_on))},
      {"validUntil", valid_until},
      {"caseCode", wf::Value(case_code)},
      {"data",
       wf::Value(wf::Object{{"matterCode", wf::Value(matter_code)},
                            {"matterName", wf::Value(textOf(job.variables, "matterName"))}})},
  });
  const CityReply reply =
      client_.send("POST", "/licences", request.toJson(), "hall-job-" + job.job.id);
  // A garbled answer may follow a licence the library did issue: the job
  // fails as worth retrying, and the retry (same idempotency key) gets that
  // licence back rather than a second one.
  ASSIGN_OR_RETURN(const wf::Value answer, reply.jsonObject(kIssueJob, config.name));
  const wf::Value* number = answer.find("licenceNumber");
  const wf::Value* id = answer.find("licenceId");
  if (number == nullptr || !number->isString() || id == nullptr || !id->isString()) {
    return wf::Status::unavailable(
        std::string(kIssueJob) + ": " + config.name +
        " answered without licenceNumber and licenceId strings: " + reply.body.substr(0, 300));
  }
  const wf::Value* issued_at = answer.find("issuedAt");
  return wf::Value(
      wf::Object{{"licence", wf::Value(wf::Object{
                                 {"number", *number},
                                 {"id", *id},
                                 {"typeCode", wf::Value(type->type_code)},
                                 {"name", wf::Value(type->name)},
                                 {"issuer", wf::Value(type->issuer)},
                                 {"holder", wf::Value(textOf(job.variables, "applicantName"))},
                                 {"issuedAt", issued_at != nullptr ? *issued_at : wf::Value(now)},
                                 {"validUntil", valid_until},
                                 {"source", wf::Value("city")},
                             })}});
}

wf::Result<wf::Value> ElicenseConnector::revoke(const wf::JobContext& job) {
  ASSIGN_OR_RETURN(const std::string id, licenceIdOf(job.variables, "licenceId", kRevokeJob));
  const std::string reason = textOf(job.variables, "revokeReason");
  if (reason.empty()) return modelError(kRevokeJob, "the case has no revokeReason");
  const PlatformConfig& config = client_.config();
  const CityReply reply = client_.send(
      "POST", "/licences/" + id + "/revoke",
      wf::Value(wf::Object{{"reason", wf::Value(reason)}}).toJson(), "hall-job-" + job.job.id);
  // 409: revoked already — by this job before its answer was lost, or by
  // someone else; either way the licence is revoked, which is what was asked.
  const bool already = reply.status == 409;
  if (!reply.ok() && !already) return reply.failure(kRevokeJob, config.name);
  wf::Object revocation{{"licenceId", wf::Value(id)},
                        {"status", wf::Value("revoked")},
                        {"reason", wf::Value(reason)},
                        {"alreadyRevoked", wf::Value(already)},
                        {"source", wf::Value("city")}};
  if (!already) {
    const std::optional<wf::Value> answer = wf::Value::parseJson(reply.body);
    if (answer && answer->isObject()) {
      for (const char* member : {"licenceNumber", "revokedAt"}) {
        if (const wf::Value* v = answer->find(member); v != nullptr) revocation[member] = *v;
      }
    }
  }
  return wf::Value(wf::Object{{"licenceRevocation", wf::Value(std::move(revocation))}});
}

wf::Result<wf::Value> ElicenseConnector::link(const wf::JobContext& job) {
  ASSIGN_OR_RETURN(const std::string parent,
                   licenceIdOf(job.variables, "parentLicenceId", kLinkJob));
  ASSIGN_OR_RETURN(const std::vector<std::string> children, childIdsOf(job.variables, kLinkJob));
  if (std::find(children.begin(), children.end(), parent) != children.end()) {
    return modelError(kLinkJob, "licence " + parent + " cannot be its own child");
  }
  const PlatformConfig& config = client_.config();
  wf::Array linked;
  for (const std::string& child : children) {
    // Linking a child linked already changes nothing, so a rerun after a
    // failure part way starts again from the first child.
    const CityReply reply =
        client_.send("POST", "/licences/" + parent + "/children",
                     wf::Value(wf::Object{{"childId", wf::Value(child)}}).toJson(),
                     "hall-job-" + job.job.id + "-" + child);
    if (!reply.ok()) return reply.failure(kLinkJob, config.name);
    linked.push_back(wf::Value(child));
  }
  return wf::Value(wf::Object{{"licenceLinks", wf::Value(wf::Object{
                                                   {"parentId", wf::Value(parent)},
                                                   {"children", wf::Value(std::move(linked))},
                                                   {"source", wf::Value("city")},
                                               })}});
}

wf::Result<std::vector<HeldLicence>> ElicenseConnector::licencesOf(const std::string& id_type,
                                                                   const std::string& id_number) {
  if (id_type != "ID_CARD" && id_type != "USCC") {
    return wf::Status::invalid("idType: expected ID_CARD or USCC");
  }
  if (!wellFormedHolderId(id_number)) {
    return wf::Status::invalid("idNumber: expected 18 characters of 0-9 and A-Z");
  }
  const PlatformConfig& config = client_.config();
  const std::string what = std::string(config.id) + " usage list";
  const CityReply reply = client_.send("GET", "/licences?holderId=" + id_number, "");
  if (!reply.ok()) return reply.failure(what, config.name);
  std::string parse_error;
  const std::optional<wf::Value> answer = wf::Value::parseJson(reply.body, &parse_error);
  if (!answer || !answer->isArray()) {
    return wf::Status::unavailable(what + ": " + config.name +
                                   " answered with something other than a JSON list" +
                                   (answer ? std::string() : " (" + parse_error + ")"));
  }
  std::vector<HeldLicence> out;
  for (const wf::Value& row : answer->asArray()) {
    HeldLicence l;
    l.id = textOf(row, "licenceId");
    l.number = textOf(row, "licenceNumber");
    l.type_code = textOf(row, "typeCode");
    l.name = textOf(row, "licenceName");
    l.status = textOf(row, "status");
    l.valid_until = textOf(row, "validUntil");
    if (l.id.empty() || l.number.empty() || l.type_code.empty() || l.status.empty()) {
      return wf::Status::unavailable(
          what + ": " + config.name +
          " listed a licence without licenceId, licenceNumber, typeCode or status");
    }
    out.push_back(std::move(l));
  }
  return out;
}

void ElicenseConnector::registerWith(wf::Engine& engine) {
  engine.registerJobHandler(kIssueJob, [this](const wf::JobContext& job) { return issue(job); });
  engine.registerJobHandler(kRevokeJob, [this](const wf::JobContext& job) { return revoke(job); });
  engine.registerJobHandler(kLinkJob, [this](const wf::JobContext& job) { return link(job); });
}

}  // namespace connectors
