#include "support/simulated_day.h"

#include <algorithm>
#include <map>
#include <queue>
#include <set>
#include <tuple>

#include "portal/domain/hall_time.h"

namespace hall::test {

namespace {

using hall::domain::FrontDesk;
using hall::domain::TicketChannel;
using hall::domain::TicketRequest;
using hall::domain::TicketState;
using hall::domain::TicketView;
using hall::domain::TransferTarget;

constexpr int64_t kMinute = 60000;
// A visitor who does not come is called again after a minute.
constexpr int64_t kRecallAfter = kMinute;
// The calling decision's long-wait rule, and how long the engine may reuse
// a rank it computed (QueueRankings: kRankFreshMillis).
constexpr int64_t kLongWait = 60 * kMinute;
constexpr int64_t kRankReuse = 1000;

enum class EventKind { Arrive, BreakDue, BreakOver, Recall, NoShow, WalkUp, Transfer, End };

struct Event {
  int64_t at = 0;
  int64_t sequence = 0;  // ties go in the order scheduled
  EventKind kind = EventKind::Arrive;
  int subject = 0;  // a visitor (Arrive) or a window
  bool operator>(const Event& other) const {
    return std::tie(at, sequence) > std::tie(other.at, other.sequence);
  }
};

enum class WindowActivity { Idle, Calling, Serving, Paused };

struct WindowSim {
  const PlannedWindow* plan = nullptr;
  std::vector<std::string> claim_queues;  // its transfer queue, then its queues in order
  WindowActivity activity = WindowActivity::Idle;
  int64_t idle_since = 0;
  std::string ticket;
  size_t next_break = 0;
};

enum class TicketWhere { Waiting, AtWindow, Done };

struct TicketSim {
  size_t log = 0;  // index into DayLog::tickets
  int visitor = 0;
  std::string queue;
  int64_t queued_at = 0;
  TicketWhere where = TicketWhere::Waiting;
  std::string window;
  int static_rank = 9;  // the calling decision's rank without the long-wait rule
  int calls = 0;        // at the current window
  int calling = 0;      // 0 the first calling, 1 after a requeue
};

std::string hhmm(int64_t at) { return hall::domain::hallTime(at).hhmm; }

class Simulation {
 public:
  Simulation(FrontDeskHarness& harness, const HallDayPlan& plan)
      : harness_(harness), desk_(harness.desk()), plan_(plan) {}

  DayLog run() {
    harness_.clock().set(plan_.opens_at - 60 * kMinute);
    bookAppointments();
    harness_.clock().set(plan_.opens_at);
    signIn();
    for (const PlannedVisitor& v : plan_.visitors) {
      schedule(v.arrives_at, EventKind::Arrive, v.index);
    }
    for (size_t w = 0; w < windows_.size(); ++w) {
      for (const PlannedBreak& b : windows_[w].plan->breaks) {
        schedule(b.from, EventKind::BreakDue, static_cast<int>(w));
      }
    }
    const int max_events =
        24 * static_cast<int>(plan_.visitors.size()) + 8 * static_cast<int>(windows_.size()) + 100;
    const int64_t midnight = plan_.opens_at + 15 * 60 * kMinute;
    while (!events_.empty() && log_.events < max_events) {
      const Event e = events_.top();
      events_.pop();
      if (e.at > midnight) {
        problem("the day runs past midnight: " + std::to_string(waitingCount()) + " still wait");
        break;
      }
      harness_.clock().set(e.at);
      log_.last_event_at = e.at;
      ++log_.events;
      handle(e);
      dispatch();
    }
    if (!events_.empty()) problem("stopped after " + std::to_string(log_.events) + " events");
    if (const int left = waitingCount(); left > 0) {
      problem(std::to_string(left) + " tickets still wait when the day is over");
    }
    signOut();
    standInForConnectors();
    return std::move(log_);
  }

 private:
  void problem(const std::string& what) { log_.problems.push_back(hhmm(now()) + " " + what); }

  int64_t now() const { return wf::toEpochMillis(harness_.clock().now()); }

  void schedule(int64_t at, EventKind kind, int subject) {
    events_.push(Event{at, next_sequence_++, kind, subject});
  }

  // The visits' jobs run once the day is over, not during it: get next work
  // passes over a task whose instance lock is busy, and the engine's locks
  // are striped (InstanceLocks, 1024 stripes), so a job completing another
  // visit that shares the stripe would make a window skip the rightful next
  // ticket by chance — one thread keeps the calling order what the rules
  // say.
  void standInForConnectors() {
    for (const char* type : {"case.handover", "rating.request"}) {
      harness_.engine().registerJobHandler(
          type,
          [](const wf::JobContext&) -> wf::Result<wf::Value> { return wf::Value(wf::Object{}); });
    }
    harness_.engine().startJobWorkers();
  }

  void bookAppointments() {
    for (const PlannedVisitor& v : plan_.visitors) {
      if (v.channel != TicketChannel::Appointment) continue;
      wf::Result<hall::domain::Appointment> booked =
          desk_.book(v.queue, v.slot_at, v.id_number, v.vip_booking);
      if (!booked.ok()) {
        problem("booking " + v.queue + " at " + hhmm(v.slot_at) + ": " +
                booked.status().toString());
        continue;
      }
      codes_[v.index] = booked->code;
    }
  }

  void signIn() {
    for (const PlannedWindow& w : plan_.windows) {
      const hall::domain::Window* layout = harness_.layout().window(w.id);
      wf::Result<hall::domain::WindowView> signed_in = desk_.signIn(w.id, "clerk " + w.id);
      if (!signed_in.ok() || !layout) {
        problem("sign in " + w.id + ": " + signed_in.status().toString());
        continue;
      }
      WindowSim sim;
      sim.plan = &w;
      sim.claim_queues.push_back("window:" + w.id);
      sim.claim_queues.insert(sim.claim_queues.end(), layout->queues.begin(), layout->queues.end());
      sim.idle_since = now();
      windows_.push_back(std::move(sim));
    }
  }

  void signOut() {
    for (WindowSim& w : windows_) {
      wf::Result<hall::domain::WindowView> out = desk_.signOut(w.plan->id);
      if (!out.ok()) problem("sign out " + w.plan->id + ": " + out.status().toString());
    }
  }

  void handle(const Event& e) {
    switch (e.kind) {
      case EventKind::Arrive:
        return arrive(plan_.visitors[static_cast<size_t>(e.subject)]);
      case EventKind::BreakDue: {
        WindowSim& w = windows_[static_cast<size_t>(e.subject)];
        if (w.activity == WindowActivity::Idle && breakDue(w)) becomeIdle(w);
        return;
      }
      case EventKind::BreakOver:
        return breakOver(windows_[static_cast<size_t>(e.subject)]);
      case EventKind::Recall:
        return recall(windows_[static_cast<size_t>(e.subject)]);
      case EventKind::NoShow:
        return noShow(windows_[static_cast<size_t>(e.subject)]);
      case EventKind::WalkUp:
        return walkUp(windows_[static_cast<size_t>(e.subject)]);
      case EventKind::Transfer:
        return transfer(windows_[static_cast<size_t>(e.subject)]);
      case EventKind::End:
        return end(windows_[static_cast<size_t>(e.subject)]);
    }
  }

  // --- visitors at the ticket machine -----------------------------------

  void arrive(const PlannedVisitor& v) {
    TicketRequest request;
    request.channel = v.channel;
    request.id_number = v.id_number;
    request.disabled = v.disabled;
    if (v.channel == TicketChannel::Appointment) {
      auto code = codes_.find(v.index);
      if (code == codes_.end()) return;  // its booking failed, a problem already
      request.appointment_code = code->second;
    } else {
      request.queue = v.queue;
    }
    const bool expect_refusal = v.punctuality == Punctuality::TooEarly && !returned_.count(v.index);
    wf::Result<TicketView> issued = desk_.issue(request);
    if (expect_refusal) {
      tooEarly(v, issued);
      return;
    }
    if (!issued.ok()) {
      problem("visitor " + std::to_string(v.index) +
              " refused at the machine: " + issued.status().toString());
      return;
    }
    const hall::domain::Ticket& t = issued->ticket;
    const bool appointment = v.channel == TicketChannel::Appointment;
    const bool on_time = appointment && v.punctuality != Punctuality::Late;
    // The front desk learns a visitor's age from the ID number given at the
    // machine, or booked with the appointment.
    const bool elderly = v.elderly || v.disabled;
    if (t.appointment_on_time != on_time || t.elderly_or_disabled != elderly ||
        t.vip != (v.vip_booking || v.channel == TicketChannel::Vip) || t.queue != v.queue ||
        t.state != TicketState::Waiting) {
      problem("ticket " + t.number + " has the wrong flags, queue or state for its visitor");
    }
    DayTicket entry;
    entry.id = t.id;
    entry.number = t.number;
    entry.instance_id = t.instance_id;
    entry.visitor = v.index;
    entry.queue = t.queue;
    entry.issued_at = t.issued_at;
    entry.estimated_wait_minutes = t.estimated_wait_minutes;
    entry.category = t.vip                                     ? "vip"
                     : t.appointment_on_time                   ? "appointment"
                     : v.channel == TicketChannel::Appointment ? "late-appointment"
                     : t.elderly_or_disabled                   ? "elderly"
                                                               : "walk-in";
    TicketSim sim;
    sim.log = log_.tickets.size();
    sim.visitor = v.index;
    sim.queue = t.queue;
    sim.queued_at = t.queued_at;
    sim.static_rank = t.appointment_on_time ? 1 : t.vip ? 2 : t.elderly_or_disabled ? 3 : 9;
    log_.tickets.push_back(std::move(entry));
    wait(sim.queue, t.id);
    tickets_[t.id] = sim;
  }

  // The machine must refuse and say from when the visitor may check in.
  void tooEarly(const PlannedVisitor& v, const wf::Result<TicketView>& issued) {
    const int64_t from =
        v.slot_at - int64_t{harness_.layout().rules.appointment_early_minutes} * kMinute;
    const wf::Value* told = issued.ok() ? nullptr : issued.status().details().find("checkInFrom");
    if (issued.ok() || issued.status().code() != wf::StatusCode::Conflict || !told ||
        !told->isString() || told->asString() != hhmm(from)) {
      const std::string got =
          issued.ok() ? "ticket " + issued->ticket.number : issued.status().toString();
      problem("too early for " + hhmm(v.slot_at) + ": expected a refusal naming " + hhmm(from) +
              ", got " + got);
      return;
    }
    ++log_.too_early_refusals;
    returned_.insert(v.index);
    schedule(from + v.returns_after_ms, EventKind::Arrive, v.index);
  }

  // --- windows --------------------------------------------------------------

  static int rankAt(const TicketSim& t, int64_t at) {
    return std::min(t.static_rank, at - t.queued_at >= kLongWait ? 5 : 9);
  }

  void wait(const std::string& queue, const std::string& ticket) {
    std::set<std::string>& waiting = waiting_[queue];
    waiting.insert(ticket);
    int& peak = log_.peak_waiting[queue];
    peak = std::max(peak, static_cast<int>(waiting.size()));
  }

  int waitingCount() const {
    int n = 0;
    for (const auto& [queue, ids] : waiting_) n += static_cast<int>(ids.size());
    return n;
  }

  const std::string* firstQueueWithWork(const WindowSim& w) const {
    for (const std::string& q : w.claim_queues) {
      auto it = waiting_.find(q);
      if (it != waiting_.end() && !it->second.empty()) return &q;
    }
    return nullptr;
  }

  // Idle windows call, the longest idle first, while anyone waits for them.
  void dispatch() {
    std::vector<WindowSim*> idle;
    for (WindowSim& w : windows_) {
      if (w.activity == WindowActivity::Idle) idle.push_back(&w);
    }
    std::stable_sort(idle.begin(), idle.end(), [](const WindowSim* a, const WindowSim* b) {
      return a->idle_since < b->idle_since;
    });
    for (WindowSim* w : idle) {
      if (firstQueueWithWork(*w)) callNext(*w);
    }
  }

  void callNext(WindowSim& w) {
    const std::string expected_queue = *firstQueueWithWork(w);
    const int waiting_there = static_cast<int>(waiting_[expected_queue].size());
    wf::Result<std::optional<TicketView>> called = desk_.callNext(w.plan->id);
    if (!called.ok()) {
      problem("call next at " + w.plan->id + ": " + called.status().toString());
      return;
    }
    if (!called->has_value()) {
      problem(w.plan->id + " found no one although " + std::to_string(waiting_there) + " wait in " +
              expected_queue);
      return;
    }
    const hall::domain::Ticket& t = (*called)->ticket;
    auto found = tickets_.find(t.id);
    if (found == tickets_.end()) {
      problem(w.plan->id + " called " + t.number + ", a ticket never issued");
      return;
    }
    TicketSim& sim = found->second;
    if (sim.where != TicketWhere::Waiting) {
      problem(w.plan->id + " called " + t.number + " while " +
              (sim.where == TicketWhere::Done ? std::string("it was done")
                                              : "window " + sim.window + " held it"));
      return;
    }
    checkOrder(w, sim, t, expected_queue);
    if (t.window != w.plan->id || t.state != TicketState::Called || t.calls != 1) {
      problem(w.plan->id + " called " + t.number + " but the ticket says window " + t.window);
    }
    waiting_[sim.queue].erase(t.id);
    sim.where = TicketWhere::AtWindow;
    sim.window = w.plan->id;
    sim.calls = 1;
    DayTicket& entry = log_.tickets[sim.log];
    if (entry.first_called_at == 0) entry.first_called_at = t.called_at;
    log_.calls.push_back({t.id, w.plan->id, now(), false});
    w.activity = WindowActivity::Calling;
    w.ticket = t.id;
    answerOrNot(w, sim);
  }

  // What get-next-work must have chosen: the window's first queue in its
  // order where anyone waits, and there the lowest rank, equal ranks by age.
  // A rank the engine computed within kRankReuse may still be in use, so a
  // ticket that crossed the long-wait line in that second counts either way.
  void checkOrder(const WindowSim& w, const TicketSim& called, const hall::domain::Ticket& t,
                  const std::string& expected_queue) {
    if (called.queue != expected_queue) {
      problem(w.plan->id + " called " + t.number + " from " + called.queue + " while " +
              std::to_string(waiting_[expected_queue].size()) + " waited in " + expected_queue +
              ", before it in the window's order");
      return;
    }
    const int64_t at = now();
    const int called_best = rankAt(called, at);
    const int called_worst = rankAt(called, at - kRankReuse);
    for (const std::string& other_id : waiting_[called.queue]) {
      if (other_id == t.id) continue;
      const TicketSim& other = tickets_.at(other_id);
      const int other_best = rankAt(other, at);
      const int other_worst = rankAt(other, at - kRankReuse);
      const bool surely_better = other_worst < called_best;
      const bool same_rank_older = other_best == other_worst && called_best == called_worst &&
                                   other_best == called_best && other.queued_at < called.queued_at;
      if (surely_better || same_rank_older) {
        problem(w.plan->id + " called " + t.number + " (rank " + std::to_string(called_best) +
                ", waiting since " + hhmm(called.queued_at) + ") before " +
                log_.tickets[other.log].number + " (rank " + std::to_string(other_worst) +
                ", since " + hhmm(other.queued_at) + ") in " + called.queue);
        return;
      }
    }
  }

  const PlannedVisitor& visitorOf(const TicketSim& t) const {
    return plan_.visitors[static_cast<size_t>(t.visitor)];
  }

  // The call he answers this time: a transferred visitor is at hand.
  int answersCall(const TicketSim& t) const {
    if (log_.tickets[t.log].transferred) return 1;
    return visitorOf(t).answers_call[static_cast<size_t>(t.calling)];
  }

  void answerOrNot(WindowSim& w, const TicketSim& t) {
    const int window = static_cast<int>(&w - windows_.data());
    if (answersCall(t) == t.calls) {
      schedule(now() + visitorOf(t).walk_ms, EventKind::WalkUp, window);
    } else if (t.calls < harness_.layout().rules.no_show_limit) {
      schedule(now() + kRecallAfter, EventKind::Recall, window);
    } else {
      schedule(now() + kRecallAfter, EventKind::NoShow, window);
    }
  }

  TicketSim* ticketAt(WindowSim& w, const char* action) {
    auto it = tickets_.find(w.ticket);
    if (it == tickets_.end()) {
      problem(std::string(action) + " at " + w.plan->id + " without a ticket");
      return nullptr;
    }
    return &it->second;
  }

  void recall(WindowSim& w) {
    TicketSim* t = ticketAt(w, "recall");
    if (!t) return;
    wf::Result<TicketView> recalled = desk_.recall(w.plan->id);
    if (!recalled.ok()) {
      problem("recall at " + w.plan->id + ": " + recalled.status().toString());
      return;
    }
    ++t->calls;
    if (recalled->ticket.calls != t->calls) {
      problem("recall of " + recalled->ticket.number + " counts " +
              std::to_string(recalled->ticket.calls) + " calls, expected " +
              std::to_string(t->calls));
    }
    log_.calls.push_back({w.ticket, w.plan->id, now(), true});
    answerOrNot(w, *t);
  }

  void noShow(WindowSim& w) {
    TicketSim* t = ticketAt(w, "no-show");
    if (!t) return;
    // The hall's limit of calls is reached: one more recall is refused.
    if (desk_.recall(w.plan->id).status().code() != wf::StatusCode::Conflict) {
      problem("a recall beyond the limit was not refused at " + w.plan->id);
    }
    wf::Result<TicketView> gone = desk_.noShow(w.plan->id);
    if (!gone.ok()) {
      problem("no-show at " + w.plan->id + ": " + gone.status().toString());
      return;
    }
    ++log_.no_shows;
    DayTicket& entry = log_.tickets[t->log];
    const bool requeue = harness_.layout().rules.no_show_requeues_once && entry.requeues == 0;
    const hall::domain::Ticket& after = gone->ticket;
    if (requeue) {
      if (after.state != TicketState::Waiting) {
        problem(after.number + " was not requeued after its first no-show");
      }
      ++entry.requeues;
      t->calling = 1;
      t->where = TicketWhere::Waiting;
      t->queued_at = after.queued_at;
      wait(t->queue, entry.id);
    } else {
      if (after.state != TicketState::Done || after.outcome != "no-show") {
        problem(after.number + " did not end after its second no-show");
      }
      t->where = TicketWhere::Done;
    }
    t->window.clear();
    t->calls = 0;
    w.ticket.clear();
    becomeIdle(w);
  }

  void walkUp(WindowSim& w) {
    TicketSim* t = ticketAt(w, "arrive");
    if (!t) return;
    wf::Result<TicketView> came = desk_.arrive(w.plan->id);
    if (!came.ok() || came->ticket.state != TicketState::Serving) {
      problem("arrive at " + w.plan->id + ": " +
              (came.ok() ? "not serving" : came.status().toString()));
      return;
    }
    w.activity = WindowActivity::Serving;
    const PlannedVisitor& v = visitorOf(*t);
    const int window = static_cast<int>(&w - windows_.data());
    const bool transferred = log_.tickets[t->log].transferred;
    if (!v.transfer_queue.empty() && !transferred) {
      schedule(now() + static_cast<int64_t>(v.transfer_after_minutes * kMinute),
               EventKind::Transfer, window);
    } else {
      const double minutes = transferred ? v.second_service_minutes : v.service_minutes;
      schedule(now() + static_cast<int64_t>(minutes * kMinute), EventKind::End, window);
    }
  }

  // Sent on to the next queue, or to a window serving it (not this one).
  TransferTarget transferTarget(const WindowSim& from, const PlannedVisitor& v) const {
    TransferTarget target{.queue = v.transfer_queue};
    if (!v.transfer_to_window) return target;
    std::vector<const std::string*> serving;
    for (const WindowSim& w : windows_) {
      const auto& queues = harness_.layout().window(w.plan->id)->queues;
      if (&w != &from &&
          std::find(queues.begin(), queues.end(), v.transfer_queue) != queues.end()) {
        serving.push_back(&w.plan->id);
      }
    }
    if (serving.empty()) return target;
    const size_t k =
        std::min(serving.size() - 1,
                 static_cast<size_t>(v.transfer_pick * static_cast<double>(serving.size())));
    return TransferTarget{.window = *serving[k]};
  }

  void transfer(WindowSim& w) {
    TicketSim* t = ticketAt(w, "transfer");
    if (!t) return;
    const TransferTarget target = transferTarget(w, visitorOf(*t));
    wf::Result<TicketView> moved = desk_.transfer(w.plan->id, target);
    if (!moved.ok()) {
      problem("transfer at " + w.plan->id + ": " + moved.status().toString());
      return;
    }
    const std::string expected_queue =
        target.window.empty() ? target.queue : "window:" + target.window;
    const hall::domain::Ticket& after = moved->ticket;
    if (after.state != TicketState::Waiting || after.queue != expected_queue ||
        !after.transferred) {
      problem(after.number + " did not wait in " + expected_queue + " after its transfer");
    }
    ++log_.transfers;
    if (!target.window.empty()) ++log_.transfers_to_window;
    log_.tickets[t->log].transferred = true;
    t->static_rank = std::min(t->static_rank, 4);
    t->queue = after.queue;
    t->queued_at = after.queued_at;
    t->where = TicketWhere::Waiting;
    t->window.clear();
    t->calls = 0;
    wait(t->queue, w.ticket);
    w.ticket.clear();
    becomeIdle(w);
  }

  void end(WindowSim& w) {
    TicketSim* t = ticketAt(w, "end");
    if (!t) return;
    const PlannedVisitor& v = visitorOf(*t);
    wf::Result<TicketView> ended = desk_.end(w.plan->id, v.outcome);
    if (!ended.ok() || ended->ticket.state != TicketState::Done ||
        ended->ticket.outcome != v.outcome) {
      problem("end at " + w.plan->id + ": " +
              (ended.ok() ? "not done" : ended.status().toString()));
      return;
    }
    t->where = TicketWhere::Done;
    t->window.clear();
    w.ticket.clear();
    becomeIdle(w);
  }

  bool breakDue(const WindowSim& w) const {
    const std::vector<PlannedBreak>& breaks = w.plan->breaks;
    return w.next_break < breaks.size() && breaks[w.next_break].from <= now();
  }

  // Free again: the clerk takes a break that is due, else waits for work.
  void becomeIdle(WindowSim& w) {
    const std::vector<PlannedBreak>& breaks = w.plan->breaks;
    if (breakDue(w)) {
      wf::Result<hall::domain::WindowView> paused = desk_.pause(w.plan->id);
      if (paused.ok()) {
        ++log_.breaks;
        w.activity = WindowActivity::Paused;
        schedule(now() + breaks[w.next_break].minutes * kMinute, EventKind::BreakOver,
                 static_cast<int>(&w - windows_.data()));
        ++w.next_break;
        return;
      }
      problem("pause at " + w.plan->id + ": " + paused.status().toString());
    }
    w.activity = WindowActivity::Idle;
    w.idle_since = now();
  }

  void breakOver(WindowSim& w) {
    wf::Result<hall::domain::WindowView> resumed = desk_.resume(w.plan->id);
    if (!resumed.ok()) problem("resume at " + w.plan->id + ": " + resumed.status().toString());
    becomeIdle(w);
  }

  FrontDeskHarness& harness_;
  FrontDesk& desk_;
  const HallDayPlan& plan_;
  DayLog log_;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
  int64_t next_sequence_ = 0;
  std::vector<WindowSim> windows_;
  std::map<int, std::string> codes_;  // visitor → appointment code
  std::set<int> returned_;            // visitors refused as too early once
  std::map<std::string, TicketSim> tickets_;
  std::map<std::string, std::set<std::string>> waiting_;  // queue → ticket ids
};

}  // namespace

DayLog simulateHallDay(FrontDeskHarness& harness, const HallDayPlan& plan) {
  return Simulation(harness, plan).run();
}

}  // namespace hall::test
