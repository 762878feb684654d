#include "portal/domain/case_desk.h"

#include <algorithm>
#include <set>
#include <utility>

#include "portal/domain/case_code.h"
#include "portal/domain/hall_time.h"
#include "portal/domain/id_number.h"

namespace hall::domain {

namespace {

// How many running instances of one process the start-up check reads.
constexpr int kReconcileLimit = 1'000'000;

wf::Status fieldError(const std::string& field, const std::string& message) {
  return wf::Status::invalid(field + ": " + message,
                             wf::Value(wf::Object{{"field", wf::Value(field)}}));
}

int64_t millisOf(const wf::Clock& clock) { return clock.now().time_since_epoch().count(); }

// What the acceptance is about: a matter or a theme of the catalogue.
struct Subject {
  std::string name;
  std::string process_key;
  std::string department;  // the matter's department; empty for a theme
  int promised_days = 0;
};

wf::Result<Subject> subjectOf(const Catalogue& catalogue, const std::string& code) {
  if (const Matter* m = catalogue.matter(code)) {
    return Subject{m->name, m->process_key, m->department_name, m->promised_days};
  }
  if (const Theme* t = catalogue.theme(code)) {
    return Subject{t->name, t->process_key, "", t->promised_days};
  }
  return fieldError("subject", "目录中没有事项或主题 " + code);
}

}  // namespace

const char* materialMarkName(MaterialMark mark) {
  return mark == MaterialMark::Received ? "received" : "supplement";
}

std::optional<MaterialMark> materialMarkFromName(std::string_view name) {
  if (name == "received") return MaterialMark::Received;
  if (name == "supplement") return MaterialMark::Supplement;
  return std::nullopt;
}

CaseDesk::CaseDesk(wf::Engine& engine, const Catalogue& catalogue, CaseStore& store,
                   const PersonalDataVault& vault, const ReceiptSigner& signer,
                   const wf::Clock& clock, CaseDeskOptions options)
    : engine_(engine),
      catalogue_(catalogue),
      store_(store),
      vault_(vault),
      signer_(signer),
      clock_(clock),
      options_(std::move(options)) {}

wf::Result<CaseRecord> CaseDesk::accept(const AcceptRequest& request) {
  ASSIGN_OR_RETURN(const Subject subject, subjectOf(catalogue_, request.subject));
  ASSIGN_OR_RETURN(const std::vector<ChecklistItem> checklist,
                   catalogue_.checklist(request.subject, request.answers));
  if (request.applicant_name.empty()) return fieldError("applicantName", "请填写申请人姓名");
  const int64_t now = millisOf(clock_);
  const HallTime today = hallTime(now);
  if (wf::Status id = validateIdNumber(request.applicant_id, today.yyyymmdd); !id.isOk()) {
    std::string why = id.message();
    if (why.rfind("idNumber: ", 0) == 0) why = why.substr(10);
    return fieldError("applicantId", why);
  }
  if (!request.phone.empty() && !validPhone(request.phone)) {
    return fieldError("phone", "手机号码应为 1 开头的 11 位数字");
  }

  // Every material the applicant brings is marked; e-licences are fetched,
  // unless the clerk marked one (the library had no valid licence of the
  // applicant's, so the paper was taken).
  std::vector<std::string> received;
  std::vector<std::string> pending;
  wf::Array materials;
  for (const ChecklistItem& item : checklist) {
    const Material& m = item.material;
    std::string status;
    if (auto mark = request.materials.find(m.id); mark != request.materials.end()) {
      (mark->second == MaterialMark::Received ? received : pending).push_back(m.name);
      status = materialMarkName(mark->second);
    } else if (!item.bring) {
      received.push_back(m.name + "(电子证照)");
      status = "elicense";
    } else if (m.required) {
      return fieldError("materials." + m.id, "请标记材料「" + m.name + "」已收或待补正");
    } else {
      continue;
    }
    materials.push_back(wf::Value(wf::Object{
        {"id", wf::Value(m.id)}, {"name", wf::Value(m.name)}, {"status", wf::Value(status)}}));
  }
  for (const auto& [id, mark] : request.materials) {
    const bool listed = std::any_of(checklist.begin(), checklist.end(),
                                    [&](const ChecklistItem& i) { return i.material.id == id; });
    if (!listed) return fieldError("materials." + id, "不在本情形的材料清单中");
  }
  bool fingerprint_confirmed = false;
  if (fingerprints_ != nullptr && !request.window.empty()) {
    ASSIGN_OR_RETURN(fingerprint_confirmed, fingerprints_->confirm(request.clerk, request.window));
  }

  ASSIGN_OR_RETURN(const int sequence, store_.nextCaseSequence(options_.node, today.yyyymmdd));
  CaseRecord record;
  record.case_code = makeCaseCode({options_.region, today.yyyymmdd, options_.node, sequence});
  record.subject = request.subject;
  record.subject_name = subject.name;
  record.process_key = subject.process_key;
  record.applicant_name_masked = maskName(request.applicant_name);
  record.applicant_name_sealed = vault_.seal(request.applicant_name);
  record.applicant_id_sealed = vault_.seal(request.applicant_id);
  record.applicant_id_masked = maskIdNumber(request.applicant_id);
  if (!request.phone.empty()) {
    record.phone_sealed = vault_.seal(request.phone);
    record.phone_masked = maskPhone(request.phone);
  }
  record.clerk = request.clerk;
  record.window = request.window;
  record.fingerprint_confirmed = fingerprint_confirmed;
  record.accepted_at = now;
  record.promised_days = subject.promised_days;
  record.received = received;
  record.pending = pending;

  wf::Object situation;
  for (const auto& [question, option] : request.answers) situation.emplace(question, option);
  const wf::Value variables(wf::Object{
      {"caseCode", wf::Value(record.case_code)},
      {"matterCode", wf::Value(request.subject)},
      {"matterName", wf::Value(subject.name)},
      {"applicantName", wf::Value(record.applicant_name_masked)},
      {"situation", wf::Value(std::move(situation))},
      {"materials", wf::Value(std::move(materials))},
      {"acceptedBy", wf::Value(request.clerk)},
  });
  ASSIGN_OR_RETURN(const wf::InstanceInfo instance,
                   engine_.startInstance(subject.process_key, variables, record.case_code));
  record.instance_id = instance.id;
  record.promised_date = promisedDate(instance.id, now);

  Receipt receipt;
  receipt.case_code = record.case_code;
  receipt.matter_code = record.subject;
  receipt.matter_name = record.subject_name;
  receipt.applicant_name = record.applicant_name_masked;
  receipt.applicant_id_masked = record.applicant_id_masked;
  receipt.clerk = record.clerk;
  receipt.window = record.window;
  receipt.department = subject.department;
  receipt.materials_received = received;
  receipt.materials_pending = pending;
  receipt.accepted_at = today.date + " " + today.hhmm;
  receipt.promised_date = record.promised_date;
  receipt.promised_days = record.promised_days;
  receipt.status_url = options_.status_url_base + record.case_code;
  record.receipt_payload = canonicalPayload(receipt);
  record.receipt_signature = signer_.sign(record.receipt_payload);
  record.receipt_key_id = signer_.keyId();

  if (wf::Status stored = store_.insert(record); !stored.isOk()) {
    // The case was not recorded: take its process back rather than leave
    // an instance no case names.
    (void)engine_.cancelInstance(instance.id, "case record not stored: " + stored.message());
    return stored;
  }
  return record;
}

std::string CaseDesk::promisedDate(const std::string& instance_id, int64_t accepted_at) const {
  wf::TaskQuery query;
  query.instance_id = instance_id;
  int64_t latest = 0;
  if (auto tasks = engine_.tasks(query); tasks.ok()) {
    for (const wf::TaskInfo& t : *tasks) latest = std::max(latest, t.due_at);
  }
  return hallTime(latest != 0 ? latest : accepted_at).date;
}

wf::Result<int> CaseDesk::cancelUnrecorded() {
  std::set<std::string> keys;
  for (const Matter& m : catalogue_.matters()) keys.insert(m.process_key);
  for (const Theme& t : catalogue_.themes()) keys.insert(t.process_key);
  int cancelled = 0;
  for (const std::string& key : keys) {
    wf::InstanceQuery query;
    query.definition_key = key;
    query.limit = kReconcileLimit;
    ASSIGN_OR_RETURN(const std::vector<wf::InstanceInfo> running, engine_.instances(query));
    for (const wf::InstanceInfo& instance : running) {
      // Only what acceptance starts: a business key that is a case code.
      if (!parseCaseCode(instance.business_key).ok()) continue;
      ASSIGN_OR_RETURN(const std::optional<CaseRecord> recorded,
                       store_.find(instance.business_key));
      if (recorded) continue;
      RETURN_IF_ERROR(engine_.cancelInstance(
          instance.id, "受理未完成: no case " + instance.business_key + " was recorded"));
      ++cancelled;
    }
  }
  return cancelled;
}

wf::Result<CaseRecord> CaseDesk::find(const std::string& case_code) {
  ASSIGN_OR_RETURN(std::optional<CaseRecord> found, store_.find(case_code));
  if (!found) return wf::Status::notFound("没有办件 " + case_code);
  return *found;
}

wf::Result<CaseApplicant> CaseDesk::applicantOf(const std::string& case_code) {
  ASSIGN_OR_RETURN(const CaseRecord record, find(case_code));
  if (record.applicant_name_sealed.empty()) {
    return wf::Status::notFound("办件 " + case_code + " was accepted before names were kept");
  }
  ASSIGN_OR_RETURN(std::string name, vault_.open(record.applicant_name_sealed));
  ASSIGN_OR_RETURN(std::string id_number, vault_.open(record.applicant_id_sealed));
  std::string phone;
  if (!record.phone_sealed.empty()) {
    ASSIGN_OR_RETURN(phone, vault_.open(record.phone_sealed));
  }
  return CaseApplicant{std::move(name), std::move(id_number), std::move(phone)};
}

wf::Result<std::vector<CaseRecord>> CaseDesk::recent(const std::string& clerk, int limit) {
  return store_.recent(clerk, limit);
}

wf::Result<Receipt> CaseDesk::receiptOf(const CaseRecord& record) {
  return parseReceiptPayload(record.receipt_payload);
}

}  // namespace hall::domain
