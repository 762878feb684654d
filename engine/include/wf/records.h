// Records the engine returns: read-only snapshots of definitions, instances,
// tasks, jobs and history events. Plain data; safe to copy between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wf/diagnostic.h"
#include "wf/value.h"

namespace wf {

struct DeployedDefinition {
  std::string id;   // "<key>:<version>"; "dmn:…" or "calendar:…" for the other kinds
  std::string key;  // the process, decision or calendar id in the XML
  int version = 0;
  bool is_new = false;        // false when the same content was already deployed
  std::string kind = "bpmn";  // "bpmn" (a process), "dmn" (a decision) or "calendar"
};

struct DeploymentResult {
  std::string id;
  std::vector<DeployedDefinition> definitions;
  std::vector<Diagnostic> warnings;
};

struct ProcessDefinitionInfo {
  std::string id;
  std::string key;
  int version = 0;
  std::string name;
  std::string deployment_id;
  std::string resource_name;
  int64_t deployed_at = 0;  // epoch millis
};

// Suspended instances keep their tokens but take no command until resumed;
// Terminated ones were cancelled.
enum class InstanceState { Active, Completed, Terminated, Suspended };
const char* instanceStateName(InstanceState s);

struct InstanceInfo {
  std::string id;
  std::string definition_id;
  std::string definition_key;
  int version = 0;
  std::string business_key;
  InstanceState state = InstanceState::Active;
  std::vector<std::string> active_activity_ids;  // sorted; one entry per waiting token
  Value variables;                               // the instance (root scope) variables
  bool has_incident = false;  // a job failed with no retries left, or an expression failed
  int64_t started_at = 0;
  int64_t ended_at = 0;  // 0 while active
};

// Which running (active or suspended) instances to list, oldest first.
struct InstanceQuery {
  std::string definition_key;  // empty: of every process
  int version = 0;             // 0: of every version of the key
  int limit = 100;
};

// Where the running instances of one process version stand, per element:
// how many tokens wait there (join arrivals included) and how many of those
// are stopped by an incident.
struct ElementStatistics {
  std::string element_id;
  int waiting = 0;  // incidents included
  int incidents = 0;
};

enum class TaskState { Created, Claimed, Completed, Cancelled };
const char* taskStateName(TaskState s);

struct TaskInfo {
  std::string id;
  std::string instance_id;
  std::string definition_key;
  std::string element_id;
  std::string name;
  std::string queue;
  std::vector<std::string> candidate_groups;
  std::vector<std::string> candidate_users;
  std::string assignee;
  int priority = 50;
  int64_t due_at = 0;        // epoch millis, 0 when none
  int64_t follow_up_at = 0;  // when to look at it again (epoch millis), 0 when none
  std::string form_key;
  TaskState state = TaskState::Created;
  int64_t created_at = 0;
  // In a queue ranked by a decision: the instance's variables when the task
  // was created, which the decision reads when the next task is called.
  Value ranking;
};

// A queue whose next task is chosen by a decision (its rank: lower first,
// equal ranks by age) rather than by priority then age.
struct QueueInfo {
  std::string name;
  std::string ranking_decision;
};

struct TaskQuery {
  std::optional<std::string> instance_id;
  std::optional<std::string> candidate_group;
  std::optional<std::string> queue;
  std::optional<std::string> assignee;
  int limit = 100;
};

enum class JobState { Pending, Running, Completed, Failed, Cancelled };
const char* jobStateName(JobState s);

struct JobInfo {
  std::string id;
  std::string instance_id;
  std::string element_id;
  std::string type;
  JobState state = JobState::Pending;
  int retries = 0;
  std::string error;
  Value variables;  // the variables visible to the job at activation (snapshot)
  int64_t created_at = 0;
  int64_t due_at = 0;  // epoch millis when it may run (again); 0: at once
};

// A token stopped by an error — a failed job with no retries left, an
// expression that failed, a gateway with no flow to take — waiting for an
// operator to retry or skip it.
struct IncidentInfo {
  std::string id;  // "<instance id>:<element instance>"
  std::string instance_id;
  std::string definition_key;
  std::string element_id;
  std::string message;
  std::string job_id;  // set for a failed job
};

// A message for a waiting instance: correlated by name and key; with a
// time to live it waits (buffered) for a catch that opens later; the same
// message id delivered twice takes effect once.
struct MessageRequest {
  std::string name;
  std::string correlation_key;
  Value variables;
  std::string message_id;  // optional
  int64_t ttl_millis = 0;
};

// What a message did: "correlated" (a waiting instance caught it),
// "started" (a message start event), "buffered" (kept for its time to
// live), or "duplicate" (its id was seen: `first` says what it did then).
struct MessageResult {
  std::string outcome;
  std::string instance_id;
  std::string first;
};

struct HistoryEvent {
  std::string instance_id;
  int64_t seq = 0;   // 1, 2, 3 … per instance
  int64_t at = 0;    // epoch millis
  std::string type;  // "instance-started", "element-activated", "element-completed", …
  std::string element_id;
  Value data;
  std::string prev_hash;  // hex SM3 of the previous event of this instance ("" for the first)
  std::string hash;       // hex SM3 over prev_hash and this event's content
};

}  // namespace wf
