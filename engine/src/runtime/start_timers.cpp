#include "runtime/start_timers.h"

#include "calendar/timer_cycle.h"
#include "expr/temporal_arithmetic.h"
#include "runtime/execution.h"

namespace wf::runtime {

namespace {

constexpr int64_t kMillisPerDay = 86'400'000;
constexpr int kMaxCatchUp = 100000;

// Start timers see no variables: nothing exists yet.
Result<Value> evaluateAlone(const expr::Expression& e) {
  const Value nothing{Object{}};
  return e.evaluate(expr::ObjectLookup(nothing));
}

Result<calendar::TimerCycle> cycleOf(const model::Element& start) {
  ASSIGN_OR_RETURN(Value v, evaluateAlone(*start.cycle));
  std::optional<calendar::TimerCycle> cycle;
  if (v.isString()) cycle = calendar::parseTimerCycle(v.asString());
  if (!cycle) {
    return Status::invalid("timer cycle of '" + start.id + "' is not an ISO 8601 repeating " +
                           "interval: " + v.toJson());
  }
  return *cycle;
}

Result<int64_t> dueOf(const model::Element& start, int64_t now) {
  ASSIGN_OR_RETURN(Value v, evaluateAlone(*start.due));
  if (v.kind() == ValueKind::DateTime) return v.asDateTime().epoch_millis;
  if (v.kind() == ValueKind::Date) return v.asDate().days * kMillisPerDay;
  std::optional<Duration> d;
  if (v.kind() == ValueKind::Duration) d = v.asDuration();
  if (v.isString()) {
    if (auto dt = parseDateTime(v.asString())) return dt->epoch_millis;
    d = parseDuration(v.asString());
  }
  if (!d || d->working_days != 0) {
    return Status::invalid("timer of start event '" + start.id +
                           "' is not a date-time or a duration: " + v.toJson());
  }
  return expr::addToDateTime(DateTime{now, 0, true}, *d, 1).epoch_millis;
}

StoredJob timerJob(const model::Element& start, const std::string& definition_id, int64_t now,
                   int64_t due, int repeat, std::string id) {
  StoredJob job;
  JobInfo& j = job.info;
  j.id = std::move(id);
  j.instance_id = definition_id;
  j.element_id = start.id;
  j.type = kStartTimerJobType;
  j.state = JobState::Pending;
  j.retries = start.retries;
  j.variables = Value(Object{{"repeat", repeat}});
  j.created_at = now;
  j.due_at = due;
  job.element_instance = -1;
  return job;
}

}  // namespace

Result<StoredJob> firstStartTimerJob(const model::Element& start, const std::string& definition_id,
                                     int64_t now, std::string id) {
  if (start.cycle) {
    ASSIGN_OR_RETURN(calendar::TimerCycle cycle, cycleOf(start));
    int64_t due = cycle.firstDue(now);
    // A cycle that began in the past fires next at its first time ahead.
    for (int i = 0; i < kMaxCatchUp && due < now; ++i) due = cycle.nextDue(due);
    return timerJob(start, definition_id, now, due, cycle.repetitions, std::move(id));
  }
  ASSIGN_OR_RETURN(int64_t due, dueOf(start, now));
  return timerJob(start, definition_id, now, due, 1, std::move(id));
}

std::optional<StoredJob> nextStartTimerJob(const model::Element& start, const JobInfo& fired,
                                           int64_t now, std::string id) {
  if (!start.cycle) return std::nullopt;
  Result<calendar::TimerCycle> cycle = cycleOf(start);
  if (!cycle.ok()) return std::nullopt;
  const Value* r = fired.variables.find("repeat");
  const std::optional<calendar::Firing> next = cycle->after(
      {fired.due_at, r != nullptr && r->isNumber() ? static_cast<int>(r->asNumber()) : -1}, now);
  if (!next) return std::nullopt;
  return timerJob(start, fired.instance_id, now, next->due, next->repeat, std::move(id));
}

}  // namespace wf::runtime
