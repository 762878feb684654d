#include "portal/web/department_task_view.h"

#include <algorithm>
#include <utility>

#include "portal/web/record_json.h"

namespace portal::web {

namespace {

constexpr std::string_view kMine = "mine";
constexpr std::string_view kOverdue = "overdue";

// Splits the task's JSON object around the places where "mine" and
// "overdue" go, so that filling them in gives what wf::Value::toJson gives
// for the object with both members set.
DepartmentTaskView::Entry entryOf(wf::TaskInfo task) {
  wf::Object object = toJson(task).asObject();
  object[std::string(kMine)] = wf::Value(false);
  object[std::string(kOverdue)] = wf::Value(false);
  DepartmentTaskView::Entry entry;
  std::string* out = &entry.head;
  out->push_back('{');
  bool first = true;
  for (const auto& [name, value] : object) {
    if (!first) out->push_back(',');
    first = false;
    out->append(wf::Value(name).toJson());
    out->push_back(':');
    if (name == kMine) {
      out = &entry.middle;
    } else if (name == kOverdue) {
      out = &entry.tail;
    } else {
      out->append(value.toJson());
    }
  }
  out->push_back('}');
  entry.task = std::move(task);
  return entry;
}

}  // namespace

wf::Result<std::shared_ptr<const DepartmentTaskView::List>> DepartmentTaskView::tasksOf(
    const std::string& group) {
  // Read before anything else: a list made from a query that started after
  // this read is at least as new as the engine was at this moment.
  const std::optional<uint64_t> sequence = engine_.changeSequence();
  if (sequence) {
    std::lock_guard lock(mu_);
    const auto found = lists_.find(group);
    if (found != lists_.end() && found->second->sequence == sequence) return found->second;
  }
  return load(group, sequence);
}

wf::Result<std::shared_ptr<const DepartmentTaskView::List>> DepartmentTaskView::load(
    const std::string& group, std::optional<uint64_t> sequence) {
  wf::TaskQuery query;
  query.candidate_group = group;
  query.limit = limit_;
  wf::Result<std::vector<wf::TaskInfo>> tasks = engine_.tasks(query);
  if (!tasks.ok()) return tasks.status();
  std::vector<wf::TaskInfo> open = std::move(tasks).value();
  std::stable_sort(open.begin(), open.end(), [](const wf::TaskInfo& a, const wf::TaskInfo& b) {
    if ((a.due_at == 0) != (b.due_at == 0)) return a.due_at != 0;
    if (a.due_at != b.due_at) return a.due_at < b.due_at;
    return a.created_at < b.created_at;
  });
  auto list = std::make_shared<List>();
  list->sequence = sequence;
  list->entries.reserve(open.size());
  for (wf::TaskInfo& task : open) list->entries.push_back(entryOf(std::move(task)));

  std::lock_guard lock(mu_);
  ++refreshes_;
  if (!sequence) return std::shared_ptr<const List>(std::move(list));
  if (lists_.size() >= kMaxGroups && lists_.find(group) == lists_.end()) lists_.clear();
  std::shared_ptr<const List>& kept = lists_[group];
  // Readers may finish their queries out of order; keep the newest.
  if (!kept || *kept->sequence <= *sequence) kept = list;
  return std::shared_ptr<const List>(std::move(list));
}

std::string DepartmentTaskView::render(const List& list, std::string_view reader,
                                       int64_t now_millis) {
  size_t size = 2;
  for (const Entry& e : list.entries) {
    size += e.head.size() + e.middle.size() + e.tail.size() + 12;
  }
  std::string out;
  out.reserve(size);
  out.push_back('[');
  bool first = true;
  for (const Entry& e : list.entries) {
    if (!first) out.push_back(',');
    first = false;
    const bool mine = !e.task.assignee.empty() && e.task.assignee == reader;
    const bool overdue = e.task.due_at != 0 && e.task.due_at < now_millis;
    out.append(e.head);
    out.append(mine ? "true" : "false");
    out.append(e.middle);
    out.append(overdue ? "true" : "false");
    out.append(e.tail);
  }
  out.push_back(']');
  return out;
}

uint64_t DepartmentTaskView::refreshes() const {
  std::lock_guard lock(mu_);
  return refreshes_;
}

}  // namespace portal::web
