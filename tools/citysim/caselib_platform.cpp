#include "tools/citysim/caselib_platform.h"

#include <cmath>

#include "tools/citysim/request_parts.h"

namespace hall::citysim {

namespace {

// 受理, 补正, 补正收件, 办结, 发证, 不予许可.
bool isCaseStatus(const std::string& s) {
  return s == "accepted" || s == "supplement" || s == "resumed" || s == "concluded" ||
         s == "issued" || s == "refused";
}

wf::Result<int64_t> positiveWhole(const wf::Value& body, const std::string& field) {
  const wf::Value* v = body.find(field);
  if (v == nullptr || v->isNull()) return fieldRefused(field, "is required");
  if (!v->isNumber()) {
    return fieldRefused(field, std::string("must be a number, not ") + jsonTypeName(*v));
  }
  const double d = v->asNumber();
  if (d != std::floor(d) || d < 1 || d > 9e15) {
    return fieldRefused(field, "must be a whole number from 1");
  }
  return static_cast<int64_t>(d);
}

}  // namespace

wf::Result<CaseStatusReport> parseCaseStatusReport(std::string_view body) {
  std::string error;
  const std::optional<wf::Value> json = wf::Value::parseJson(body, &error);
  if (!json) return fieldRefused("body", "is not JSON (" + error + ")");
  if (!json->isObject()) return fieldRefused("body", "must be a JSON object");
  CaseStatusReport r;
  ASSIGN_OR_RETURN(r.status, requiredString(*json, "status"));
  if (!isCaseStatus(r.status)) {
    return fieldRefused("status",
                        "must be one of accepted, supplement, resumed, concluded, issued, "
                        "refused, not '" +
                            r.status + "'");
  }
  ASSIGN_OR_RETURN(r.at, positiveWhole(*json, "at"));
  ASSIGN_OR_RETURN(r.seq, positiveWhole(*json, "seq"));
  ASSIGN_OR_RETURN(r.matter_code, requiredString(*json, "matterCode", 128));
  if (const wf::Value* dept = json->find("dept"); dept != nullptr && !dept->isNull()) {
    ASSIGN_OR_RETURN(r.dept, requiredString(*json, "dept", 128));
  }
  return r;
}

PlatformResponse CaselibPlatform::handle(const PlatformRequest& request, PlatformStats& stats) {
  const std::vector<std::string> s =
      segmentsOf(std::string_view(request.path).substr(prefix().size()));
  if (s.empty() || s[0] != "cases" || s.size() < 2 || s.size() > 3 ||
      (s.size() == 3 && s[2] != "statuses")) {
    return notFound("no endpoint of 市办件库 at " + request.path);
  }
  if (!isCaseCode(s[1])) {
    return invalidArgument("caseCode", "must be 23 characters of 0-9 and A-Z (统一办件编码)");
  }
  if (s.size() == 2) {
    if (request.method == "GET") return read(s[1]);
    return methodNotAllowed(request);
  }
  if (request.method == "POST") return report(request, s[1], stats);
  return methodNotAllowed(request);
}

PlatformResponse CaselibPlatform::report(const PlatformRequest& request,
                                         const std::string& case_code, PlatformStats& stats) {
  std::string key;
  if (auto refusal = idempotencyKeyOf(request, &key)) return *refusal;
  wf::Result<CaseStatusReport> parsed = parseCaseStatusReport(request.body);
  if (!parsed.ok()) return refusalResponse(parsed.status());
  CaseStatusReport& r = *parsed;

  std::lock_guard<std::mutex> lock(mutex_);
  Case& c = cases_[case_code];
  if (c.history.empty()) {
    c.matter_code = r.matter_code;
  } else if (c.matter_code != r.matter_code) {
    return errorResponse(
        409, "CONFLICT",
        "case " + case_code + " is of matter " + c.matter_code + ", not " + r.matter_code,
        "matterCode");
  }
  const auto answer = [&](int status, const Entry& entry, bool replayed) {
    wf::Object o = entryValue(entry).asObject();
    o.emplace("caseCode", wf::Value(case_code));
    o.emplace("current", wf::Value(entry.report.seq == c.current_seq));
    if (replayed) o.emplace("replayed", wf::Value(true));
    return jsonResponse(status, wf::Value(std::move(o)));
  };
  if (const auto seen = c.history.find(r.seq); seen != c.history.end()) {
    if (seen->second.report.status != r.status) {
      return errorResponse(409, "CONFLICT",
                           "seq " + std::to_string(r.seq) + " of case " + case_code + " is " +
                               seen->second.report.status + ", not " + r.status,
                           "seq");
    }
    ++stats.duplicates;
    return answer(200, seen->second, true);
  }
  const int64_t seq = r.seq;
  const auto [at, inserted] = c.history.emplace(seq, Entry{std::move(r), request.now_ms});
  if (seq > c.current_seq) c.current_seq = seq;
  ++stats.issued;
  return answer(201, at->second, false);
}

PlatformResponse CaselibPlatform::read(const std::string& case_code) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = cases_.find(case_code);
  if (found == cases_.end() || found->second.history.empty()) {
    return notFound("市办件库 has no case " + case_code);
  }
  const Case& c = found->second;
  wf::Array history;
  for (const auto& [seq, entry] : c.history) history.push_back(entryValue(entry));
  return jsonResponse(200, wf::Value(wf::Object{
                               {"caseCode", wf::Value(case_code)},
                               {"matterCode", wf::Value(c.matter_code)},
                               {"current", entryValue(c.history.at(c.current_seq))},
                               {"history", wf::Value(std::move(history))},
                           }));
}

wf::Value CaselibPlatform::entryValue(const Entry& e) {
  wf::Object o{{"status", wf::Value(e.report.status)},
               {"seq", wf::Value(e.report.seq)},
               {"at", wf::Value(e.report.at)},
               {"receivedAt", wf::Value(e.received_at)}};
  if (!e.report.dept.empty()) o.emplace("dept", wf::Value(e.report.dept));
  return wf::Value(std::move(o));
}

}  // namespace hall::citysim
