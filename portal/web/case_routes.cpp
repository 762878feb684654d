#include "portal/web/case_routes.h"

#include <charconv>

#include "portal/documents/receipt_pdf.h"
#include "portal/documents/receipt_verification.h"
#include "portal/domain/case_delivery.h"
#include "portal/domain/case_stage.h"

namespace portal::web {

namespace {

using hall::domain::CaseRecord;

wf::Value strings(const std::vector<std::string>& items) {
  wf::Array out;
  for (const std::string& s : items) out.emplace_back(s);
  return wf::Value(std::move(out));
}

wf::Value caseJson(const CaseRecord& c) {
  return wf::Value(wf::Object{
      {"caseCode", wf::Value(c.case_code)},
      {"instanceId", wf::Value(c.instance_id)},
      {"subject", wf::Value(c.subject)},
      {"subjectName", wf::Value(c.subject_name)},
      {"applicantName", wf::Value(c.applicant_name_masked)},
      {"applicantId", wf::Value(c.applicant_id_masked)},
      {"phone", c.phone_masked.empty() ? wf::Value() : wf::Value(c.phone_masked)},
      {"clerk", wf::Value(c.clerk)},
      {"window", c.window.empty() ? wf::Value() : wf::Value(c.window)},
      {"fingerprintConfirmed", wf::Value(c.fingerprint_confirmed)},
      {"acceptedAt", wf::Value(c.accepted_at)},
      {"promisedDate", wf::Value(c.promised_date)},
      {"promisedDays", wf::Value(c.promised_days)},
      {"materialsReceived", strings(c.received)},
      {"materialsPending", strings(c.pending)},
      {"receiptKeyId", wf::Value(c.receipt_key_id)},
  });
}

wf::Value receiptJson(const hall::domain::Receipt& r, const std::string& key_id) {
  return wf::Value(wf::Object{
      {"valid", wf::Value(true)},
      {"caseCode", wf::Value(r.case_code)},
      {"matterName", wf::Value(r.matter_name)},
      {"applicantName", wf::Value(r.applicant_name)},
      {"acceptedAt", wf::Value(r.accepted_at)},
      {"promisedDate", wf::Value(r.promised_date)},
      {"keyId", wf::Value(key_id)},
  });
}

// {answers: {questionId: optionId}} → the map; InvalidArgument naming the field.
wf::Result<std::map<std::string, std::string>> answersOf(const wf::Value& body) {
  ASSIGN_OR_RETURN(std::optional<wf::Value> member,
                   optionalMember(body, "answers", wf::ValueKind::Object));
  std::map<std::string, std::string> answers;
  if (!member) return answers;
  for (const auto& [question, option] : member->asObject()) {
    if (!option.isString()) {
      return wf::Status::invalid("answers." + question + ": expected an option id (text)",
                                 fieldDetails("answers." + question));
    }
    answers.emplace(question, option.asString());
  }
  return answers;
}

}  // namespace

void CaseRoutes::addStage(wf::Object& out, const std::string& instance_id) {
  wf::Result<wf::InstanceInfo> instance = engine_.instance(instance_id);
  if (!instance.ok()) return;
  const hall::domain::CaseStage stage = hall::domain::caseStageOf(*instance);
  out["stage"] = wf::Value(hall::domain::caseStageName(stage));
  out["stageLabel"] = wf::Value(hall::domain::caseStageLabel(stage));
}

void CaseRoutes::addTo(Router& router) {
  auto bind = [this](ApiResponse (CaseRoutes::*method)(const ApiRequest&)) {
    return [this, method](const ApiRequest& request) { return (this->*method)(request); };
  };
  router.add("GET", "/api/v1/catalogue", bind(&CaseRoutes::search));
  router.add("GET", "/api/v1/catalogue/{code}", bind(&CaseRoutes::subject));
  router.add("POST", "/api/v1/catalogue/{code}/checklist", bind(&CaseRoutes::checklist));
  router.add("POST", "/api/v1/cases", bind(&CaseRoutes::accept));
  router.add("GET", "/api/v1/cases", bind(&CaseRoutes::list));
  router.add("GET", "/api/v1/cases/{code}", bind(&CaseRoutes::get));
  router.add("GET", "/api/v1/receipts/{code}/pdf", bind(&CaseRoutes::receiptPdf));
  router.add("GET", "/api/v1/receipts/{code}/verify", bind(&CaseRoutes::verifyStored));
  router.add("POST", "/api/v1/receipts/verify", bind(&CaseRoutes::verifyUploaded));
}

ApiResponse CaseRoutes::search(const ApiRequest& request) {
  const std::string text = request.queryParam("q").value_or("");
  wf::Array matters;
  for (const hall::domain::Matter* m : catalogue_.searchMatters(text)) {
    matters.push_back(wf::Value(wf::Object{
        {"code", wf::Value(m->code)},
        {"name", wf::Value(m->name)},
        {"category", wf::Value(m->category)},
        {"department", wf::Value(m->department_name)},
        {"caseKind", wf::Value(m->case_kind)},
        {"promisedDays", wf::Value(m->promised_days)},
        {"statutoryDays", wf::Value(m->statutory_days)},
    }));
  }
  wf::Array themes;
  for (const hall::domain::Theme* t : catalogue_.searchThemes(text)) {
    themes.push_back(wf::Value(wf::Object{
        {"code", wf::Value(t->id)},
        {"name", wf::Value(t->name)},
        {"matters", strings(t->matter_codes)},
        {"promisedDays", wf::Value(t->promised_days)},
    }));
  }
  return ApiResponse::ok(wf::Value(wf::Object{{"matters", wf::Value(std::move(matters))},
                                              {"themes", wf::Value(std::move(themes))}}));
}

ApiResponse CaseRoutes::subject(const ApiRequest& request) {
  const std::string& code = request.params.at("code");
  wf::Result<std::vector<const hall::domain::SituationQuestion*>> questions =
      catalogue_.questions(code);
  if (!questions.ok()) return ApiResponse::error(questions.status());
  wf::Array out;
  for (const hall::domain::SituationQuestion* q : *questions) {
    wf::Array options;
    for (const hall::domain::SituationOption& o : q->options) {
      options.push_back(
          wf::Value(wf::Object{{"id", wf::Value(o.id)}, {"label", wf::Value(o.label)}}));
    }
    out.push_back(wf::Value(wf::Object{{"id", wf::Value(q->id)},
                                       {"text", wf::Value(q->text)},
                                       {"options", wf::Value(std::move(options))}}));
  }
  const hall::domain::Matter* matter = catalogue_.matter(code);
  const hall::domain::Theme* theme = catalogue_.theme(code);
  return ApiResponse::ok(wf::Value(wf::Object{
      {"code", wf::Value(code)},
      {"kind", wf::Value(matter ? "matter" : "theme")},
      {"name", wf::Value(matter ? matter->name : theme->name)},
      {"promisedDays", wf::Value(matter ? matter->promised_days : theme->promised_days)},
      {"questions", wf::Value(std::move(out))},
  }));
}

ApiResponse CaseRoutes::checklist(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::map<std::string, std::string>> answers = answersOf(*body);
  if (!answers.ok()) return ApiResponse::error(answers.status());
  wf::Result<std::vector<hall::domain::ChecklistItem>> items =
      catalogue_.checklist(request.params.at("code"), *answers);
  if (!items.ok()) return ApiResponse::error(items.status());
  wf::Array out;
  for (const hall::domain::ChecklistItem& item : *items) {
    const hall::domain::Material& m = item.material;
    out.push_back(wf::Value(wf::Object{
        {"id", wf::Value(m.id)},
        {"name", wf::Value(m.name)},
        {"copies", wf::Value(m.copies)},
        {"original", wf::Value(m.original)},
        {"required", wf::Value(m.required)},
        {"bring", wf::Value(item.bring)},
        {"elicenseType", m.elicense_type.empty() ? wf::Value() : wf::Value(m.elicense_type)},
        {"reviewPoints", strings(m.review_points)},
        {"matterCode", wf::Value(item.matter_code)},
    }));
  }
  return ApiResponse::ok(wf::Value(std::move(out)));
}

ApiResponse CaseRoutes::accept(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  hall::domain::AcceptRequest accept;
  for (auto [name, into] : {std::pair<const char*, std::string*>{"subject", &accept.subject},
                            {"applicantName", &accept.applicant_name},
                            {"applicantId", &accept.applicant_id},
                            {"phone", &accept.phone},
                            {"window", &accept.window}}) {
    wf::Result<std::string> text = textMember(*body, name);
    if (!text.ok()) return ApiResponse::error(text.status());
    *into = *text;
  }
  wf::Result<std::map<std::string, std::string>> answers = answersOf(*body);
  if (!answers.ok()) return ApiResponse::error(answers.status());
  accept.answers = *answers;
  wf::Result<std::optional<wf::Value>> materials =
      optionalMember(*body, "materials", wf::ValueKind::Object);
  if (!materials.ok()) return ApiResponse::error(materials.status());
  if (*materials) {
    for (const auto& [id, mark] : (*materials)->asObject()) {
      const auto parsed =
          mark.isString() ? hall::domain::materialMarkFromName(mark.asString()) : std::nullopt;
      if (!parsed) {
        return ApiResponse::error(
            wf::Status::invalid("materials." + id + ": expected received or supplement",
                                fieldDetails("materials." + id)));
      }
      accept.materials.emplace(id, *parsed);
    }
  }
  accept.clerk = request.caller.name;
  // A clerk accepts at their own window, so its fingerprint reader asks
  // their finger; the hall's tools name one.
  if (window_of_ && !request.caller.has(hall::domain::Role::System)) {
    const std::string signed_in = window_of_(request.caller.name);
    if (!accept.window.empty() && accept.window != signed_in) {
      return ApiResponse::error(wf::Status(wf::StatusCode::PermissionDenied,
                                           "window: 只能在本人签到的窗口受理 (signed in at " +
                                               (signed_in.empty() ? "no window" : signed_in) + ")",
                                           fieldDetails("window")));
    }
    accept.window = signed_in;
  }
  wf::Result<CaseRecord> accepted = desk_.accept(accept);
  if (!accepted.ok()) return ApiResponse::error(accepted.status());
  return ApiResponse::created(caseJson(*accepted));
}

ApiResponse CaseRoutes::list(const ApiRequest& request) {
  int limit = 50;
  if (const auto text = request.queryParam("limit")) {
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (error != std::errc() || end != text->data() + text->size() || limit < 1 || limit > 500) {
      return ApiResponse::error(
          wf::Status::invalid("limit: expected 1 to 500", fieldDetails("limit")));
    }
  }
  const bool mine = request.queryParam("mine").value_or("") == "true";
  wf::Result<std::vector<CaseRecord>> cases =
      desk_.recent(mine ? request.caller.name : std::string(), limit);
  if (!cases.ok()) return ApiResponse::error(cases.status());
  wf::Array out;
  for (const CaseRecord& c : *cases) out.push_back(caseJson(c));
  return ApiResponse::ok(wf::Value(std::move(out)));
}

ApiResponse CaseRoutes::get(const ApiRequest& request) {
  wf::Result<CaseRecord> found = desk_.find(request.params.at("code"));
  if (!found.ok()) return ApiResponse::error(found.status());
  wf::Object out = caseJson(*found).asObject();
  if (wf::Result<wf::InstanceInfo> instance = engine_.instance(found->instance_id); instance.ok()) {
    wf::Array waiting;
    for (const std::string& a : instance->active_activity_ids) waiting.emplace_back(a);
    out["waitingAt"] = wf::Value(std::move(waiting));
    out["ended"] = wf::Value(instance->ended_at != 0);
    // The city's 统一审批编码, once the case is reported (onenet.submit).
    const wf::Value* unified =
        instance->variables.isObject() ? instance->variables.find("unifiedCode") : nullptr;
    out["unifiedCode"] = unified != nullptr && unified->isString() ? *unified : wf::Value();
    if (std::optional<wf::Value> delivery = hall::domain::caseDeliveryOf(*instance)) {
      out["delivery"] = std::move(*delivery);
    }
  }
  addStage(out, found->instance_id);
  return ApiResponse::ok(wf::Value(std::move(out)));
}

ApiResponse CaseRoutes::receiptPdf(const ApiRequest& request) {
  wf::Result<CaseRecord> found = desk_.find(request.params.at("code"));
  if (!found.ok()) return ApiResponse::error(found.status());
  wf::Result<hall::domain::Receipt> receipt = hall::domain::CaseDesk::receiptOf(*found);
  if (!receipt.ok()) return ApiResponse::error(receipt.status());
  wf::Result<std::string> pdf = portal::documents::renderReceiptPdf(
      *receipt, found->receipt_signature, found->receipt_key_id);
  if (!pdf.ok()) return ApiResponse::error(pdf.status());
  return ApiResponse::file("application/pdf", std::move(pdf).value());
}

ApiResponse CaseRoutes::verifyStored(const ApiRequest& request) {
  wf::Result<CaseRecord> found = desk_.find(request.params.at("code"));
  if (!found.ok()) return ApiResponse::error(found.status());
  wf::Result<hall::domain::Receipt> receipt = hall::domain::CaseDesk::receiptOf(*found);
  if (!receipt.ok()) return ApiResponse::error(receipt.status());
  const wf::Status valid =
      portal::documents::verifyReceiptSignature(*receipt, found->receipt_signature, signer_);
  if (!valid.isOk()) return ApiResponse::error(valid);
  wf::Object out = receiptJson(*receipt, found->receipt_key_id).asObject();
  addStage(out, found->instance_id);
  return ApiResponse::ok(wf::Value(std::move(out)));
}

ApiResponse CaseRoutes::verifyUploaded(const ApiRequest& request) {
  if (request.body.empty()) {
    return ApiResponse::error(
        wf::Status::invalid("body: the receipt PDF is required", fieldDetails("body")));
  }
  wf::Result<portal::documents::VerifiedReceipt> verified =
      portal::documents::verifyReceiptPdf(request.body, signer_);
  if (!verified.ok()) return ApiResponse::error(verified.status());
  return ApiResponse::ok(receiptJson(verified->receipt, verified->key_id));
}

}  // namespace portal::web
