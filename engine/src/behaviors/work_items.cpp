// Work for people and workers: a user task becomes a task row in its queue;
// a service task becomes a job of its connector type. Both are written in
// the same transaction as the token that waits for them.
#include <cmath>

#include "runtime/execution.h"

namespace wf::runtime {

namespace {

constexpr int kDefaultPriority = 50;
constexpr int64_t kMillisPerDay = 86'400'000;

// A due date: a date-time or date as given, or now plus a duration. A
// duration's working days (P5WD) count in `calendar`, on local dates.
Result<int64_t> dueFrom(const Value& v, int64_t now, bool is_duration,
                        const calendar::WorkingCalendar& calendar, int utc_offset_minutes) {
  if (v.isNull()) return int64_t{0};
  if (v.kind() == ValueKind::DateTime) return v.asDateTime().epoch_millis;
  if (v.kind() == ValueKind::Date) return v.asDate().days * kMillisPerDay;
  if (v.kind() == ValueKind::Duration || (is_duration && v.isString())) {
    std::optional<Duration> d;
    if (v.kind() == ValueKind::Duration) {
      d = v.asDuration();
    } else {
      d = parseDuration(v.asString());
    }
    if (!d) return Status::invalid("due '" + v.asString() + "' is not an ISO 8601 duration");
    if (d->months != 0) return Status::invalid("a due duration cannot count months");
    return calendar.addWorkingDuration(now, *d, utc_offset_minutes);
  }
  if (v.isString()) {
    if (auto dt = parseDateTime(v.asString())) return dt->epoch_millis;
    if (auto date = parseDate(v.asString())) return date->days * kMillisPerDay;
    return Status::invalid("due date '" + v.asString() + "' is not an ISO 8601 date-time");
  }
  return Status::invalid(std::string("due date is a ") + valueKindName(v.kind()));
}

}  // namespace

Result<int64_t> Execution::dueDate(const model::Element& el, const ElementInstance& ei,
                                   int64_t now) {
  return timeFrom(*el.due, el.due_is_duration, el, ei, now);
}

Result<int64_t> Execution::timeFrom(const expr::Expression& when, bool is_duration,
                                    const model::Element& el, const ElementInstance& ei,
                                    int64_t now) {
  ASSIGN_OR_RETURN(Value d, evaluate(when, ei));
  std::shared_ptr<const calendar::WorkingCalendar> working_days =
      calendar::WorkingCalendar::weekendsOnly();
  int utc_offset = 0;
  if (calendars_ != nullptr) {
    ASSIGN_OR_RETURN(working_days, calendars_->find(el.calendar));
    utc_offset = calendars_->utcOffsetMinutes();
  }
  return dueFrom(d, now, is_duration, *working_days, utc_offset);
}

std::string Execution::addTimerJob(const model::Element& timer, const ElementInstance& waiting,
                                   int64_t due, Value data) {
  StoredJob job;
  JobInfo& j = job.info;
  j.id = ids_.next();
  j.instance_id = identity_.id;
  j.element_id = timer.id;
  j.type = kTimerJobType;
  j.state = JobState::Pending;
  j.retries = timer.retries;
  j.variables = std::move(data);
  j.created_at = now();
  j.due_at = due;
  job.element_instance = waiting.id;
  emit("timer-created", timer.id,
       Value(Object{{"jobId", j.id}, {"dueAt", Value(DateTime{due, 0, true})}}));
  std::string id = j.id;
  effects_.new_jobs.push_back(std::move(job));
  return id;
}

std::string Execution::addEngineJob(const char* type, const std::string& element_id,
                                    int element_instance, Value variables,
                                    const std::string& instance_id) {
  StoredJob job;
  JobInfo& j = job.info;
  j.id = ids_.next();
  j.instance_id = instance_id.empty() ? identity_.id : instance_id;
  j.element_id = element_id;
  j.type = type;
  j.state = JobState::Pending;
  j.retries = 3;
  j.variables = std::move(variables);
  j.created_at = now();
  job.element_instance = element_instance;
  std::string id = j.id;
  effects_.new_jobs.push_back(std::move(job));
  return id;
}

Status Execution::createUserTask(ElementInstance& ei) {
  const model::Element& el = element(ei);
  StoredTask task;
  TaskInfo& t = task.info;
  t.id = ids_.next();
  t.instance_id = identity_.id;
  t.definition_key = identity_.definition_key;
  t.element_id = el.id;
  t.name = el.name;
  t.queue = el.queue;
  if (el.queue_expr) {
    Result<Value> q = evaluate(*el.queue_expr, ei);
    if (!q.ok()) return raiseIncident(ei, "queue: " + q.status().message());
    if (!q->isString() || q->asString().empty()) {
      return raiseIncident(ei, "queue: the expression gave " + q->toJson() + ", not a queue name");
    }
    t.queue = q->asString();
  }
  t.candidate_groups = el.candidate_groups;
  t.candidate_users = el.candidate_users;
  t.form_key = el.form_key;
  t.created_at = now();
  t.priority = kDefaultPriority;
  if (el.assignee) {
    Result<Value> a = evaluate(*el.assignee, ei);
    if (!a.ok()) return raiseIncident(ei, a.status().message());
    if (a->isString()) t.assignee = a->asString();
  }
  if (el.priority) {
    Result<Value> p = evaluate(*el.priority, ei);
    if (!p.ok()) return raiseIncident(ei, p.status().message());
    if (p->isNumber()) {
      t.priority = static_cast<int>(std::lround(p->asNumber()));
    } else if (p->isString() && !p->asString().empty()) {
      try {
        t.priority = std::stoi(p->asString());
      } catch (const std::exception&) {
        return raiseIncident(ei, "priority '" + p->asString() + "' is not a number");
      }
    }
  }
  if (el.due) {
    Result<int64_t> due = dueDate(el, ei, t.created_at);
    if (!due.ok()) return raiseIncident(ei, due.status().message());
    t.due_at = *due;
  }
  if (el.follow_up) {
    Result<int64_t> follow_up =
        timeFrom(*el.follow_up, el.follow_up_is_duration, el, ei, t.created_at);
    if (!follow_up.ok())
      return raiseIncident(ei, "follow-up date: " + follow_up.status().message());
    t.follow_up_at = *follow_up;
  }
  // A queue ranked by a decision keeps what the decision will read.
  if (decisions_ != nullptr && !t.queue.empty() && decisions_->ranksQueue(t.queue)) {
    Object snapshot;
    for (auto& [name, value] : visibleVariables(ei)) {
      if (!value.isObject() && !value.isArray()) snapshot[name] = std::move(value);
    }
    t.ranking = Value(std::move(snapshot));
  }
  t.state = t.assignee.empty() ? TaskState::Created : TaskState::Claimed;
  task.element_instance = ei.id;
  ei.task_id = t.id;
  Object data;
  data["taskId"] = t.id;
  if (!t.queue.empty()) data["queue"] = t.queue;
  emit("task-created", el.id, Value(std::move(data)));
  effects_.new_tasks.push_back(std::move(task));
  return Status::ok();
}

Status Execution::createJob(ElementInstance& ei) {
  const model::Element& el = element(ei);
  StoredJob job;
  JobInfo& j = job.info;
  j.id = ids_.next();
  j.instance_id = identity_.id;
  j.element_id = el.id;
  j.type = el.connector_type;
  j.state = JobState::Pending;
  j.retries = el.retries;
  j.variables = Value(visibleVariables(ei));
  j.created_at = now();
  job.element_instance = ei.id;
  ei.job_id = j.id;
  Object data;
  data["jobId"] = j.id;
  data["type"] = j.type;
  emit("job-created", el.id, Value(std::move(data)));
  effects_.new_jobs.push_back(std::move(job));
  return Status::ok();
}

}  // namespace wf::runtime
