#include "portal/web/record_json.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <string>

namespace portal::web {

namespace {

wf::Value strings(const std::vector<std::string>& items) {
  wf::Array out;
  out.reserve(items.size());
  for (const std::string& item : items) out.emplace_back(item);
  return wf::Value(std::move(out));
}

// Empty engine strings mean "none"; null says so on the wire.
wf::Value optionalString(const std::string& text) {
  return text.empty() ? wf::Value() : wf::Value(text);
}

}  // namespace

wf::Value instantJson(int64_t epoch_millis) {
  if (epoch_millis == 0) return wf::Value();
  const Poco::Timestamp at(static_cast<Poco::Timestamp::TimeVal>(epoch_millis) * 1000);
  return wf::Value(Poco::DateTimeFormatter::format(at, "%Y-%m-%dT%H:%M:%S.%iZ"));
}

// The engine's own names are the wire names.
const char* wireName(wf::InstanceState state) { return wf::instanceStateName(state); }

const char* wireName(wf::TaskState state) {
  switch (state) {
    case wf::TaskState::Created:
      return "created";
    case wf::TaskState::Claimed:
      return "claimed";
    case wf::TaskState::Completed:
      return "completed";
    case wf::TaskState::Cancelled:
      return "cancelled";
  }
  return "unknown";
}

const char* wireName(wf::JobState state) {
  switch (state) {
    case wf::JobState::Pending:
      return "pending";
    case wf::JobState::Running:
      return "running";
    case wf::JobState::Completed:
      return "completed";
    case wf::JobState::Failed:
      return "failed";
    case wf::JobState::Cancelled:
      return "cancelled";
  }
  return "unknown";
}

const char* wireName(wf::Severity severity) {
  return severity == wf::Severity::Error ? "error" : "warning";
}

std::optional<wf::JobState> parseJobState(std::string_view word) {
  for (wf::JobState state : {wf::JobState::Pending, wf::JobState::Running, wf::JobState::Completed,
                             wf::JobState::Failed, wf::JobState::Cancelled}) {
    if (word == wireName(state)) return state;
  }
  return std::nullopt;
}

wf::Value toJson(const wf::Diagnostic& d) {
  return wf::Value(wf::Object{{"file", wf::Value(d.file)},
                              {"line", wf::Value(d.line)},
                              {"column", wf::Value(d.column)},
                              {"severity", wf::Value(wireName(d.severity))},
                              {"elementId", optionalString(d.element_id)},
                              {"message", wf::Value(d.message)}});
}

wf::Value toJson(const wf::DeploymentResult& deployment) {
  wf::Array definitions;
  for (const wf::DeployedDefinition& d : deployment.definitions) {
    definitions.emplace_back(wf::Object{{"id", wf::Value(d.id)},
                                        {"key", wf::Value(d.key)},
                                        {"version", wf::Value(d.version)},
                                        {"isNew", wf::Value(d.is_new)},
                                        {"kind", wf::Value(d.kind)}});
  }
  return wf::Value(wf::Object{{"id", wf::Value(deployment.id)},
                              {"definitions", wf::Value(std::move(definitions))},
                              {"warnings", toJsonArray(deployment.warnings)}});
}

wf::Value toJson(const wf::ProcessDefinitionInfo& d) {
  return wf::Value(wf::Object{{"id", wf::Value(d.id)},
                              {"key", wf::Value(d.key)},
                              {"version", wf::Value(d.version)},
                              {"name", optionalString(d.name)},
                              {"deploymentId", wf::Value(d.deployment_id)},
                              {"resource", wf::Value(d.resource_name)},
                              {"deployedAt", instantJson(d.deployed_at)}});
}

wf::Value toJson(const wf::InstanceInfo& i) {
  return wf::Value(
      wf::Object{{"id", wf::Value(i.id)},
                 {"definitionId", wf::Value(i.definition_id)},
                 {"definitionKey", wf::Value(i.definition_key)},
                 {"version", wf::Value(i.version)},
                 {"businessKey", optionalString(i.business_key)},
                 {"state", wf::Value(wireName(i.state))},
                 {"activeActivityIds", strings(i.active_activity_ids)},
                 {"variables", i.variables.isNull() ? wf::Value(wf::Object{}) : i.variables},
                 {"incident", wf::Value(i.has_incident)},
                 {"startedAt", instantJson(i.started_at)},
                 {"endedAt", instantJson(i.ended_at)}});
}

wf::Value toJson(const wf::HistoryEvent& e) {
  return wf::Value(wf::Object{{"seq", wf::Value(e.seq)},
                              {"at", instantJson(e.at)},
                              {"type", wf::Value(e.type)},
                              {"elementId", optionalString(e.element_id)},
                              {"data", e.data},
                              {"prevHash", wf::Value(e.prev_hash)},
                              {"hash", wf::Value(e.hash)}});
}

wf::Value toJson(const wf::TaskInfo& t) {
  return wf::Value(wf::Object{{"id", wf::Value(t.id)},
                              {"processInstanceId", wf::Value(t.instance_id)},
                              {"definitionKey", wf::Value(t.definition_key)},
                              {"elementId", wf::Value(t.element_id)},
                              {"name", optionalString(t.name)},
                              {"queue", optionalString(t.queue)},
                              {"candidateGroups", strings(t.candidate_groups)},
                              {"candidateUsers", strings(t.candidate_users)},
                              {"assignee", optionalString(t.assignee)},
                              {"priority", wf::Value(t.priority)},
                              {"due", instantJson(t.due_at)},
                              {"followUp", instantJson(t.follow_up_at)},
                              {"formKey", optionalString(t.form_key)},
                              {"state", wf::Value(wireName(t.state))},
                              {"created", instantJson(t.created_at)}});
}

wf::Value toJson(const wf::QueueInfo& q) {
  return wf::Value(
      wf::Object{{"name", wf::Value(q.name)}, {"rankingDecision", wf::Value(q.ranking_decision)}});
}

wf::Value toJson(const wf::IncidentInfo& i) {
  return wf::Value(wf::Object{{"id", wf::Value(i.id)},
                              {"processInstanceId", wf::Value(i.instance_id)},
                              {"definitionKey", wf::Value(i.definition_key)},
                              {"elementId", wf::Value(i.element_id)},
                              {"message", wf::Value(i.message)},
                              {"jobId", i.job_id.empty() ? wf::Value() : wf::Value(i.job_id)}});
}

wf::Value toJson(const wf::JobInfo& j) {
  return wf::Value(
      wf::Object{{"id", wf::Value(j.id)},
                 {"processInstanceId", wf::Value(j.instance_id)},
                 {"elementId", wf::Value(j.element_id)},
                 {"type", wf::Value(j.type)},
                 {"state", wf::Value(wireName(j.state))},
                 {"retries", wf::Value(j.retries)},
                 {"error", optionalString(j.error)},
                 {"variables", j.variables.isNull() ? wf::Value(wf::Object{}) : j.variables},
                 {"createdAt", instantJson(j.created_at)}});
}

}  // namespace portal::web
