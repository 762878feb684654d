#include "portal/web/engine_routes.h"

#include <charconv>
#include <string>
#include <utility>

#include "portal/web/record_json.h"
#include "wf/diagnostic.h"

namespace portal::web {

namespace {

constexpr int kMaxTaskLimit = 1000;

// A member that must be a non-empty string; 400 naming the field otherwise.
wf::Result<std::string> requiredText(const wf::Value& body, std::string_view field) {
  auto member = optionalMember(body, field, wf::ValueKind::String);
  if (!member.ok()) return member.status();
  if (!member->has_value() || (*member)->asString().empty()) {
    return wf::Status::invalid(std::string(field) + ": required, a non-empty string",
                               fieldDetails(field));
  }
  return (*member)->asString();
}

// A refused model is well-formed HTTP carrying an unprocessable document:
// 422 with every diagnostic, so a modeler can mark each place.
ApiResponse refusedModel(const wf::Status& status, const std::vector<wf::Diagnostic>& found) {
  wf::Object details;
  if (status.details().isObject()) details = status.details().asObject();
  details["diagnostics"] = toJsonArray(found);
  return ApiResponse::problem(422, "INVALID_MODEL", status.message(),
                              wf::Value(std::move(details)));
}

}  // namespace

void EngineRoutes::addTo(Router& router) {
  auto bind = [this](ApiResponse (EngineRoutes::*method)(const ApiRequest&)) {
    return [this, method](const ApiRequest& request) { return (this->*method)(request); };
  };
  router.add("POST", "/api/v1/deployments", bind(&EngineRoutes::deploy));
  router.add("GET", "/api/v1/process-definitions", bind(&EngineRoutes::listDefinitions));
  router.add("POST", "/api/v1/process-definitions/{key}/instances",
             bind(&EngineRoutes::startInstance));
  router.add("GET", "/api/v1/process-instances/{id}", bind(&EngineRoutes::getInstance));
  router.add("POST", "/api/v1/process-instances/{id}/cancel", bind(&EngineRoutes::cancelInstance));
  router.add("POST", "/api/v1/process-instances/{id}/suspend",
             bind(&EngineRoutes::suspendInstance));
  router.add("POST", "/api/v1/process-instances/{id}/resume", bind(&EngineRoutes::resumeInstance));
  router.add("GET", "/api/v1/process-instances/{id}/history", bind(&EngineRoutes::getHistory));
  router.add("POST", "/api/v1/process-instances/{id}/migrate",
             bind(&EngineRoutes::migrateInstance));
  router.add("GET", "/api/v1/tasks", bind(&EngineRoutes::listTasks));
  router.add("GET", "/api/v1/tasks/{id}", bind(&EngineRoutes::getTask));
  router.add("POST", "/api/v1/tasks/{id}/claim", bind(&EngineRoutes::claimTask));
  router.add("POST", "/api/v1/tasks/claim-next", bind(&EngineRoutes::claimNextTask));
  router.add("POST", "/api/v1/tasks/{id}/unclaim", bind(&EngineRoutes::unclaimTask));
  router.add("POST", "/api/v1/tasks/{id}/delegate", bind(&EngineRoutes::delegateTask));
  router.add("POST", "/api/v1/tasks/{id}/complete", bind(&EngineRoutes::completeTask));
  router.add("GET", "/api/v1/jobs", bind(&EngineRoutes::listJobs));
  router.add("GET", "/api/v1/incidents", bind(&EngineRoutes::listIncidents));
  router.add("POST", "/api/v1/incidents/{id}/retry", bind(&EngineRoutes::retryIncident));
  router.add("POST", "/api/v1/incidents/{id}/skip", bind(&EngineRoutes::skipIncident));
  router.add("POST", "/api/v1/decisions/{key}/evaluate", bind(&EngineRoutes::evaluateDecision));
  router.add("POST", "/api/v1/messages", bind(&EngineRoutes::correlateMessage));
  router.add("POST", "/api/v1/signals", bind(&EngineRoutes::broadcastSignal));
  router.add("GET", "/api/v1/work-queues", bind(&EngineRoutes::listQueues));
  router.add("PUT", "/api/v1/work-queues/{name}", bind(&EngineRoutes::setQueue));
}

ApiResponse EngineRoutes::deploy(const ApiRequest& request) {
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return ApiResponse::error(wf::Status::invalid(
        "request body: expected one BPMN XML document, got nothing", fieldDetails("body")));
  }
  const std::string name = request.queryParam("name").value_or("upload.bpmn");
  wf::Result<wf::DeploymentResult> deployed = engine_.deploy(name, request.body);
  if (deployed.ok()) return ApiResponse::created(toJson(*deployed));
  if (deployed.status().code() != wf::StatusCode::InvalidArgument) {
    return ApiResponse::error(deployed.status());
  }
  // The engine's refusal carries its diagnostics in its own shape; linting
  // again (only on this failure path) gives them in the wire shape.
  return refusedModel(deployed.status(), wf::Engine::lint(name, request.body));
}

ApiResponse EngineRoutes::listDefinitions(const ApiRequest&) {
  wf::Result<std::vector<wf::ProcessDefinitionInfo>> definitions = engine_.definitions();
  if (!definitions.ok()) return ApiResponse::error(definitions.status());
  return ApiResponse::ok(toJsonArray(*definitions));
}

ApiResponse EngineRoutes::startInstance(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  auto variables = optionalMember(*body, "variables", wf::ValueKind::Object);
  if (!variables.ok()) return ApiResponse::error(variables.status());
  auto business_key = optionalMember(*body, "businessKey", wf::ValueKind::String);
  if (!business_key.ok()) return ApiResponse::error(business_key.status());

  const wf::Value vars = variables->value_or(wf::Value(wf::Object{}));
  const std::string key_text = business_key->has_value() ? (*business_key)->asString() : "";
  wf::Result<wf::InstanceInfo> started =
      engine_.startInstance(request.params.at("key"), vars, key_text);
  if (!started.ok()) return ApiResponse::error(started.status());
  return ApiResponse::created(toJson(*started));
}

ApiResponse EngineRoutes::getInstance(const ApiRequest& request) {
  wf::Result<wf::InstanceInfo> instance = engine_.instance(request.params.at("id"));
  if (!instance.ok()) return ApiResponse::error(instance.status());
  return ApiResponse::ok(toJson(*instance));
}

ApiResponse EngineRoutes::cancelInstance(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  auto reason = optionalMember(*body, "reason", wf::ValueKind::String);
  if (!reason.ok()) return ApiResponse::error(reason.status());
  const std::string why = reason->has_value() ? (*reason)->asString() : "";
  const wf::Status cancelled = engine_.cancelInstance(request.params.at("id"), why);
  if (!cancelled.isOk()) return ApiResponse::error(cancelled);
  return ApiResponse::noContent();
}

// {"targetVersion": 2, "mapping": {"review": "check"}}: 200 with the
// migrated instance; 400 listing every problem when it cannot move.
ApiResponse EngineRoutes::migrateInstance(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  const wf::Value* version = body->find("targetVersion");
  if (version == nullptr || !version->isNumber() || version->asNumber() < 1 ||
      version->asNumber() != static_cast<double>(static_cast<int>(version->asNumber()))) {
    return ApiResponse::error(wf::Status::invalid(
        "targetVersion: required, a version number (1, 2, …)", fieldDetails("targetVersion")));
  }
  auto mapping = optionalMember(*body, "mapping", wf::ValueKind::Object);
  if (!mapping.ok()) return ApiResponse::error(mapping.status());
  std::map<std::string, std::string> activities;
  if (mapping->has_value()) {
    for (const auto& [from, to] : (*mapping)->asObject()) {
      if (!to.isString()) {
        return ApiResponse::error(wf::Status::invalid(
            "mapping: each activity maps to an activity id (text)", fieldDetails("mapping")));
      }
      activities[from] = to.asString();
    }
  }
  wf::Result<wf::InstanceInfo> migrated = engine_.migrateInstance(
      request.params.at("id"), static_cast<int>(version->asNumber()), activities);
  if (!migrated.ok()) return ApiResponse::error(migrated.status());
  return ApiResponse::ok(toJson(*migrated));
}

ApiResponse EngineRoutes::suspendInstance(const ApiRequest& request) {
  const wf::Status st = engine_.suspendInstance(request.params.at("id"));
  return st.isOk() ? ApiResponse::noContent() : ApiResponse::error(st);
}

ApiResponse EngineRoutes::resumeInstance(const ApiRequest& request) {
  const wf::Status st = engine_.resumeInstance(request.params.at("id"));
  return st.isOk() ? ApiResponse::noContent() : ApiResponse::error(st);
}

ApiResponse EngineRoutes::getHistory(const ApiRequest& request) {
  wf::Result<std::vector<wf::HistoryEvent>> events = engine_.history(request.params.at("id"));
  if (!events.ok()) return ApiResponse::error(events.status());
  return ApiResponse::ok(toJsonArray(*events));
}

ApiResponse EngineRoutes::listTasks(const ApiRequest& request) {
  wf::TaskQuery query;
  query.instance_id = request.queryParam("processInstanceId");
  query.candidate_group = request.queryParam("candidateGroup");
  query.queue = request.queryParam("queue");
  query.assignee = request.queryParam("assignee");
  if (std::optional<std::string> limit = request.queryParam("limit")) {
    int parsed = 0;
    const char* end = limit->data() + limit->size();
    const auto [ptr, ec] = std::from_chars(limit->data(), end, parsed);
    if (ec != std::errc() || ptr != end || parsed < 1 || parsed > kMaxTaskLimit) {
      return ApiResponse::error(wf::Status::invalid("limit: expected a whole number from 1 to " +
                                                        std::to_string(kMaxTaskLimit) + ", got \"" +
                                                        *limit + "\"",
                                                    fieldDetails("limit")));
    }
    query.limit = parsed;
  }
  wf::Result<std::vector<wf::TaskInfo>> tasks = engine_.tasks(query);
  if (!tasks.ok()) return ApiResponse::error(tasks.status());
  return ApiResponse::ok(toJsonArray(*tasks));
}

ApiResponse EngineRoutes::getTask(const ApiRequest& request) {
  wf::Result<wf::TaskInfo> task = engine_.task(request.params.at("id"));
  if (!task.ok()) return ApiResponse::error(task.status());
  return ApiResponse::ok(toJson(*task));
}

ApiResponse EngineRoutes::claimTask(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::string> assignee = requiredText(*body, "assignee");
  if (!assignee.ok()) return ApiResponse::error(assignee.status());
  wf::Status claimed = engine_.claimTask(request.params.at("id"), *assignee);
  if (!claimed.isOk()) return ApiResponse::error(claimed);
  return ApiResponse::noContent();
}

ApiResponse EngineRoutes::completeTask(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  auto variables = optionalMember(*body, "variables", wf::ValueKind::Object);
  if (!variables.ok()) return ApiResponse::error(variables.status());
  wf::Status completed =
      engine_.completeTask(request.params.at("id"), variables->value_or(wf::Value(wf::Object{})));
  if (!completed.isOk()) return ApiResponse::error(completed);
  return ApiResponse::noContent();
}

ApiResponse EngineRoutes::unclaimTask(const ApiRequest& request) {
  const wf::Status st = engine_.unclaimTask(request.params.at("id"));
  return st.isOk() ? ApiResponse::noContent() : ApiResponse::error(st);
}

ApiResponse EngineRoutes::delegateTask(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::string> to = requiredText(*body, "assignee");
  if (!to.ok()) return ApiResponse::error(to.status());
  const wf::Status st = engine_.delegateTask(request.params.at("id"), *to);
  return st.isOk() ? ApiResponse::noContent() : ApiResponse::error(st);
}

ApiResponse EngineRoutes::claimNextTask(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::string> assignee = requiredText(*body, "assignee");
  if (!assignee.ok()) return ApiResponse::error(assignee.status());
  auto queues = optionalMember(*body, "queues", wf::ValueKind::Array);
  if (!queues.ok()) return ApiResponse::error(queues.status());
  std::vector<std::string> names;
  if (queues->has_value()) {
    for (const wf::Value& q : (*queues)->asArray()) {
      if (!q.isString() || q.asString().empty()) {
        return ApiResponse::error(
            wf::Status::invalid("queues: expected a list of queue names", fieldDetails("queues")));
      }
      names.push_back(q.asString());
    }
  }
  if (names.empty()) {
    return ApiResponse::error(
        wf::Status::invalid("queues: required, at least one queue name", fieldDetails("queues")));
  }
  wf::Result<std::optional<wf::TaskInfo>> next = engine_.claimNextTask(*assignee, names);
  if (!next.ok()) return ApiResponse::error(next.status());
  if (!next->has_value()) return ApiResponse::noContent();
  return ApiResponse::ok(toJson(**next));
}

ApiResponse EngineRoutes::listIncidents(const ApiRequest&) {
  wf::Result<std::vector<wf::IncidentInfo>> incidents = engine_.incidents();
  if (!incidents.ok()) return ApiResponse::error(incidents.status());
  return ApiResponse::ok(toJsonArray(*incidents));
}

ApiResponse EngineRoutes::retryIncident(const ApiRequest& request) {
  return resolveIncident(request, false);
}

ApiResponse EngineRoutes::skipIncident(const ApiRequest& request) {
  return resolveIncident(request, true);
}

ApiResponse EngineRoutes::resolveIncident(const ApiRequest& request, bool skip) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  auto variables = optionalMember(*body, "variables", wf::ValueKind::Object);
  if (!variables.ok()) return ApiResponse::error(variables.status());
  const wf::Status resolved = engine_.resolveIncident(request.params.at("id"), skip,
                                                      variables->value_or(wf::Value(wf::Object{})));
  return resolved.isOk() ? ApiResponse::noContent() : ApiResponse::error(resolved);
}

ApiResponse EngineRoutes::evaluateDecision(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  auto variables = optionalMember(*body, "variables", wf::ValueKind::Object);
  if (!variables.ok()) return ApiResponse::error(variables.status());
  wf::Result<wf::Value> result = engine_.evaluateDecision(
      request.params.at("key"), variables->value_or(wf::Value(wf::Object{})));
  if (!result.ok()) return ApiResponse::error(result.status());
  return ApiResponse::ok(wf::Value(wf::Object{{"result", *result}}));
}

// {"name", "correlationKey", "variables", "messageId", "timeToLive"}:
// 200 when a waiting instance took it (or, "duplicate", when its id was
// seen), 201 when it started an instance, 202 when it waits for its time to
// live, 404 when nothing takes it. timeToLive is an ISO 8601 duration
// ("PT10M") or milliseconds.
ApiResponse EngineRoutes::correlateMessage(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::MessageRequest message;
  wf::Result<std::string> name = requiredText(*body, "name");
  if (!name.ok()) return ApiResponse::error(name.status());
  message.name = *name;
  auto key = optionalMember(*body, "correlationKey", wf::ValueKind::String);
  if (!key.ok()) return ApiResponse::error(key.status());
  if (key->has_value()) message.correlation_key = (*key)->asString();
  auto variables = optionalMember(*body, "variables", wf::ValueKind::Object);
  if (!variables.ok()) return ApiResponse::error(variables.status());
  message.variables = variables->value_or(wf::Value(wf::Object{}));
  auto id = optionalMember(*body, "messageId", wf::ValueKind::String);
  if (!id.ok()) return ApiResponse::error(id.status());
  if (id->has_value()) message.message_id = (*id)->asString();
  if (const wf::Value* ttl = body->find("timeToLive"); ttl != nullptr && !ttl->isNull()) {
    std::optional<wf::Duration> d;
    if (ttl->isString()) d = wf::parseDuration(ttl->asString());
    if (ttl->isNumber() && ttl->asNumber() >= 0) {
      message.ttl_millis = static_cast<int64_t>(ttl->asNumber());
    } else if (d && d->months == 0 && d->working_days == 0 && d->millis >= 0) {
      message.ttl_millis = d->millis;
    } else {
      return ApiResponse::error(wf::Status::invalid(
          "timeToLive: expected an ISO 8601 duration like \"PT10M\" or milliseconds",
          fieldDetails("timeToLive")));
    }
  }
  wf::Result<wf::MessageResult> result = engine_.correlateMessage(message);
  if (!result.ok()) return ApiResponse::error(result.status());
  wf::Object out{{"outcome", result->outcome}};
  if (!result->instance_id.empty()) out["processInstanceId"] = result->instance_id;
  if (!result->first.empty()) {
    out["first"] = wf::Value::parseJson(result->first).value_or(wf::Value(result->first));
  }
  const int status = result->outcome == "started" ? 201 : result->outcome == "buffered" ? 202 : 200;
  return ApiResponse{status, wf::Value(std::move(out))};
}

// {"name", "variables"}: 200 with how many waits it ended or instances it
// started (0 is an answer, not an error: a signal is a broadcast).
ApiResponse EngineRoutes::broadcastSignal(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::string> name = requiredText(*body, "name");
  if (!name.ok()) return ApiResponse::error(name.status());
  auto variables = optionalMember(*body, "variables", wf::ValueKind::Object);
  if (!variables.ok()) return ApiResponse::error(variables.status());
  wf::Result<int> reached =
      engine_.broadcastSignal(*name, variables->value_or(wf::Value(wf::Object{})));
  if (!reached.ok()) return ApiResponse::error(reached.status());
  return ApiResponse::ok(wf::Value(wf::Object{{"reached", *reached}}));
}

ApiResponse EngineRoutes::listQueues(const ApiRequest&) {
  wf::Result<std::vector<wf::QueueInfo>> queues = engine_.queues();
  if (!queues.ok()) return ApiResponse::error(queues.status());
  return ApiResponse::ok(toJsonArray(*queues));
}

// {"rankingDecision": "call_priority"} ranks the queue by that decision;
// null or "" ranks it by priority and age again.
ApiResponse EngineRoutes::setQueue(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  auto decision = optionalMember(*body, "rankingDecision", wf::ValueKind::String);
  if (!decision.ok()) return ApiResponse::error(decision.status());
  const std::string key = decision->has_value() ? (*decision)->asString() : "";
  const wf::Status st = engine_.setQueueRanking(request.params.at("name"), key);
  if (!st.isOk()) return ApiResponse::error(st);
  return ApiResponse::ok(toJson(wf::QueueInfo{request.params.at("name"), key}));
}

ApiResponse EngineRoutes::listJobs(const ApiRequest& request) {
  std::optional<wf::JobState> state;
  if (std::optional<std::string> word = request.queryParam("state")) {
    state = parseJobState(*word);
    if (!state) {
      return ApiResponse::error(wf::Status::invalid(
          "state: expected pending, running, completed, failed or cancelled, got \"" + *word + "\"",
          fieldDetails("state")));
    }
  }
  wf::Result<std::vector<wf::JobInfo>> jobs = engine_.jobs(state);
  if (!jobs.ok()) return ApiResponse::error(jobs.status());
  return ApiResponse::ok(toJsonArray(*jobs));
}

}  // namespace portal::web
