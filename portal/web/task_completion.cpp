#include "portal/web/task_completion.h"

namespace portal::web {

ApiResponse claimAndComplete(wf::Engine& engine, const ApiRequest& request,
                             const wf::TaskInfo& task, const wf::Value& variables) {
  if (!task.assignee.empty() && task.assignee != request.caller.name) {
    return ApiResponse::error(wf::Status::conflict("已由 " + task.assignee + " 办理"));
  }
  if (task.assignee.empty()) {
    const wf::Status claimed = engine.claimTask(task.id, request.caller.name);
    if (!claimed.isOk()) return ApiResponse::error(claimed);
  }
  const wf::Status completed = engine.completeTask(task.id, variables);
  if (!completed.isOk()) return ApiResponse::error(completed);
  return ApiResponse::noContent();
}

}  // namespace portal::web
