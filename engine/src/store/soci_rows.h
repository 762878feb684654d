// Column lists and row mapping shared by the SOCI writer and queries, so a
// table's shape is written down once.
#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

#include "wf/ports/store.h"

namespace wf::store {

inline constexpr const char* kDefinitionColumns =
    "id, key, version, name, deployment_id, resource_name, content_hash, xml, deployed_at, kind";
inline constexpr const char* kInstanceColumns =
    "id, definition_id, definition_key, version, business_key, state, incident, started_at,"
    " ended_at, runtime, history_seq, history_hash";
inline constexpr const char* kTaskColumns =
    "id, instance_id, definition_key, element_id, element_instance, name, queue,"
    " candidate_groups, candidate_users, assignee, priority, due_at, form_key, state,"
    " created_at, follow_up_at, ranking";
inline constexpr const char* kJobColumns =
    "id, instance_id, element_id, element_instance, type, state, retries, error, variables,"
    " created_at, due_at";

StoredDefinition definitionFromRow(const soci::row& r);
StoredInstance instanceFromRow(const soci::row& r);
StoredTask taskFromRow(const soci::row& r);
StoredJob jobFromRow(const soci::row& r);
// subscriptions: instance_id, element_instance, element_id, kind, name,
// correlation_key, created_at.
StoredSubscription subscriptionFromRow(const soci::row& r);
// messages: id, name, correlation_key, variables, message_id, created_at, expires_at.
BufferedMessage bufferedMessageFromRow(const soci::row& r);
// start_events: kind, name, definition_key, definition_id, element_id.
StoredStartEvent startEventFromRow(const soci::row& r);
// A history row (instance_id, seq, at, events) holds the events of one command.
std::vector<HistoryEvent> historyFromRow(const soci::row& r);
std::string historyEventsJson(const std::vector<HistoryEvent>& events);

// Lists of names are stored comma-separated.
std::string joinList(const std::vector<std::string>& items);
std::vector<std::string> splitList(const std::string& text);

}  // namespace wf::store
