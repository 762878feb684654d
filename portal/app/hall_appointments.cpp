#include "portal/app/hall_appointments.h"

#include <algorithm>
#include <chrono>

#include "portal/domain/hall_time.h"

namespace hall::app {

namespace {

constexpr int64_t kFirstRetryMs = 1000;
constexpr int64_t kLastRetryMs = 300000;

int64_t backoffMs(int attempts) {
  return std::min(kLastRetryMs, kFirstRetryMs << std::min(attempts, 20));
}

}  // namespace

HallAppointments::HallAppointments(connectors::AppointmentConnector& platform,
                                   connectors::SyncPolicy policy, hall::domain::FrontDesk& desk,
                                   hall::domain::HallStore& store,
                                   hall::store::SociAppointmentReports& reports,
                                   std::function<int64_t()> now_ms, std::ostream& log)
    : platform_(platform),
      policy_(std::move(policy)),
      desk_(desk),
      store_(store),
      reports_(reports),
      now_(std::move(now_ms)),
      log_(log) {}

HallAppointments::~HallAppointments() { stop(); }

void HallAppointments::note(const std::string& line) {
  std::lock_guard lock(mu_);
  if (!noted_.insert(line).second) return;
  log_ << "appointments: " << line << "\n" << std::flush;
}

wf::Status HallAppointments::fetch() {
  const std::string today = hall::domain::hallTime(now_()).date;
  wf::Result<connectors::DayAppointments> day = platform_.fetchDay(today);
  if (!day.ok()) {
    note("fetching " + today + ": " + day.status().message());
    return day.status();
  }
  for (const std::string& why : day->refused) note("left out: " + why);
  for (const connectors::CityAppointment& a : day->appointments) {
    if (a.status != "booked") continue;
    wf::Result<hall::domain::Appointment> booked =
        desk_.bookCityAppointment(a.code, a.queue, a.slot_start, a.id_number);
    if (!booked.ok()) {
      note("appointment " + a.code + " not booked: " + booked.status().message());
      continue;
    }
    RETURN_IF_ERROR(reports_.watch(a.code, today, a.slot_end).status());
  }
  return wf::Status::ok();
}

wf::Status HallAppointments::settle() {
  const int64_t now = now_();
  ASSIGN_OR_RETURN(const std::vector<hall::store::AppointmentReport> open,
                   reports_.inState("open", now));
  for (const hall::store::AppointmentReport& r : open) {
    ASSIGN_OR_RETURN(const std::optional<hall::domain::Appointment> a, store_.appointment(r.code));
    if (a && !a->ticket.empty()) {
      ASSIGN_OR_RETURN(const std::optional<hall::domain::Ticket> t, store_.ticket(a->ticket));
      RETURN_IF_ERROR(reports_.markDue(r.code, "check-in", t ? t->issued_at : now));
    } else if (now >= r.slot_end + policy_.no_show_after.count()) {
      RETURN_IF_ERROR(reports_.markDue(r.code, "no-show", r.slot_end));
    }
  }
  return wf::Status::ok();
}

wf::Status HallAppointments::deliver() {
  ASSIGN_OR_RETURN(const std::vector<hall::store::AppointmentReport> due,
                   reports_.inState("due", now_()));
  wf::Status first_failure;
  for (const hall::store::AppointmentReport& r : due) {
    const wf::Status sent =
        r.kind == "check-in" ? platform_.checkIn(r.code, r.at) : platform_.noShow(r.code, r.at);
    if (sent.isOk()) {
      RETURN_IF_ERROR(reports_.markReported(r.code));
    } else if (sent.code() == wf::StatusCode::Unavailable) {
      RETURN_IF_ERROR(reports_.retryLater(r.code, now_() + backoffMs(r.attempts), sent.message()));
      if (first_failure.isOk()) first_failure = sent;
    } else {
      RETURN_IF_ERROR(reports_.markRefused(r.code, sent.message()));
      note("the " + r.kind + " of appointment " + r.code + " was refused: " + sent.message());
    }
  }
  return first_failure;
}

wf::Status HallAppointments::pushWaiting() {
  const int64_t now = now_();
  std::vector<connectors::QueueCount> counts;
  for (const hall::domain::QueueView& q : desk_.queues()) {
    counts.push_back(connectors::QueueCount{q.id, q.waiting, now});
  }
  return platform_.pushWaiting(counts);
}

void HallAppointments::start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void HallAppointments::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void HallAppointments::run() {
  int64_t next_fetch = 0;
  int64_t next_report = 0;
  int64_t next_push = 0;
  while (true) {
    int64_t now = now_();
    if (now >= next_fetch) {
      (void)fetch();  // what failed is noted; the next fetch tries again
      next_fetch = now + policy_.fetch_every.count();
    }
    if (now >= next_report) {
      if (const wf::Status settled = settle(); !settled.isOk()) note(settled.message());
      (void)deliver();  // failures stay due in their rows
      next_report = now + policy_.report_every.count();
    }
    if (now >= next_push) {
      (void)pushWaiting();  // best effort: the next push carries the newer count
      next_push = now + policy_.push_every.count();
    }
    now = now_();
    const int64_t next = std::min({next_fetch, next_report, next_push});
    std::unique_lock lock(mu_);
    if (wake_.wait_for(lock, std::chrono::milliseconds(std::max<int64_t>(1, next - now)),
                       [this] { return stopping_; })) {
      return;
    }
  }
}

}  // namespace hall::app
