#include "runtime/write_set.h"

#include <algorithm>

#include "runtime/history_chain.h"

namespace wf::runtime {

Result<WriteSet> prepareWrites(StoredInstance& row, InstanceRuntime& state, Effects& effects,
                               bool ended, bool insert, int64_t now) {
  WriteSet ws;
  ws.insert = insert;
  ws.expected_seq = row.history_seq;
  ws.events.reserve(effects.events.size());
  for (PendingEvent& p : effects.events) {
    HistoryEvent e;
    e.instance_id = row.id;
    e.seq = ++row.history_seq;
    e.at = now;
    e.type = std::move(p.type);
    e.element_id = std::move(p.element_id);
    e.data = std::move(p.data);
    e.prev_hash = row.history_hash;
    sealEvent(e);
    row.history_hash = e.hash;
    ws.events.push_back(std::move(e));
  }
  effects.events.clear();
  row.incident = std::any_of(state.elements.begin(), state.elements.end(), [](const auto& e) {
    return e.second.state == ElementState::Incident;
  });
  if (ended) {
    RETURN_IF_ERROR(transition(row.state, InstanceState::Completed, "process instance"));
    row.ended_at = now;
    ElementInstance root = state.root();
    state.elements.clear();
    state.elements.emplace(0, std::move(root));
  }
  row.runtime_json = state.toJson();
  ws.row = row;
  ws.new_tasks = std::move(effects.new_tasks);
  ws.task_changes = std::move(effects.task_changes);
  ws.new_jobs = std::move(effects.new_jobs);
  ws.job_changes = std::move(effects.job_changes);
  ws.retried_jobs = std::move(effects.retried_jobs);
  ws.new_subscriptions = std::move(effects.new_subscriptions);
  ws.closed_subscriptions = std::move(effects.closed_subscriptions);
  ws.close_all_subscriptions = effects.close_all_subscriptions || ended;
  ws.consumed_messages = std::move(effects.consumed_messages);
  ws.message_outcome = std::move(effects.message_outcome);
  ws.moved = std::move(effects.moved);
  ws.migrated = effects.migrated;
  return ws;
}

Status applyWrites(StoreWriter& w, const WriteSet& ws) {
  RETURN_IF_ERROR(ws.insert ? w.insertInstance(ws.row) : w.updateInstance(ws.row, ws.expected_seq));
  RETURN_IF_ERROR(w.appendHistory(ws.events));
  for (const StoredTask& t : ws.new_tasks) RETURN_IF_ERROR(w.insertTask(t));
  if (ws.claim) {
    RETURN_IF_ERROR(w.updateTaskAssignee(ws.claim->task_id, ws.claim->assignee, ws.claim->state));
  }
  for (const TaskChange& c : ws.task_changes) {
    RETURN_IF_ERROR(w.updateTaskState(c.id, c.state));
    if (c.state == TaskState::Completed || c.state == TaskState::Cancelled) {
      RETURN_IF_ERROR(w.clearTaskCandidates(c.id));
    }
  }
  for (const StoredJob& j : ws.new_jobs) RETURN_IF_ERROR(w.insertJob(j));
  for (const JobChange& c : ws.job_changes) {
    RETURN_IF_ERROR(w.updateJob(c.id, c.state, c.retries, c.error, c.due_at));
  }
  // Closed before opened: a command may close a wait and open another.
  for (const SubscriptionClose& c : ws.closed_subscriptions) {
    RETURN_IF_ERROR(w.deleteSubscriptions(ws.row.id, c.element_instance, c.element_id));
  }
  if (ws.close_all_subscriptions) {
    RETURN_IF_ERROR(w.deleteInstanceSubscriptions(ws.row.id));
  } else {
    for (const StoredSubscription& s : ws.new_subscriptions)
      RETURN_IF_ERROR(w.insertSubscription(s));
  }
  for (const std::string& m : ws.consumed_messages) RETURN_IF_ERROR(w.deleteMessage(m));
  for (const Effects::ElementMove& m : ws.moved) {
    RETURN_IF_ERROR(m.task ? w.moveTask(m.id, m.element_id) : w.moveJob(m.id, m.element_id));
  }
  if (ws.migrated) {
    RETURN_IF_ERROR(w.setInstanceDefinition(ws.row.id, ws.row.definition_id, ws.row.version));
  }
  if (ws.message_outcome) {
    RETURN_IF_ERROR(w.insertMessageOutcome(ws.message_outcome->message_id,
                                           ws.message_outcome->outcome,
                                           ws.events.empty() ? 0 : ws.events.front().at));
  }
  return Status::ok();
}

}  // namespace wf::runtime
