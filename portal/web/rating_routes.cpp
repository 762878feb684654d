#include "portal/web/rating_routes.h"

#include <algorithm>
#include <cmath>

#include "portal/web/record_json.h"
#include "portal/web/task_completion.h"

namespace portal::web {

namespace {

constexpr int kListLimit = 200;
constexpr size_t kMaxActionsChars = 1000;

bool isFollowUp(const wf::TaskInfo& task) {
  return task.definition_key == hall::domain::kRatingProcess &&
         task.queue == hall::domain::kFollowUpQueue &&
         std::find(task.candidate_groups.begin(), task.candidate_groups.end(),
                   hall::domain::kFollowUpGroup) != task.candidate_groups.end();
}

size_t characters(const std::string& text) {
  size_t n = 0;
  for (const unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// What a manager needs of the rating, from the instance's variables.
wf::Value ratingView(const wf::InstanceInfo& instance) {
  wf::Object out;
  if (instance.variables.isObject()) {
    for (const auto& [name, value] : instance.variables.asObject()) {
      if (name == "ratingId" || name == "serviceType" || name == "caseCode" ||
          name == "ticketNumber" || name == "matterCode" || name == "level" || name == "channel" ||
          name == "window" || name == "clerk" || name == "comment" || name == "ratedAt" ||
          name == "ratingSource") {
        out.emplace(name, value);
      }
    }
  }
  return wf::Value(std::move(out));
}

}  // namespace

void RatingRoutes::addTo(Router& router) {
  router.add("POST", "/api/v1/ratings", [this](const ApiRequest& r) { return rate(r); });
  router.add("GET", "/api/v1/ratings/follow-ups",
             [this](const ApiRequest& r) { return followUps(r); });
  router.add("POST", "/api/v1/ratings/follow-ups/{id}/complete",
             [this](const ApiRequest& r) { return completeFollowUp(r); });
}

ApiResponse RatingRoutes::rate(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  hall::domain::RatingRequest rating;
  for (const auto& [field, out] :
       {std::pair{"ticketToken", &rating.ticket_token}, std::pair{"caseCode", &rating.case_code},
        std::pair{"channel", &rating.channel}, std::pair{"comment", &rating.comment}}) {
    wf::Result<std::string> text = textMember(*body, field);
    if (!text.ok()) return ApiResponse::error(text.status());
    *out = std::move(text).value();
  }
  wf::Result<std::optional<wf::Value>> level =
      optionalMember(*body, "level", wf::ValueKind::Number);
  if (!level.ok()) return ApiResponse::error(level.status());
  if (level->has_value()) {
    const double l = (*level)->asNumber();
    if (l != std::floor(l)) {
      return ApiResponse::error(
          wf::Status::invalid("level: must be a whole number 1–5", fieldDetails("level")));
    }
    rating.level = static_cast<int64_t>(std::clamp(l, -1.0, 100.0));
  }
  if (request.caller.has(hall::domain::Role::Clerk) ||
      request.caller.has(hall::domain::Role::Manager)) {
    rating.caller = request.caller.name;
  }
  wf::Result<hall::domain::RatingRecord> taken = desk_.rate(rating);
  if (!taken.ok()) return ApiResponse::error(taken.status());
  return ApiResponse::created(wf::Value(wf::Object{
      {"ratingId", wf::Value(taken->id)},
      {"serviceType", wf::Value(taken->service.service_type)},
      {"level", wf::Value(taken->level)},
      {"followUp", wf::Value(taken->level <= 2)},
  }));
}

ApiResponse RatingRoutes::followUps(const ApiRequest&) {
  wf::TaskQuery query;
  query.candidate_group = hall::domain::kFollowUpGroup;
  query.queue = hall::domain::kFollowUpQueue;
  query.limit = kListLimit;
  wf::Result<std::vector<wf::TaskInfo>> tasks = engine_.tasks(query);
  if (!tasks.ok()) return ApiResponse::error(tasks.status());
  std::vector<wf::TaskInfo> open = std::move(tasks).value();
  std::erase_if(open, [](const wf::TaskInfo& t) { return !isFollowUp(t); });
  std::stable_sort(open.begin(), open.end(), [](const wf::TaskInfo& a, const wf::TaskInfo& b) {
    return a.created_at < b.created_at;
  });
  wf::Array out;
  for (const wf::TaskInfo& task : open) {
    wf::Object o = toJson(task).asObject();
    wf::Result<wf::InstanceInfo> instance = engine_.instance(task.instance_id);
    o["rating"] = instance.ok() ? ratingView(*instance) : wf::Value();
    out.push_back(wf::Value(std::move(o)));
  }
  return ApiResponse::ok(wf::Value(std::move(out)));
}

ApiResponse RatingRoutes::completeFollowUp(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::string> actions = textMember(*body, "actions");
  if (!actions.ok()) return ApiResponse::error(actions.status());
  if (actions->empty() || characters(*actions) > kMaxActionsChars) {
    return ApiResponse::error(wf::Status::invalid("actions: 请填写整改情况 (1 to 1000 characters)",
                                                  fieldDetails("actions")));
  }
  wf::Result<wf::TaskInfo> task = engine_.task(request.params.at("id"));
  if (!task.ok()) return ApiResponse::error(task.status());
  if (!isFollowUp(*task)) {
    return ApiResponse::error(
        wf::Status::permissionDenied("无权处理: task " + task->id + " is not a rating follow-up"));
  }
  return claimAndComplete(
      engine_, request, *task,
      wf::Value(
          wf::Object{{"followUp", wf::Value(wf::Object{{"actions", wf::Value(*actions)},
                                                       {"by", wf::Value(request.caller.name)}})}}));
}

}  // namespace portal::web
