#include "tools/citysim/linesys_json_platform.h"

#include <utility>

#include "tools/citysim/request_parts.h"

namespace hall::citysim {

PlatformResponse LinesysJsonPlatform::control(const PlatformRequest& request) {
  return departmentControl(records_, request, name());
}

PlatformResponse LinesysJsonPlatform::handle(const PlatformRequest& request, PlatformStats& stats) {
  const std::vector<std::string> s =
      segmentsOf(std::string_view(request.path).substr(prefix().size()));
  if (s.size() != 2 || s[0] != "records") {
    return errorResponse(404, "NOT_FOUND",
                         "no endpoint of " + displayName() + " at " + request.path);
  }
  const std::string& case_code = s[1];
  if (!isCaseCode(case_code)) {
    return invalidArgument("caseCode", "must be 23 characters of 0-9 and A-Z");
  }
  if (request.method == "GET") {
    const std::optional<LineRecord> record = records_.find(case_code);
    if (!record) return errorResponse(404, "NOT_FOUND", "no record of case " + case_code);
    return jsonResponse(200, record->toValue());
  }
  if (request.method != "PUT") return methodNotAllowed(request);
  wf::Value body;
  if (std::optional<PlatformResponse> refused = objectBody(request, &body)) return *refused;
  const std::vector<FieldProblem> problems = LineRecords::check(body.asObject());
  if (!problems.empty()) return invalidArgument(problems.front().field, problems.front().why);
  wf::Object fields;
  for (const char* name : {"applicant", "matterCode", "address", "category", "area"}) {
    fields.emplace(name, *body.find(name));
  }
  const LineRecords::Put put = records_.put(case_code, std::move(fields));
  if (put.created) {
    ++stats.issued;
  } else if (!put.changed) {
    ++stats.duplicates;
  }
  return jsonResponse(put.created ? 201 : 200, put.record.toValue());
}

}  // namespace hall::citysim
