#include "tools/citysim/line_records.h"

#include <cstdio>
#include <utility>

#include "tools/citysim/request_parts.h"

namespace hall::citysim {

namespace {

void checkText(const wf::Object& fields, const char* name, size_t max, const char* label,
               std::vector<FieldProblem>* out) {
  const auto found = fields.find(name);
  if (found == fields.end() || found->second.isNull()) {
    out->push_back({name, std::string(label) + "必填"});
  } else if (!found->second.isString()) {
    out->push_back({name, std::string(label) + "须为文本"});
  } else if (found->second.asString().empty()) {
    out->push_back({name, std::string(label) + "必填"});
  } else if (found->second.asString().size() > max) {
    out->push_back({name, std::string(label) + "过长（至多" + std::to_string(max) + "字节）"});
  }
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& lineCategories() {
  static const std::vector<std::pair<std::string, std::string>> categories = {
      {"FOOD_SERVICE", "餐饮服务"}, {"FOOD_SALE", "食品销售"}, {"CANTEEN", "单位食堂"}};
  return categories;
}

wf::Value LineRecord::toValue() const {
  return wf::Value(wf::Object{{"caseCode", wf::Value(case_code)},
                              {"regNo", wf::Value(reg_no)},
                              {"fields", wf::Value(fields)},
                              {"department", wf::Value(department)}});
}

std::vector<FieldProblem> LineRecords::check(const wf::Object& fields) {
  std::vector<FieldProblem> out;
  checkText(fields, "applicant", 128, "申请人", &out);
  checkText(fields, "matterCode", 64, "事项编码", &out);
  checkText(fields, "address", 256, "经营场所", &out);
  const auto category = fields.find("category");
  bool known = false;
  if (category != fields.end() && category->second.isString()) {
    for (const auto& [code, name] : lineCategories())
      known = known || code == category->second.asString();
  }
  if (!known) out.push_back({"category", "经营类别须为 FOOD_SERVICE、FOOD_SALE 或 CANTEEN"});
  const auto area = fields.find("area");
  if (area == fields.end() || !area->second.isNumber()) {
    out.push_back({"area", "经营面积须为数字"});
  } else if (!(area->second.asNumber() > 0 && area->second.asNumber() <= 100000)) {
    out.push_back({"area", "经营面积须大于0且不超过100000"});
  }
  return out;
}

LineRecords::Put LineRecords::put(const std::string& case_code, wf::Object fields) {
  std::lock_guard<std::mutex> lock(mutex_);
  Put out;
  auto found = records_.find(case_code);
  if (found == records_.end()) {
    LineRecord record;
    record.case_code = case_code;
    char number[48];
    std::snprintf(number, sizeof number, "%s-%04d-%06lld", prefix_.c_str(), year_,
                  static_cast<long long>(++serial_));
    record.reg_no = number;
    found = records_.emplace(case_code, std::move(record)).first;
    out.created = true;
  }
  out.changed = out.created || wf::Value(found->second.fields) != wf::Value(fields);
  found->second.fields = std::move(fields);
  out.record = found->second;
  return out;
}

std::optional<LineRecord> LineRecords::find(const std::string& case_code) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = records_.find(case_code);
  if (found == records_.end()) return std::nullopt;
  return found->second;
}

std::optional<LineRecord> LineRecords::enter(const std::string& case_code,
                                             const wf::Object& entered, FieldProblem* problem) {
  for (const auto& [name, value] : entered) {
    if (name != "opinion" && name != "licenceNo" && name != "decision") {
      *problem = {name, "unknown department field (opinion, licenceNo, decision)"};
      return std::nullopt;
    }
    if (!value.isString()) {
      *problem = {name, "must be text"};
      return std::nullopt;
    }
    if (name == "decision" && value.asString() != "approved" && value.asString() != "rejected") {
      *problem = {name, "must be approved or rejected"};
      return std::nullopt;
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = records_.find(case_code);
  if (found == records_.end()) return std::nullopt;
  for (const auto& [name, value] : entered) found->second.department[name] = value;
  return found->second;
}

PlatformResponse departmentControl(LineRecords& records, const PlatformRequest& request,
                                   const std::string& platform) {
  const std::vector<std::string> s = segmentsOf(request.path);
  if (s.size() != 2 || s[0] != "department") {
    return errorResponse(404, "NOT_FOUND", "no control " + request.path + " for " + platform);
  }
  if (request.method != "PUT") return methodNotAllowed(request);
  wf::Value body;
  if (std::optional<PlatformResponse> refused = objectBody(request, &body)) return *refused;
  FieldProblem problem;
  const std::optional<LineRecord> record = records.enter(s[1], body.asObject(), &problem);
  if (!problem.field.empty()) return invalidArgument(problem.field, problem.why);
  if (!record) return errorResponse(404, "NOT_FOUND", "no record of case " + s[1]);
  return jsonResponse(200, record->toValue());
}

}  // namespace hall::citysim
