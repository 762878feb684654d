#include "connectors/elicense/elicense_connector.h"

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

void ElicenseConnector::registerWith(wf::Engine& engine) {
  engine.registerJobHandler(kIssueJob, [this](const wf::JobContext& job) { return issue(job); });
}

}  // namespace connectors
