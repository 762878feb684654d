// The wire form of engine records. Field names follow Camunda 7 REST where
// the concept is the same (processInstanceId, definitionKey, businessKey);
// states are lower-case words; instants are ISO 8601 UTC strings, or null
// when unset. Kept apart from the handlers so the API shape is in one place.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "wf/diagnostic.h"
#include "wf/records.h"
#include "wf/value.h"

namespace portal::web {

wf::Value toJson(const wf::Diagnostic& diagnostic);
wf::Value toJson(const wf::DeploymentResult& deployment);
wf::Value toJson(const wf::ProcessDefinitionInfo& definition);
wf::Value toJson(const wf::InstanceInfo& instance);
wf::Value toJson(const wf::HistoryEvent& event);
wf::Value toJson(const wf::TaskInfo& task);
wf::Value toJson(const wf::JobInfo& job);
wf::Value toJson(const wf::IncidentInfo& incident);
wf::Value toJson(const wf::QueueInfo& queue);

template <typename T>
wf::Value toJsonArray(const std::vector<T>& records) {
  wf::Array out;
  out.reserve(records.size());
  for (const T& record : records) out.push_back(toJson(record));
  return wf::Value(std::move(out));
}

const char* wireName(wf::InstanceState state);
const char* wireName(wf::TaskState state);
const char* wireName(wf::JobState state);
const char* wireName(wf::Severity severity);
// The job state named on the wire ("failed"); nullopt for an unknown word.
std::optional<wf::JobState> parseJobState(std::string_view word);

// Epoch millis as "2026-10-01T08:30:00.000Z"; null for 0 (unset).
wf::Value instantJson(int64_t epoch_millis);

}  // namespace portal::web
