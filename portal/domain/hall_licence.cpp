#include "portal/domain/hall_licence.h"

#include <string>

namespace hall::domain {

namespace {

std::string textOf(const wf::Value& variables, const char* name) {
  const wf::Value* v = variables.isObject() ? variables.find(name) : nullptr;
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

}  // namespace

wf::Result<wf::Value> issueHallLicence(const wf::JobContext& job, int64_t now_millis) {
  const std::string case_code = textOf(job.variables, "caseCode");
  const std::string matter_code = textOf(job.variables, "matterCode");
  if (case_code.empty() || matter_code.empty()) {
    return wf::Status::invalid("elicense.issue: the case has no caseCode or matterCode (job " +
                               job.job.id + ")");
  }
  return wf::Value(
      wf::Object{{"licence", wf::Value(wf::Object{
                                 {"number", wf::Value("HL" + case_code)},
                                 {"matterCode", wf::Value(matter_code)},
                                 {"matterName", wf::Value(textOf(job.variables, "matterName"))},
                                 {"holder", wf::Value(textOf(job.variables, "applicantName"))},
                                 {"issuer", wf::Value(kLicenceIssuer)},
                                 {"issuedAt", wf::Value(now_millis)},
                             })}});
}

}  // namespace hall::domain
