#include "portal/web/department_routes.h"

#include <algorithm>
#include <utility>

#include "portal/web/record_json.h"

namespace portal::web {

namespace {

bool offeredTo(const wf::TaskInfo& task, const std::string& group) {
  return std::find(task.candidate_groups.begin(), task.candidate_groups.end(), group) !=
         task.candidate_groups.end();
}

// A person acts as their department; the hall's tools (System) name one.
wf::Result<std::string> departmentOf(const ApiRequest& request) {
  if (!request.caller.department.empty()) return request.caller.department;
  if (request.caller.has(hall::domain::Role::System)) {
    if (auto named = request.queryParam("department"); named && !named->empty()) return *named;
  }
  return wf::Status(wf::StatusCode::PermissionDenied,
                    "无所属部门: only a department's approver works its tasks",
                    fieldDetails("department"));
}

}  // namespace

void DepartmentRoutes::addTo(Router& router) {
  router.add("GET", "/api/v1/department/tasks", [this](const ApiRequest& r) { return list(r); });
  router.add("GET", "/api/v1/department/tasks/{id}",
             [this](const ApiRequest& r) { return get(r); });
  router.add("POST", "/api/v1/department/tasks/{id}/claim",
             [this](const ApiRequest& r) { return claim(r); });
  router.add("POST", "/api/v1/department/tasks/{id}/unclaim",
             [this](const ApiRequest& r) { return unclaim(r); });
  router.add("POST", "/api/v1/department/tasks/{id}/decide",
             [this](const ApiRequest& r) { return decide(r); });
}

ApiResponse DepartmentRoutes::list(const ApiRequest& request) {
  wf::Result<std::string> department = departmentOf(request);
  if (!department.ok()) return ApiResponse::error(department.status());
  wf::Result<std::shared_ptr<const DepartmentTaskView::List>> open =
      view_.tasksOf(groupOf(*department));
  if (!open.ok()) return ApiResponse::error(open.status());
  return ApiResponse::jsonText(DepartmentTaskView::render(**open, request.caller.name, now_()));
}

wf::Result<wf::TaskInfo> DepartmentRoutes::ownTask(const ApiRequest& request) {
  ASSIGN_OR_RETURN(const std::string department, departmentOf(request));
  ASSIGN_OR_RETURN(wf::TaskInfo task, engine_.task(request.params.at("id")));
  if (!offeredTo(task, groupOf(department))) {
    return wf::Status::permissionDenied("无权处理: task " + task.id + " is not offered to " +
                                        department);
  }
  return task;
}

ApiResponse DepartmentRoutes::get(const ApiRequest& request) {
  wf::Result<wf::TaskInfo> task = ownTask(request);
  if (!task.ok()) return ApiResponse::error(task.status());
  wf::Result<wf::InstanceInfo> instance = engine_.instance(task->instance_id);
  if (!instance.ok()) return ApiResponse::error(instance.status());
  // What an approver needs of the case, and nothing else of the instance.
  wf::Object case_view;
  if (instance->variables.isObject()) {
    for (const auto& [name, value] : instance->variables.asObject()) {
      const bool wanted = name == "caseCode" || name == "matterCode" || name == "matterName" ||
                          name == "applicantName" || name == "situation" || name == "materials" ||
                          name.rfind("review_", 0) == 0;
      if (wanted) case_view.emplace(name, value);
    }
  }
  case_view.emplace("businessKey", wf::Value(instance->business_key));
  wf::Object out = toJson(*task).asObject();
  out["overdue"] = wf::Value(task->due_at != 0 && task->due_at < now_());
  out["case"] = wf::Value(std::move(case_view));
  return ApiResponse::ok(wf::Value(std::move(out)));
}

ApiResponse DepartmentRoutes::claim(const ApiRequest& request) {
  wf::Result<wf::TaskInfo> task = ownTask(request);
  if (!task.ok()) return ApiResponse::error(task.status());
  if (!task->assignee.empty() && task->assignee != request.caller.name) {
    return ApiResponse::error(wf::Status::conflict("已由 " + task->assignee + " 签收"));
  }
  const wf::Status claimed = engine_.claimTask(task->id, request.caller.name);
  if (!claimed.isOk()) return ApiResponse::error(claimed);
  wf::Result<wf::TaskInfo> now = engine_.task(task->id);
  if (!now.ok()) return ApiResponse::error(now.status());
  return ApiResponse::ok(toJson(*now));
}

ApiResponse DepartmentRoutes::unclaim(const ApiRequest& request) {
  wf::Result<wf::TaskInfo> task = ownTask(request);
  if (!task.ok()) return ApiResponse::error(task.status());
  if (task->assignee != request.caller.name) {
    return ApiResponse::error(wf::Status::conflict("只能退回自己签收的任务"));
  }
  const wf::Status given_back = engine_.unclaimTask(task->id);
  if (!given_back.isOk()) return ApiResponse::error(given_back);
  return ApiResponse::noContent();
}

ApiResponse DepartmentRoutes::decide(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::string> decision = textMember(*body, "decision");
  if (!decision.ok()) return ApiResponse::error(decision.status());
  if (*decision != "approve" && *decision != "reject" && *decision != "supplement") {
    return ApiResponse::error(wf::Status::invalid(
        "decision: expected approve, reject or supplement", fieldDetails("decision")));
  }
  wf::Result<std::string> reason = textMember(*body, "reason");
  if (!reason.ok()) return ApiResponse::error(reason.status());
  if (*decision != "approve" && reason->empty()) {
    return ApiResponse::error(
        wf::Status::invalid("reason: 不予许可或补正须说明理由", fieldDetails("reason")));
  }
  wf::Result<std::optional<wf::Value>> materials =
      optionalMember(*body, "materials", wf::ValueKind::Array);
  if (!materials.ok()) return ApiResponse::error(materials.status());
  if (*materials) {
    for (const wf::Value& m : (*materials)->asArray()) {
      if (!m.isString()) {
        return ApiResponse::error(wf::Status::invalid("materials: expected material ids (text)",
                                                      fieldDetails("materials")));
      }
    }
  }
  wf::Result<wf::TaskInfo> task = ownTask(request);
  if (!task.ok()) return ApiResponse::error(task.status());
  if (!task->assignee.empty() && task->assignee != request.caller.name) {
    return ApiResponse::error(wf::Status::conflict("已由 " + task->assignee + " 签收"));
  }
  const wf::Value variables(wf::Object{
      {"decision", wf::Value(*decision)},
      {"reason", wf::Value(*reason)},
      {"supplementMaterials", materials->value_or(wf::Value(wf::Array{}))},
      {"decidedBy", wf::Value(request.caller.name)},
  });
  const wf::Status completed = engine_.completeTask(task->id, variables);
  if (!completed.isOk()) return ApiResponse::error(completed);
  return ApiResponse::noContent();
}

}  // namespace portal::web
