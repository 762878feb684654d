// DepartmentRoutes: a department approver's task list (后台审批). An
// approver sees and works only the tasks offered to their own department
// (candidate group "dept:<department>"), whichever queue they sit in:
//   GET  /api/v1/department/tasks              open tasks, soonest due first,
//                                               each with dueAt and overdue
//   GET  /api/v1/department/tasks/{id}         the task and its case: case
//                                               code, matter, applicant (as
//                                               the case keeps it, masked),
//                                               situation, materials, and the
//                                               departments' reviews so far
//   POST /api/v1/department/tasks/{id}/claim
//   POST /api/v1/department/tasks/{id}/unclaim
//   POST /api/v1/department/tasks/{id}/decide  {decision: approve | reject |
//                                               supplement, reason, materials?}
// A decision completes the task with the variables the matter processes
// read (decision, reason, supplementMaterials, decidedBy). Reject and
// supplement need a reason. A task of another department is 403 and
// changes nothing; a task claimed by someone else is 409.
//
// The list comes from a DepartmentTaskView (in memory, as current as the
// engine); the other endpoints ask the engine.
//
// Thread-safety: the Engine and the view are thread-safe; no other state.
#pragma once

#include <cstdint>
#include <functional>

#include "portal/web/department_task_view.h"
#include "portal/web/router.h"
#include "wf/engine.h"

namespace portal::web {

class DepartmentRoutes {
 public:
  DepartmentRoutes(wf::Engine& engine, std::function<int64_t()> now_millis)
      : engine_(engine), now_(std::move(now_millis)), view_(engine, kListLimit) {}

  // The most tasks a list shows.
  static constexpr int kListLimit = 500;

  void addTo(Router& router);

  ApiResponse list(const ApiRequest& request);
  ApiResponse get(const ApiRequest& request);
  ApiResponse claim(const ApiRequest& request);
  ApiResponse unclaim(const ApiRequest& request);
  ApiResponse decide(const ApiRequest& request);

  // The candidate group of a department's tasks.
  static std::string groupOf(const std::string& department) { return "dept:" + department; }

 private:
  // The task when the caller's department may work it; 403/404 otherwise.
  wf::Result<wf::TaskInfo> ownTask(const ApiRequest& request);

  wf::Engine& engine_;
  std::function<int64_t()> now_;
  DepartmentTaskView view_;
};

}  // namespace portal::web
