#include "portal/web/clerk_task_routes.h"

#include <algorithm>
#include <utility>

#include "portal/web/record_json.h"
#include "portal/web/task_completion.h"

namespace portal::web {

namespace {

constexpr int kListLimit = 200;

bool isClerkTask(const wf::TaskInfo& task) {
  const bool offered = std::find(task.candidate_groups.begin(), task.candidate_groups.end(),
                                 ClerkTaskRoutes::kGroup) != task.candidate_groups.end();
  return offered && (task.queue == ClerkTaskRoutes::kSupplementQueue ||
                     task.queue == ClerkTaskRoutes::kIssueQueue);
}

// What a clerk needs of the case, from the instance's variables.
wf::Value caseView(const wf::InstanceInfo& instance) {
  wf::Object out{{"businessKey", wf::Value(instance.business_key)}};
  wf::Array reviews;
  if (instance.variables.isObject()) {
    for (const auto& [name, value] : instance.variables.asObject()) {
      if (name == "caseCode" || name == "matterCode" || name == "matterName" ||
          name == "applicantName" || name == "materials" || name == "licence") {
        out.emplace(name, value);
      } else if (name.rfind("review_", 0) == 0) {
        reviews.push_back(value);
      }
    }
  }
  out.emplace("reviews", wf::Value(std::move(reviews)));
  return wf::Value(std::move(out));
}

}  // namespace

void ClerkTaskRoutes::addTo(Router& router) {
  router.add("GET", "/api/v1/clerk/tasks", [this](const ApiRequest& r) { return list(r); });
  router.add("POST", "/api/v1/clerk/tasks/{id}/complete",
             [this](const ApiRequest& r) { return complete(r); });
}

wf::Value ClerkTaskRoutes::withCase(const wf::TaskInfo& task) const {
  wf::Object out = toJson(task).asObject();
  wf::Result<wf::InstanceInfo> instance = engine_.instance(task.instance_id);
  out["case"] = instance.ok() ? caseView(*instance) : wf::Value();
  return wf::Value(std::move(out));
}

ApiResponse ClerkTaskRoutes::list(const ApiRequest& request) {
  const std::string queue = request.queryParam("queue").value_or("");
  if (queue != kSupplementQueue && queue != kIssueQueue) {
    return ApiResponse::error(
        wf::Status::invalid("queue: expected supplement or issue", fieldDetails("queue")));
  }
  wf::TaskQuery query;
  query.candidate_group = kGroup;
  query.queue = queue;
  query.limit = kListLimit;
  wf::Result<std::vector<wf::TaskInfo>> tasks = engine_.tasks(query);
  if (!tasks.ok()) return ApiResponse::error(tasks.status());
  std::vector<wf::TaskInfo> open = std::move(tasks).value();
  std::stable_sort(open.begin(), open.end(), [](const wf::TaskInfo& a, const wf::TaskInfo& b) {
    return a.created_at < b.created_at;
  });
  wf::Array out;
  for (const wf::TaskInfo& task : open) out.push_back(withCase(task));
  return ApiResponse::ok(wf::Value(std::move(out)));
}

ApiResponse ClerkTaskRoutes::complete(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<wf::TaskInfo> task = engine_.task(request.params.at("id"));
  if (!task.ok()) return ApiResponse::error(task.status());
  if (!isClerkTask(*task)) {
    return ApiResponse::error(
        wf::Status::permissionDenied("无权处理: task " + task->id + " is not a window's task"));
  }
  if (task->queue == kSupplementQueue) return supplement(request, *body, *task);
  return handOver(request, *body, *task);
}

ApiResponse ClerkTaskRoutes::supplement(const ApiRequest& request, const wf::Value& body,
                                        const wf::TaskInfo& task) {
  wf::Result<std::optional<wf::Value>> materials =
      optionalMember(body, "materials", wf::ValueKind::Array);
  if (!materials.ok()) return ApiResponse::error(materials.status());
  const bool listed = materials->has_value() && !(*materials)->asArray().empty() &&
                      std::all_of((*materials)->asArray().begin(), (*materials)->asArray().end(),
                                  [](const wf::Value& m) { return m.isString(); });
  if (!listed) {
    return ApiResponse::error(wf::Status::invalid(
        "materials: 请列出补正收取的材料 (material ids, at least one)", fieldDetails("materials")));
  }
  return claimAndComplete(
      engine_, request, task,
      wf::Value(wf::Object{{"supplementedMaterials", **materials},
                           {"supplementedBy", wf::Value(request.caller.name)}}));
}

ApiResponse ClerkTaskRoutes::handOver(const ApiRequest& request, const wf::Value& body,
                                      const wf::TaskInfo& task) {
  wf::Result<std::string> delivery = textMember(body, "delivery");
  if (!delivery.ok()) return ApiResponse::error(delivery.status());
  if (*delivery != "window" && *delivery != "express") {
    return ApiResponse::error(
        wf::Status::invalid("delivery: expected window or express", fieldDetails("delivery")));
  }
  wf::Object variables{{"delivery", wf::Value(*delivery)},
                       {"handedOverBy", wf::Value(request.caller.name)}};
  if (*delivery == "express" && seal_recipient_) {
    wf::Result<wf::Value> recipient = seal_recipient_(body.find("recipient"));
    if (!recipient.ok()) return ApiResponse::error(recipient.status());
    variables.emplace("recipient", std::move(recipient).value());
  }
  return claimAndComplete(engine_, request, task, wf::Value(std::move(variables)));
}

}  // namespace portal::web
