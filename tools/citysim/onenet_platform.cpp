#include "tools/citysim/onenet_platform.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "tools/citysim/request_parts.h"

namespace hall::citysim {

namespace {

// An implementation code (实施编码) or another catalogue code: 1–64 of
// 0-9, A-Z, a-z and '-'.
bool isCatalogueCode(std::string_view code) {
  return !code.empty() && code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

wf::Result<std::string> codeMember(const wf::Value& body, const std::string& field,
                                   bool (*valid)(std::string_view), const char* what) {
  ASSIGN_OR_RETURN(std::string code, requiredString(body, field, 64));
  if (!valid(code)) return fieldRefused(field, std::string("must be ") + what);
  return code;
}

// applicant {name, idType, idNumber}, checked, as canonical JSON members.
wf::Result<wf::Value> applicantOf(const wf::Value& body, int today) {
  const wf::Value* a = body.find("applicant");
  if (a == nullptr || a->isNull()) return fieldRefused("applicant", "is required");
  if (!a->isObject()) {
    return fieldRefused("applicant", std::string("must be an object, not ") + jsonTypeName(*a));
  }
  ASSIGN_OR_RETURN(const std::string name, requiredString(*a, "name"));
  const wf::Value* type = a->find("idType");
  if (type == nullptr || !type->isString() ||
      (type->asString() != "ID_CARD" && type->asString() != "USCC")) {
    return fieldRefused("applicant.idType", "must be \"ID_CARD\" or \"USCC\"");
  }
  const wf::Value* id = a->find("idNumber");
  if (id == nullptr || !id->isString()) {
    return fieldRefused("applicant.idNumber", "is required as a string");
  }
  RETURN_IF_ERROR(checkPartyId("applicant.idNumber", type->asString(), id->asString(), today));
  return wf::Value(wf::Object{{"name", wf::Value(name)},
                              {"idType", wf::Value(type->asString())},
                              {"idNumber", wf::Value(id->asString())}});
}

// acceptedAt / appliedAt: epoch milliseconds, a whole positive number.
wf::Result<int64_t> epochMember(const wf::Value& body, const std::string& field) {
  const wf::Value* v = body.find(field);
  if (v == nullptr || v->isNull()) return fieldRefused(field, "is required");
  if (!v->isNumber() || v->asNumber() <= 0 ||
      v->asNumber() != static_cast<int64_t>(v->asNumber())) {
    return fieldRefused(field, "must be epoch milliseconds (a whole positive number)");
  }
  return static_cast<int64_t>(v->asNumber());
}

// The form definitions (填报界面) of the matters the city runs in mode 1/2:
// 食品经营许可 and 营业执照 (their implementation codes in models/catalogue).
struct FormField {
  const char* name;
  const char* label;
  const char* type;  // text | number | date | select | idNumber | phone
  bool required;
  std::vector<const char*> options;
};

const std::map<std::string, std::vector<FormField>>& forms() {
  static const std::map<std::string, std::vector<FormField>> kForms = {
      {"00012310600001-310105000000-000-11310105MB2F1952X1-1-00",
       {{"entityName", "经营者名称", "text", true, {}},
        {"creditCode", "统一社会信用代码", "text", true, {}},
        {"premises", "经营场所", "text", true, {}},
        {"businessType",
         "主体业态",
         "select",
         true,
         {"食品销售经营者", "餐饮服务经营者", "单位食堂"}},
        {"area", "经营面积（平方米）", "number", true, {}},
        {"contactPhone", "联系电话", "phone", false, {}}}},
      {"00012310400001-310105000000-000-11310105MB2F1952X1-1-00",
       {{"companyName", "企业名称", "text", true, {}},
        {"companyType",
         "企业类型",
         "select",
         true,
         {"有限责任公司", "股份有限公司", "个人独资企业"}},
        {"registeredCapital", "注册资本（万元）", "number", true, {}},
        {"address", "住所", "text", true, {}},
        {"legalRepresentative", "法定代表人", "text", true, {}},
        {"legalRepresentativeId", "法定代表人身份证号", "idNumber", true, {}},
        {"startDate", "营业期限自", "date", false, {}}}},
  };
  return kForms;
}

}  // namespace

PlatformResponse OnenetPlatform::handle(const PlatformRequest& request, PlatformStats& stats) {
  const std::vector<std::string> s =
      segmentsOf(std::string_view(request.path).substr(prefix().size()));
  const auto only = [&](const char* method) { return request.method == method; };
  if (s.size() == 1 && s[0] == "cases") {
    return only("POST") ? submit(request, stats) : methodNotAllowed(request);
  }
  if (s.size() == 1 && s[0] == "online-cases") {
    return only("GET") ? listOnline(request) : methodNotAllowed(request);
  }
  if (s.size() == 3 && s[0] == "online-cases" && s[2] == "take") {
    return only("POST") ? take(request, s[1], stats) : methodNotAllowed(request);
  }
  if (s.size() == 3 && s[0] == "matters" && s[2] == "form") {
    return only("GET") ? form(s[1]) : methodNotAllowed(request);
  }
  return notFound("no endpoint of 一网通办中台 at " + request.path);
}

PlatformResponse OnenetPlatform::control(const PlatformRequest& request) {
  if (request.path != "/online-cases") return Platform::control(request);
  if (request.method != "POST") return methodNotAllowed(request);
  return applyOnline(request.body, request.now_ms);
}

PlatformResponse OnenetPlatform::submit(const PlatformRequest& request, PlatformStats& stats) {
  std::string key;
  if (auto refusal = idempotencyKeyOf(request, &key)) return *refusal;
  wf::Value body;
  if (auto refusal = objectBody(request, &body)) return *refusal;
  const auto parsed = [&]() -> wf::Result<wf::Value> {
    ASSIGN_OR_RETURN(
        const std::string case_code,
        codeMember(body, "caseCode", isCaseCode, "23 characters of 0-9 and A-Z (统一办件编码)"));
    ASSIGN_OR_RETURN(const std::string matter_code,
                     codeMember(body, "matterCode", isCatalogueCode,
                                "an implementation code: 1 to 64 of 0-9, A-Z, a-z and '-'"));
    ASSIGN_OR_RETURN(wf::Value applicant, applicantOf(body, beijingDate(request.now_ms)));
    ASSIGN_OR_RETURN(const int64_t accepted_at, epochMember(body, "acceptedAt"));
    if (accepted_at > request.now_ms + 300'000) {
      return fieldRefused("acceptedAt", "lies in the future");
    }
    ASSIGN_OR_RETURN(const std::string hall_code, codeMember(body, "hallCode", isCatalogueCode,
                                                             "1 to 64 of 0-9, A-Z, a-z and '-'"));
    ASSIGN_OR_RETURN(const std::string window, optionalString(body, "window", 32));
    return wf::Value(wf::Object{{"caseCode", wf::Value(case_code)},
                                {"matterCode", wf::Value(matter_code)},
                                {"applicant", std::move(applicant)},
                                {"acceptedAt", wf::Value(accepted_at)},
                                {"hallCode", wf::Value(hall_code)},
                                {"window", wf::Value(window)}});
  }();
  if (!parsed.ok()) return refusalResponse(parsed.status());
  const std::string fingerprint = parsed->toJson();
  const std::string case_code = parsed->find("caseCode")->asString();

  std::lock_guard<std::mutex> lock(mutex_);
  if (const auto seen = submitted_by_key_.find(key); seen != submitted_by_key_.end()) {
    if (seen->second.fingerprint != fingerprint) {
      return errorResponse(
          409, "CONFLICT",
          "Idempotency-Key " + key + " was used for another case (" + seen->second.case_code + ")");
    }
    ++stats.duplicates;
    wf::Object answer = submissionAnswer(seen->second).asObject();
    answer["replayed"] = wf::Value(true);
    return jsonResponse(200, wf::Value(std::move(answer)));
  }
  if (const auto other = key_by_case_code_.find(case_code); other != key_by_case_code_.end()) {
    return errorResponse(409, "CONFLICT",
                         "case " + case_code + " was submitted already as " +
                             submitted_by_key_.at(other->second).unified_code);
  }
  char unified[40];
  std::snprintf(unified, sizeof(unified), "310000%08d%08lld", beijingDate(request.now_ms),
                static_cast<long long>(++unified_sequence_));
  Submission s{fingerprint, case_code, unified, request.now_ms};
  const auto [stored, inserted] = submitted_by_key_.emplace(key, std::move(s));
  key_by_case_code_.emplace(case_code, key);
  ++stats.issued;
  return jsonResponse(201, submissionAnswer(stored->second));
}

PlatformResponse OnenetPlatform::listOnline(const PlatformRequest& request) {
  const auto hall = request.query.find("hallCode");
  if (hall == request.query.end() || hall->second.empty()) {
    return invalidArgument("hallCode", "the query parameter is required");
  }
  std::string status = "pending";
  if (const auto s = request.query.find("status"); s != request.query.end()) status = s->second;
  if (status != "pending" && status != "taken") {
    return invalidArgument("status", "must be pending or taken");
  }
  wf::Array rows;
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [id, c] : online_) {
    if (c.hall_code == hall->second && c.status == status) rows.push_back(onlineCaseJson(c));
  }
  return jsonResponse(200, wf::Value(std::move(rows)));
}

PlatformResponse OnenetPlatform::take(const PlatformRequest& request, const std::string& id,
                                      PlatformStats& stats) {
  std::string key;
  if (auto refusal = idempotencyKeyOf(request, &key)) return *refusal;
  wf::Value body;
  if (auto refusal = objectBody(request, &body)) return *refusal;
  wf::Result<std::string> hall_code = requiredString(body, "hallCode", 64);
  if (!hall_code.ok()) return refusalResponse(hall_code.status());

  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = online_.find(id);
  if (found == online_.end()) return notFound("一网通办中台 has no online case " + id);
  OnlineCase& c = found->second;
  if (c.hall_code != *hall_code) {
    return errorResponse(409, "CONFLICT", "online case " + id + " is for hall " + c.hall_code);
  }
  if (c.status == "taken") {
    if (c.taken_key != key) {
      return errorResponse(409, "CONFLICT", "online case " + id + " is taken already");
    }
    ++stats.duplicates;
    wf::Object answer = onlineCaseJson(c).asObject();
    answer["replayed"] = wf::Value(true);
    return jsonResponse(200, wf::Value(std::move(answer)));
  }
  c.status = "taken";
  c.taken_key = key;
  c.taken_at = request.now_ms;
  ++stats.issued;
  return jsonResponse(200, onlineCaseJson(c));
}

PlatformResponse OnenetPlatform::form(const std::string& matter_code) {
  const auto found = forms().find(matter_code);
  if (found == forms().end()) {
    return notFound("一网通办中台 has no form for matter " + matter_code);
  }
  wf::Array fields;
  for (const FormField& f : found->second) {
    wf::Array options;
    for (const char* o : f.options) options.emplace_back(o);
    fields.push_back(wf::Value(wf::Object{{"name", wf::Value(f.name)},
                                          {"label", wf::Value(f.label)},
                                          {"type", wf::Value(f.type)},
                                          {"required", wf::Value(f.required)},
                                          {"options", wf::Value(std::move(options))}}));
  }
  return jsonResponse(200, wf::Value(wf::Object{{"matterCode", wf::Value(matter_code)},
                                                {"version", wf::Value("1")},
                                                {"fields", wf::Value(std::move(fields))}}));
}

PlatformResponse OnenetPlatform::applyOnline(const std::string& text, int64_t now_ms) {
  std::string error;
  const std::optional<wf::Value> body = wf::Value::parseJson(text, &error);
  if (!body) return invalidArgument("body", "is not JSON (" + error + ")");
  if (!body->isObject()) return invalidArgument("body", "must be a JSON object");
  const auto parsed = [&]() -> wf::Result<wf::Value> {
    ASSIGN_OR_RETURN(const std::string matter_code, codeMember(*body, "matterCode", isCatalogueCode,
                                                               "1 to 64 of 0-9, A-Z, a-z and '-'"));
    ASSIGN_OR_RETURN(wf::Value applicant, applicantOf(*body, beijingDate(now_ms)));
    ASSIGN_OR_RETURN(const std::string hall_code, codeMember(*body, "hallCode", isCatalogueCode,
                                                             "1 to 64 of 0-9, A-Z, a-z and '-'"));
    ASSIGN_OR_RETURN(const std::string phone, optionalString(*body, "phone", 11));
    const wf::Value* situation = body->find("situation");
    if (situation != nullptr && !situation->isNull() && !situation->isObject()) {
      return fieldRefused("situation", "must be an object of question → option");
    }
    return wf::Value(wf::Object{
        {"matterCode", wf::Value(matter_code)},
        {"applicant", std::move(applicant)},
        {"hallCode", wf::Value(hall_code)},
        {"phone", phone.empty() ? wf::Value() : wf::Value(phone)},
        {"situation",
         situation != nullptr && situation->isObject() ? *situation : wf::Value(wf::Object{})}});
  }();
  if (!parsed.ok()) return refusalResponse(parsed.status());
  std::lock_guard<std::mutex> lock(mutex_);
  char id[32];
  std::snprintf(id, sizeof(id), "oc-%08lld", static_cast<long long>(++online_sequence_));
  OnlineCase c;
  c.id = id;
  c.application = *parsed;
  c.hall_code = parsed->find("hallCode")->asString();
  c.applied_at = now_ms;
  const auto [stored, inserted] = online_.emplace(c.id, std::move(c));
  return jsonResponse(201, onlineCaseJson(stored->second));
}

wf::Value OnenetPlatform::submissionAnswer(const Submission& s) {
  return wf::Value(wf::Object{{"unifiedCode", wf::Value(s.unified_code)},
                              {"caseCode", wf::Value(s.case_code)},
                              {"receivedAt", wf::Value(s.received_at)}});
}

wf::Value OnenetPlatform::onlineCaseJson(const OnlineCase& c) {
  wf::Object o = c.application.asObject();
  o["id"] = wf::Value(c.id);
  o["appliedAt"] = wf::Value(c.applied_at);
  o["status"] = wf::Value(c.status);
  o["takenAt"] = c.taken_at != 0 ? wf::Value(c.taken_at) : wf::Value();
  return wf::Value(std::move(o));
}

}  // namespace hall::citysim
