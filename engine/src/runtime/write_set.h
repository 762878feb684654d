// WriteSet: everything one command writes. It is prepared on the caller's
// thread — history events sealed onto the instance's hash chain, runtime
// state serialized — so that the single writer only runs SQL.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/execution.h"
#include "runtime/instance_runtime.h"
#include "wf/ports/store.h"

namespace wf::runtime {

// A task's new assignee: claimed by someone, or (empty) back in its queue.
struct TaskClaim {
  std::string task_id;
  std::string assignee;
  TaskState state = TaskState::Claimed;
};

struct WriteSet {
  StoredInstance row;   // the instance row as it will be stored
  bool insert = false;  // a new instance
  // The history_seq the command was computed from: the row is written only
  // if it still has it (another node may share the database).
  int64_t expected_seq = 0;
  std::vector<HistoryEvent> events;
  std::vector<StoredTask> new_tasks;
  std::vector<TaskChange> task_changes;
  std::optional<TaskClaim> claim;
  std::vector<StoredJob> new_jobs;
  std::vector<JobChange> job_changes;
  std::vector<JobInfo> retried_jobs;  // dispatched (when due) after the commit
  std::vector<StoredSubscription> new_subscriptions;
  std::vector<SubscriptionClose> closed_subscriptions;
  bool close_all_subscriptions = false;
  std::vector<std::string> consumed_messages;
  std::optional<MessageOutcome> message_outcome;
  std::vector<Effects::ElementMove> moved;
  bool migrated = false;
};

// Moves the command's effects into a write set. Updates `row` (history seq
// and hash, state, incident flag, runtime JSON) and, when the instance
// ended, trims `state` to the process scope, whose variables stay readable.
Result<WriteSet> prepareWrites(StoredInstance& row, InstanceRuntime& state, Effects& effects,
                               bool ended, bool insert, int64_t now);

// Runs the writes inside the writer's transaction. The instance row goes
// first: on a shared database its write finds (or waits for) a concurrent
// command of another node before anything else of this command is written.
Status applyWrites(StoreWriter& w, const WriteSet& writes);

}  // namespace wf::runtime
