#include "portal/domain/hall_licence.h"

#include <algorithm>
#include <string>

namespace hall::domain {

namespace {

std::string textOf(const wf::Value& variables, const char* name) {
  const wf::Value* v = variables.isObject() ? variables.find(name) : nullptr;
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

wf::Status permanent(const char* job_type, const std::string& why) {
  return wf::permanentJobFailure(wf::Status::invalid(std::string(job_type) + ": " + why));
}

// The case's own licence, when the variable `name` names it or nothing.
wf::Result<wf::Object> ownLicence(const wf::Value& variables, const char* name,
                                  const char* job_type) {
  const wf::Value* licence = variables.isObject() ? variables.find("licence") : nullptr;
  if (licence == nullptr || !licence->isObject()) {
    return permanent(job_type, "the case has no licence in the hall's register");
  }
  const std::string own =
      textOf(*licence, "id").empty() ? textOf(*licence, "number") : textOf(*licence, "id");
  const std::string named = textOf(variables, name);
  if (!named.empty() && named != own) {
    return permanent(job_type, std::string(name) + " " + named.substr(0, 80) +
                                   " is not this case's licence: the hall's register keeps only "
                                   "the case's own (connect the city's e-licence library)");
  }
  wf::Object out = licence->asObject();
  out["id"] = wf::Value(own);
  return out;
}

}  // namespace

wf::Result<wf::Value> revokeHallLicence(const wf::JobContext& job, int64_t now_millis) {
  ASSIGN_OR_RETURN(wf::Object licence,
                   ownLicence(job.variables, "licenceId", kRevokeLicenceJobType));
  const std::string reason = textOf(job.variables, "revokeReason");
  if (reason.empty()) return permanent(kRevokeLicenceJobType, "the case has no revokeReason");
  const bool already = licence["status"].isString() && licence["status"].asString() == "revoked";
  if (!already) {
    licence["status"] = wf::Value("revoked");
    licence["revokeReason"] = wf::Value(reason);
    licence["revokedAt"] = wf::Value(now_millis);
  }
  wf::Value id = licence["id"];
  return wf::Value(
      wf::Object{{"licence", wf::Value(std::move(licence))},
                 {"licenceRevocation", wf::Value(wf::Object{{"licenceId", std::move(id)},
                                                            {"status", wf::Value("revoked")},
                                                            {"reason", wf::Value(reason)},
                                                            {"alreadyRevoked", wf::Value(already)},
                                                            {"source", wf::Value("hall")}})}});
}

wf::Result<wf::Value> linkHallLicences(const wf::JobContext& job) {
  ASSIGN_OR_RETURN(wf::Object licence,
                   ownLicence(job.variables, "parentLicenceId", kLinkLicencesJobType));
  const wf::Value* list = job.variables.find("childLicenceIds");
  if (list == nullptr || !list->isArray()) {
    return permanent(kLinkLicencesJobType, "the case has no list childLicenceIds");
  }
  wf::Array children = licence["children"].isArray() ? licence["children"].asArray() : wf::Array();
  wf::Array linked;
  for (const wf::Value& item : list->asArray()) {
    const std::string id = item.isString() ? item.asString() : textOf(item, "id");
    if (id.empty()) {
      return permanent(kLinkLicencesJobType, "childLicenceIds[" + std::to_string(linked.size()) +
                                                 "] is not a licence id nor a licence with an id");
    }
    if (id == licence["id"].asString()) {
      return permanent(kLinkLicencesJobType, "licence " + id + " cannot be its own child");
    }
    const auto has = [&](const wf::Array& a) {
      return std::any_of(a.begin(), a.end(),
                         [&](const wf::Value& v) { return v.isString() && v.asString() == id; });
    };
    if (!has(children)) children.push_back(wf::Value(id));
    if (!has(linked)) linked.push_back(wf::Value(id));
  }
  wf::Value parent = licence["id"];
  licence["children"] = wf::Value(std::move(children));
  return wf::Value(
      wf::Object{{"licence", wf::Value(std::move(licence))},
                 {"licenceLinks", wf::Value(wf::Object{{"parentId", std::move(parent)},
                                                       {"children", wf::Value(std::move(linked))},
                                                       {"source", wf::Value("hall")}})}});
}

wf::Result<wf::Value> issueHallLicence(const wf::JobContext& job, int64_t now_millis) {
  const std::string case_code = textOf(job.variables, "caseCode");
  const std::string matter_code = textOf(job.variables, "matterCode");
  if (case_code.empty() || matter_code.empty()) {
    return wf::Status::invalid("elicense.issue: the case has no caseCode or matterCode (job " +
                               job.job.id + ")");
  }
  // One case may hold several licences (a theme's bundled matters and its
  // 行业综合许可证): the number names the matter too — its 14-digit base
  // code, or the theme's code.
  const size_t dash = matter_code.find('-');
  const std::string base = matter_code.substr(0, dash);
  const bool digits = !base.empty() && std::all_of(base.begin(), base.end(),
                                                   [](char c) { return c >= '0' && c <= '9'; });
  const std::string number = "HL" + case_code + "-" + (digits ? base : matter_code);
  return wf::Value(
      wf::Object{{"licence", wf::Value(wf::Object{
                                 {"id", wf::Value(number)},
                                 {"number", wf::Value(number)},
                                 {"matterCode", wf::Value(matter_code)},
                                 {"matterName", wf::Value(textOf(job.variables, "matterName"))},
                                 {"holder", wf::Value(textOf(job.variables, "applicantName"))},
                                 {"issuer", wf::Value(kLicenceIssuer)},
                                 {"issuedAt", wf::Value(now_millis)},
                             })}});
}

}  // namespace hall::domain
