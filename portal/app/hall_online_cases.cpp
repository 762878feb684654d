#include "portal/app/hall_online_cases.h"

#include "portal/domain/id_number.h"

namespace hall::app {

namespace {

std::string textOf(const wf::Value& object, const char* name) {
  const wf::Value* v = object.isObject() ? object.find(name) : nullptr;
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

wf::Status cityRefused(const std::string& online_id, const std::string& field,
                       const std::string& why) {
  return wf::Status::invalid("online case " + online_id + ": " + field + ": " + why,
                             wf::Value(wf::Object{{"field", wf::Value(field)}}));
}

}  // namespace

wf::Result<wf::Value> HallOnlineCases::pending() {
  ASSIGN_OR_RETURN(const wf::Value cases, onenet_.pendingOnlineCases());
  wf::Array out;
  for (const wf::Value& c : cases.asArray()) {
    if (!c.isObject()) continue;
    const std::string matter = textOf(c, "matterCode");
    const hall::domain::Matter* m = catalogue_.matter(matter);
    const hall::domain::Theme* t = m == nullptr ? catalogue_.theme(matter) : nullptr;
    const wf::Value* applicant = c.find("applicant");
    const std::string phone = textOf(c, "phone");
    const wf::Value* applied_at = c.find("appliedAt");
    const wf::Value* situation = c.find("situation");
    out.push_back(wf::Value(wf::Object{
        {"id", wf::Value(textOf(c, "id"))},
        {"matterCode", wf::Value(matter)},
        {"matterName", m != nullptr   ? wf::Value(m->name)
                       : t != nullptr ? wf::Value(t->name)
                                      : wf::Value()},
        {"applicantName",
         wf::Value(hall::domain::maskName(applicant ? textOf(*applicant, "name") : ""))},
        {"applicantId",
         wf::Value(hall::domain::maskIdNumber(applicant ? textOf(*applicant, "idNumber") : ""))},
        {"phone", phone.empty() ? wf::Value() : wf::Value(hall::domain::maskPhone(phone))},
        {"appliedAt", applied_at != nullptr ? *applied_at : wf::Value()},
        {"situation", situation != nullptr && situation->isObject() ? *situation : wf::Value()},
    }));
  }
  return wf::Value(std::move(out));
}

wf::Result<hall::domain::AcceptRequest> HallOnlineCases::acceptRequestOf(
    const wf::Value& c, const std::string& clerk, const std::string& window) const {
  const std::string id = textOf(c, "id");
  hall::domain::AcceptRequest request;
  request.subject = textOf(c, "matterCode");
  if (const wf::Value* situation = c.find("situation"); situation && situation->isObject()) {
    for (const auto& [question, option] : situation->asObject()) {
      if (!option.isString()) return cityRefused(id, "situation." + question, "is not an option");
      request.answers.emplace(question, option.asString());
    }
  }
  const wf::Value* applicant = c.find("applicant");
  if (applicant == nullptr || !applicant->isObject()) {
    return cityRefused(id, "applicant", "the city sent none");
  }
  if (textOf(*applicant, "idType") != "ID_CARD") {
    return cityRefused(id, "applicant.idType", "窗口接件仅支持居民身份证申请人");
  }
  request.applicant_name = textOf(*applicant, "name");
  request.applicant_id = textOf(*applicant, "idNumber");
  request.phone = textOf(c, "phone");
  // The applicant uploaded every material online.
  ASSIGN_OR_RETURN(const std::vector<hall::domain::ChecklistItem> checklist,
                   catalogue_.checklist(request.subject, request.answers));
  for (const hall::domain::ChecklistItem& item : checklist) {
    if (item.bring)
      request.materials.emplace(item.material.id, hall::domain::MaterialMark::Received);
  }
  request.clerk = clerk;
  request.window = window;
  return request;
}

wf::Value HallOnlineCases::caseJson(const hall::domain::CaseRecord& r,
                                    const std::string& online_id) const {
  return wf::Value(wf::Object{{"caseCode", wf::Value(r.case_code)},
                              {"onlineCaseId", wf::Value(online_id)},
                              {"subject", wf::Value(r.subject)},
                              {"subjectName", wf::Value(r.subject_name)},
                              {"applicantName", wf::Value(r.applicant_name_masked)},
                              {"applicantId", wf::Value(r.applicant_id_masked)},
                              {"clerk", wf::Value(r.clerk)},
                              {"acceptedAt", wf::Value(r.accepted_at)},
                              {"promisedDate", wf::Value(r.promised_date)}});
}

wf::Result<portal::web::OnlineIntake::Taken> HallOnlineCases::take(const std::string& online_id,
                                                                   const std::string& clerk,
                                                                   const std::string& window) {
  std::lock_guard lock(take_mu_);
  ASSIGN_OR_RETURN(const std::optional<std::string> known, book_.caseOf(online_id));
  if (known) {
    ASSIGN_OR_RETURN(const hall::domain::CaseRecord record, desk_.find(*known));
    return Taken{caseJson(record, online_id), true};
  }
  ASSIGN_OR_RETURN(const wf::Value online_case, onenet_.take(online_id));
  ASSIGN_OR_RETURN(const hall::domain::AcceptRequest request,
                   acceptRequestOf(online_case, clerk, window));
  ASSIGN_OR_RETURN(const hall::domain::CaseRecord record, desk_.accept(request));
  RETURN_IF_ERROR(book_.record(online_id, record.case_code, now_()));
  return Taken{caseJson(record, online_id), false};
}

wf::Result<wf::Value> HallOnlineCases::form(const std::string& matter_code) {
  const int64_t now = now_();
  {
    std::lock_guard lock(forms_mu_);
    if (const auto cached = forms_.find(matter_code);
        cached != forms_.end() && cached->second.until > now) {
      return cached->second.form;
    }
  }
  ASSIGN_OR_RETURN(wf::Value form, onenet_.form(matter_code));
  std::lock_guard lock(forms_mu_);
  forms_[matter_code] = CachedForm{now + kFormCacheMillis, form};
  return form;
}

}  // namespace hall::app
