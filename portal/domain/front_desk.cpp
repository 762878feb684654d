#include "portal/domain/front_desk.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "portal/domain/hall_time.h"
#include "portal/domain/id_number.h"

namespace hall::domain {

namespace {

constexpr const char* kWindowQueuePrefix = "window:";

wf::Value field(std::string_view name) {
  return wf::Value(wf::Object{{"field", wf::Value(std::string(name))}});
}

wf::Status invalidField(std::string_view name, const std::string& why) {
  return wf::Status::invalid(std::string(name) + ": " + why, field(name));
}

wf::Status conflictField(std::string_view name, const std::string& why,
                         wf::Object more = wf::Object{}) {
  more["field"] = wf::Value(std::string(name));
  return wf::Status(wf::StatusCode::Conflict, std::string(name) + ": " + why,
                    wf::Value(std::move(more)));
}

std::string ticketNumber(char prefix, int sequence) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%c%03d", prefix, sequence);
  return buffer;
}

int ageOn(const std::string& id_number, int today_yyyymmdd) {
  const int birth = std::stoi(id_number.substr(6, 8));
  return (today_yyyymmdd - birth) / 10000;
}

const wf::Value* member(const wf::Value& object, const char* name) { return object.find(name); }

std::string text(const wf::Value& object, const char* name) {
  const wf::Value* v = member(object, name);
  return v && v->isString() ? v->asString() : std::string();
}

bool flag(const wf::Value& object, const char* name) {
  const wf::Value* v = member(object, name);
  return v && v->isBool() && v->asBool();
}

int64_t number(const wf::Value& object, const char* name) {
  const wf::Value* v = member(object, name);
  return v && v->isNumber() ? static_cast<int64_t>(v->asNumber()) : 0;
}

// What the visit instance is started with: everything the calling decision
// reads, and enough to rebuild the hall's record of the ticket after a crash
// (personal data sealed only).
wf::Value visitVariables(const Ticket& t) {
  return wf::Value(wf::Object{
      {"ticketId", wf::Value(t.id)},
      {"ticketNumber", wf::Value(t.number)},
      {"queue", wf::Value(t.queue)},
      {"day", wf::Value(t.day)},
      {"channel", wf::Value(ticketChannelName(t.channel))},
      {"statusToken", wf::Value(t.status_token)},
      {"issuedAt", wf::Value(t.issued_at)},
      {"estimatedWaitMinutes", wf::Value(t.estimated_wait_minutes)},
      {"idSealed", wf::Value(t.id_sealed)},
      {"idDigest", wf::Value(t.id_digest)},
      {"idMasked", wf::Value(t.id_masked)},
      {"phoneSealed", wf::Value(t.phone_sealed)},
      {"phoneMasked", wf::Value(t.phone_masked)},
      {"appointmentOnTime", wf::Value(t.appointment_on_time)},
      {"vip", wf::Value(t.vip)},
      {"elderlyOrDisabled", wf::Value(t.elderly_or_disabled)},
      {"transferred", wf::Value(t.transferred)},
      {"window", wf::Value("")},
  });
}

std::string holderKey(const std::string& queue, const std::string& digest) {
  return queue + '\n' + digest;
}

}  // namespace

const char* ticketChannelName(TicketChannel channel) {
  switch (channel) {
    case TicketChannel::WalkIn:
      return "walk-in";
    case TicketChannel::IdCard:
      return "id-card";
    case TicketChannel::Suishen:
      return "suishen";
    case TicketChannel::Appointment:
      return "appointment";
    case TicketChannel::Vip:
      return "vip";
  }
  return "walk-in";
}

std::optional<TicketChannel> ticketChannelFromName(std::string_view name) {
  for (TicketChannel c : {TicketChannel::WalkIn, TicketChannel::IdCard, TicketChannel::Suishen,
                          TicketChannel::Appointment, TicketChannel::Vip}) {
    if (name == ticketChannelName(c)) return c;
  }
  return std::nullopt;
}

FrontDesk::FrontDesk(HallLayout layout, FrontDeskPorts ports, FrontDeskOptions options)
    : layout_(std::move(layout)),
      ports_(ports),
      options_(std::move(options)),
      estimator_(options_.default_service_minutes) {}

FrontDesk::~FrontDesk() = default;

wf::Result<std::unique_ptr<FrontDesk>> FrontDesk::open(HallLayout layout, FrontDeskPorts ports,
                                                       FrontDeskOptions options) {
  if (!ports.engine || !ports.store || !ports.vault || !ports.clock) {
    return wf::Status::internal("front desk: engine, store, vault and clock are required");
  }
  std::unique_ptr<FrontDesk> desk(new FrontDesk(std::move(layout), ports, std::move(options)));
  std::vector<std::string> ranked;
  for (const Queue& q : desk->layout_.queues) ranked.push_back(q.id);
  for (const Window& w : desk->layout_.windows) ranked.push_back(windowQueue(w.id));
  for (const std::string& q : ranked) {
    RETURN_IF_ERROR(ports.engine->setQueueRanking(q, desk->options_.ranking_decision));
  }
  RETURN_IF_ERROR(desk->load());
  return desk;
}

wf::Status FrontDesk::load() {
  std::lock_guard lock(mu_);
  for (const Window& w : layout_.windows) {
    auto slot = std::make_unique<WindowSlot>();
    slot->layout = &w;
    slot->session.window = w.id;
    windows_[w.id] = std::move(slot);
  }
  ASSIGN_OR_RETURN(std::vector<WindowSession> sessions, ports_.store->windowSessions());
  for (WindowSession& s : sessions) {
    auto it = windows_.find(s.window);
    if (it == windows_.end()) continue;  // a window the layout no longer has
    it->second->lifecycle = WindowLifecycle(s.state);
    it->second->session = std::move(s);
  }
  ASSIGN_OR_RETURN(std::vector<Ticket> live, ports_.store->liveTickets());
  for (Ticket& t : live) {
    auto entry = std::make_unique<LiveTicket>(LiveTicket{std::move(t), TicketLifecycle()});
    entry->lifecycle = TicketLifecycle(entry->data.state);
    indexLocked(entry->data);
    const std::string id = entry->data.id;
    tickets_[id] = std::move(entry);
  }
  return wf::Status::ok();
}

int64_t FrontDesk::now() const { return wf::toEpochMillis(ports_.clock->now()); }

std::string FrontDesk::windowQueue(const std::string& window) {
  return kWindowQueuePrefix + window;
}

bool FrontDesk::isOpen(const Queue& queue, int64_t at) const {
  if (options_.always_open) return true;
  const HallTime t = hallTime(at);
  return queue.days[static_cast<size_t>(t.weekday)] && t.minute_of_day >= queue.opens_minute &&
         t.minute_of_day < queue.closes_minute;
}

void FrontDesk::indexLocked(const Ticket& t) {
  if (!t.instance_id.empty()) by_instance_[t.instance_id] = t.id;
  if (!t.id_digest.empty()) by_holder_[holderKey(t.queue, t.id_digest)] = t.id;
  if (t.state == TicketState::Waiting) waiting_[t.queue].insert({t.queued_at, t.id});
}

void FrontDesk::unindexLocked(const Ticket& t) {
  if (!t.id_digest.empty()) {
    auto it = by_holder_.find(holderKey(t.queue, t.id_digest));
    if (it != by_holder_.end() && it->second == t.id) by_holder_.erase(it);
  }
  auto w = waiting_.find(t.queue);
  if (w != waiting_.end()) w->second.erase({t.queued_at, t.id});
}

int FrontDesk::aheadLocked(const Ticket& t) const {
  auto w = waiting_.find(t.queue);
  if (w == waiting_.end()) return 0;
  return static_cast<int>(
      std::distance(w->second.begin(), w->second.lower_bound({t.queued_at, t.id})));
}

int FrontDesk::estimateLocked(const std::string& queue, int ahead) const {
  std::vector<WaitEstimator::OpenWindow> open;
  std::vector<WaitEstimator::OpenWindow> all;
  for (const auto& [id, slot] : windows_) {
    const std::vector<std::string>& served = slot->layout->queues;
    const bool serves =
        std::find(served.begin(), served.end(), queue) != served.end() || queue == windowQueue(id);
    if (!serves) continue;
    const WaitEstimator::OpenWindow w{id, static_cast<int>(served.size())};
    all.push_back(w);
    const WindowState s = slot->session.state;
    if (s != WindowState::Offline && s != WindowState::Paused) open.push_back(w);
  }
  // Before the clerks sign in, the hall's windows are what will serve.
  return estimator_.estimateMinutes(queue, ahead, open.empty() ? all : open);
}

TicketView FrontDesk::viewLocked(const Ticket& t) const {
  TicketView v;
  v.ticket = t;
  const std::string& queue = t.queue;
  if (queue.rfind(kWindowQueuePrefix, 0) == 0) {
    const Window* w =
        layout_.window(queue.substr(std::char_traits<char>::length(kWindowQueuePrefix)));
    v.queue_name = w ? std::to_string(w->number) + " 号窗口" : queue;
  } else if (const Queue* q = layout_.queue(queue)) {
    v.queue_name = q->name;
  }
  if (const Window* w = layout_.window(t.window)) v.window_number = w->number;
  if (t.state == TicketState::Waiting) {
    v.ahead = aheadLocked(t);
    v.estimated_wait_minutes = estimateLocked(queue, v.ahead);
  }
  return v;
}

WindowView FrontDesk::windowViewLocked(const WindowSlot& slot) const {
  WindowView v;
  v.session = slot.session;
  v.number = slot.layout->number;
  v.kind = windowKindName(slot.layout->kind);
  v.zone = slot.layout->zone;
  v.queues = slot.layout->queues;
  if (auto it = tickets_.find(slot.session.ticket); it != tickets_.end()) {
    v.ticket_number = it->second->data.number;
  }
  return v;
}

wf::Result<FrontDesk::WindowSlot*> FrontDesk::slot(const std::string& window) {
  std::lock_guard lock(mu_);
  auto it = windows_.find(window);
  if (it == windows_.end()) return wf::Status::notFound("window " + window + " is not in the hall");
  return it->second.get();
}

std::vector<std::string> FrontDesk::claimQueues(const WindowSlot& slot) const {
  std::vector<std::string> queues{windowQueue(slot.layout->id)};
  queues.insert(queues.end(), slot.layout->queues.begin(), slot.layout->queues.end());
  return queues;
}

// --- tickets ---------------------------------------------------------------

wf::Result<TicketView> FrontDesk::issue(const TicketRequest& request) {
  const int64_t at = now();
  const HallTime today = hallTime(at);
  Ticket t;
  t.channel = request.channel;
  std::string queue_id = request.queue;
  std::string id_number;

  std::optional<Appointment> appointment;
  switch (request.channel) {
    case TicketChannel::WalkIn:
      break;
    case TicketChannel::Vip:
      t.vip = true;
      if (!request.id_number.empty()) id_number = request.id_number;
      break;
    case TicketChannel::IdCard:
      if (request.id_number.empty()) return invalidField("idNumber", "required for an ID card");
      id_number = request.id_number;
      break;
    case TicketChannel::Suishen: {
      if (request.suishen_code.empty()) return invalidField("suishenCode", "required");
      if (!ports_.suishen) {
        return wf::Status(wf::StatusCode::Unavailable,
                          "suishenCode: 随申码 verification is not configured in this hall",
                          field("suishenCode"));
      }
      ASSIGN_OR_RETURN(SuishenVerifier::Holder holder,
                       ports_.suishen->verify(request.suishen_code));
      id_number = holder.id_number;
      break;
    }
    case TicketChannel::Appointment: {
      if (request.appointment_code.empty()) return invalidField("appointmentCode", "required");
      ASSIGN_OR_RETURN(appointment, ports_.store->appointment(request.appointment_code));
      if (!appointment) return invalidField("appointmentCode", "no such appointment");
      if (!appointment->ticket.empty()) {
        return conflictField("appointmentCode", "already checked in");
      }
      if (!queue_id.empty() && queue_id != appointment->queue) {
        return invalidField("queue", "the appointment is for queue " + appointment->queue);
      }
      queue_id = appointment->queue;
      const int64_t early =
          appointment->slot_at - int64_t{layout_.rules.appointment_early_minutes} * 60000;
      const int64_t late =
          appointment->slot_at + int64_t{layout_.rules.appointment_late_minutes} * 60000;
      if (at < early) {
        return conflictField("appointmentCode", "too early; check in from " + hallTime(early).hhmm,
                             wf::Object{{"checkInFrom", wf::Value(hallTime(early).hhmm)}});
      }
      // Too late, the appointment is a walk-in; on time, it goes first.
      t.appointment_on_time = at <= late;
      t.vip = appointment->vip;
      t.id_sealed = appointment->id_sealed;
      t.id_digest = appointment->id_digest;
      t.id_masked = appointment->id_masked;
      // The holder's age counts as at any machine (a late elderly visitor is
      // still called before walk-ins).
      if (!t.id_sealed.empty()) {
        if (wf::Result<std::string> id = ports_.vault->open(t.id_sealed); id.ok()) {
          t.elderly_or_disabled = ageOn(*id, today.yyyymmdd) >= options_.elderly_age;
        }
      }
      break;
    }
  }
  if (queue_id.empty() && request.channel == TicketChannel::Vip) queue_id = "vip";
  if (queue_id.empty()) return invalidField("queue", "required");
  const Queue* queue = layout_.queue(queue_id);
  if (!queue) return invalidField("queue", "no queue \"" + queue_id + "\" in this hall");
  if (!isOpen(*queue, at)) {
    char hours[32];
    std::snprintf(hours, sizeof(hours), "%02d:%02d-%02d:%02d", queue->opens_minute / 60,
                  queue->opens_minute % 60, queue->closes_minute / 60, queue->closes_minute % 60);
    return conflictField("queue", queue->name + " is closed now (open " + hours + ")",
                         wf::Object{{"hours", wf::Value(hours)}});
  }
  if (!id_number.empty()) {
    RETURN_IF_ERROR(validateIdNumber(id_number, today.yyyymmdd));
    if (id_number.back() == 'x') id_number.back() = 'X';
    t.id_sealed = ports_.vault->seal(id_number);
    t.id_digest = ports_.vault->digest(id_number);
    t.id_masked = maskIdNumber(id_number);
    t.elderly_or_disabled = ageOn(id_number, today.yyyymmdd) >= options_.elderly_age;
  }
  t.elderly_or_disabled = t.elderly_or_disabled || request.disabled;
  if (!request.phone.empty()) {
    if (!validPhone(request.phone)) {
      return invalidField("phone", "expected an 11-digit mobile number starting with 1");
    }
    t.phone_sealed = ports_.vault->seal(request.phone);
    t.phone_masked = maskPhone(request.phone);
  }

  // One live ticket per holder per queue: the holder's place is reserved
  // before the engine is asked, so two machines cannot both issue one.
  const std::string holder = t.id_digest.empty() ? "" : holderKey(queue->id, t.id_digest);
  if (!holder.empty()) {
    std::lock_guard lock(mu_);
    if (!by_holder_.try_emplace(holder, "").second) {
      return conflictField("idNumber",
                           "this visitor already holds a live ticket in " + queue->name);
    }
  }
  auto release_holder = [&] {
    if (holder.empty()) return;
    std::lock_guard lock(mu_);
    auto it = by_holder_.find(holder);
    if (it != by_holder_.end() && it->second.empty()) by_holder_.erase(it);
  };

  wf::Result<int> sequence = ports_.store->nextTicketSequence(queue->id, today.date);
  if (!sequence.ok()) {
    release_holder();
    return sequence.status();
  }
  t.queue = queue->id;
  t.day = today.date;
  t.number = ticketNumber(queue->prefix, *sequence);
  t.id = "t-" + std::to_string(today.yyyymmdd) + "-" + t.number;
  t.status_token = ports_.vault->randomToken();
  t.issued_at = at;
  t.queued_at = at;
  {
    std::lock_guard lock(mu_);
    const auto w = waiting_.find(t.queue);
    const int ahead = w == waiting_.end() ? 0 : static_cast<int>(w->second.size());
    t.estimated_wait_minutes = estimateLocked(t.queue, ahead);
  }

  // Known before the engine starts the visit: a window may claim its task
  // the moment the engine commits, and then waits for this to settle.
  LiveTicket* live = nullptr;
  {
    std::lock_guard lock(mu_);
    auto entry = std::make_unique<LiveTicket>(LiveTicket{t, TicketLifecycle(), true});
    live = entry.get();
    tickets_[t.id] = std::move(entry);
  }
  auto forget = [&] {
    {
      std::lock_guard lock(mu_);
      tickets_.erase(t.id);
    }
    settled_.notify_all();
    release_holder();
  };
  wf::Result<wf::InstanceInfo> visit =
      ports_.engine->startInstance(options_.visit_process, visitVariables(t), t.id);
  if (!visit.ok()) {
    forget();
    return visit.status();
  }
  t.instance_id = visit->id;
  if (const wf::Status saved = ports_.store->save(&t, nullptr); !saved.isOk()) {
    // The visit waits in the engine; the ticket is rebuilt from it when called.
    forget();
    return saved;
  }
  if (appointment) {
    // The ticket stands; a failure here only leaves the code usable once more.
    (void)ports_.store->checkInAppointment(appointment->code, t.id);
  }
  TicketView view;
  {
    std::lock_guard lock(mu_);
    if (!holder.empty()) by_holder_.erase(holder);
    live->data.instance_id = t.instance_id;
    live->settling = false;
    indexLocked(live->data);
    view = viewLocked(live->data);
  }
  settled_.notify_all();
  if (ports_.listener) ports_.listener->queueChanged(t.queue);
  return view;
}

wf::Result<TicketView> FrontDesk::ticket(const std::string& id) {
  {
    std::lock_guard lock(mu_);
    if (auto it = tickets_.find(id); it != tickets_.end()) return viewLocked(it->second->data);
  }
  ASSIGN_OR_RETURN(std::optional<Ticket> stored, ports_.store->ticket(id));
  if (!stored) return wf::Status::notFound("ticket " + id + " does not exist");
  std::lock_guard lock(mu_);
  return viewLocked(*stored);
}

wf::Result<TicketView> FrontDesk::ticketByStatusToken(const std::string& token) {
  ASSIGN_OR_RETURN(std::optional<Ticket> stored, ports_.store->ticketByStatusToken(token));
  if (!stored) return wf::Status::notFound("no ticket has this status token");
  return ticket(stored->id);
}

wf::Result<Appointment> FrontDesk::draftAppointment(const std::string& queue, int64_t slot_at,
                                                    const std::string& id_number, bool vip) {
  if (!layout_.queue(queue))
    return invalidField("queue", "no queue \"" + queue + "\" in this hall");
  Appointment a;
  a.queue = queue;
  a.slot_at = slot_at;
  a.vip = vip;
  if (!id_number.empty()) {
    RETURN_IF_ERROR(validateIdNumber(id_number, hallTime(now()).yyyymmdd));
    a.id_sealed = ports_.vault->seal(id_number);
    a.id_digest = ports_.vault->digest(id_number);
    a.id_masked = maskIdNumber(id_number);
  }
  return a;
}

wf::Result<Appointment> FrontDesk::bookCityAppointment(const std::string& code,
                                                       const std::string& queue, int64_t slot_at,
                                                       const std::string& id_number) {
  if (code.empty()) return invalidField("appointmentCode", "required");
  ASSIGN_OR_RETURN(std::optional<Appointment> booked, ports_.store->appointment(code));
  if (!booked) {
    ASSIGN_OR_RETURN(Appointment a, draftAppointment(queue, slot_at, id_number, false));
    a.code = code;
    const wf::Status added = ports_.store->addAppointment(a);
    if (added.isOk()) return a;
    if (added.code() != wf::StatusCode::InvalidArgument) return added;
    // Booked meanwhile by another call: compare with that one.
    ASSIGN_OR_RETURN(booked, ports_.store->appointment(code));
    if (!booked) return added;
  }
  if (booked->queue != queue || booked->slot_at != slot_at) {
    return conflictField("appointmentCode",
                         "appointment " + code + " is booked for another queue or slot");
  }
  return *booked;
}

wf::Result<Appointment> FrontDesk::book(const std::string& queue, int64_t slot_at,
                                        const std::string& id_number, bool vip) {
  ASSIGN_OR_RETURN(Appointment a, draftAppointment(queue, slot_at, id_number, vip));
  // Eight digits, easy to type on a ticket machine; a taken one is drawn again.
  for (int attempt = 0; attempt < 5; ++attempt) {
    const std::string token = ports_.vault->randomToken();
    a.code = std::to_string(10000000 + std::stoull(token.substr(0, 12), nullptr, 16) % 90000000);
    const wf::Status added = ports_.store->addAppointment(a);
    if (added.isOk()) return a;
    if (added.code() != wf::StatusCode::InvalidArgument) return added;
  }
  return wf::Status::internal("appointment: no free code after 5 draws");
}

// --- windows ---------------------------------------------------------------

wf::Result<FrontDesk::LiveTicket*> FrontDesk::ticketAtWindow(WindowSlot& s) {
  std::lock_guard lock(mu_);
  auto it = tickets_.find(s.session.ticket);
  if (it == tickets_.end()) {
    return wf::Status::conflict("window " + s.layout->id + " has no ticket called or served");
  }
  return it->second.get();
}

wf::Status FrontDesk::commit(LiveTicket& live, WindowSlot& s, Ticket next_ticket,
                             WindowSession next) {
  RETURN_IF_ERROR(ports_.store->save(&next_ticket, &next));
  std::string old_queue;
  {
    std::lock_guard lock(mu_);
    old_queue = live.data.queue;
    unindexLocked(live.data);
    live.data = std::move(next_ticket);
    live.lifecycle = TicketLifecycle(live.data.state);
    s.session = std::move(next);
    s.lifecycle = WindowLifecycle(s.session.state);
    if (live.data.state == TicketState::Done) {
      by_instance_.erase(live.data.instance_id);
      const std::string id = live.data.id;
      tickets_.erase(id);  // `live` is gone from here on
    } else {
      indexLocked(live.data);
    }
  }
  if (ports_.listener) {
    ports_.listener->windowChanged(s.session);
    ports_.listener->queueChanged(old_queue);
  }
  return wf::Status::ok();
}

wf::Result<WindowView> FrontDesk::signIn(const std::string& window, const std::string& clerk) {
  if (clerk.empty()) return invalidField("clerk", "required");
  return moveWindow(window, &WindowLifecycle::signIn, clerk);
}

wf::Result<Ticket> FrontDesk::adoptOrphan(const wf::TaskInfo& task) {
  ASSIGN_OR_RETURN(wf::InstanceInfo instance, ports_.engine->instance(task.instance_id));
  const wf::Value& v = instance.variables;
  Ticket t;
  t.id = text(v, "ticketId");
  if (t.id.empty()) {
    return wf::Status::internal("task " + task.id + " in queue " + task.queue +
                                " belongs to no ticket");
  }
  t.instance_id = instance.id;
  t.queue = text(v, "queue");
  t.number = text(v, "ticketNumber");
  t.day = text(v, "day");
  t.channel = ticketChannelFromName(text(v, "channel")).value_or(TicketChannel::WalkIn);
  t.status_token = text(v, "statusToken");
  t.issued_at = number(v, "issuedAt");
  t.queued_at = task.created_at;
  t.estimated_wait_minutes = static_cast<int>(number(v, "estimatedWaitMinutes"));
  t.id_sealed = text(v, "idSealed");
  t.id_digest = text(v, "idDigest");
  t.id_masked = text(v, "idMasked");
  t.phone_sealed = text(v, "phoneSealed");
  t.phone_masked = text(v, "phoneMasked");
  t.appointment_on_time = flag(v, "appointmentOnTime");
  t.vip = flag(v, "vip");
  t.elderly_or_disabled = flag(v, "elderlyOrDisabled");
  t.transferred = flag(v, "transferred");
  return t;
}

FrontDesk::Settling::~Settling() {
  {
    std::lock_guard lock(desk_.mu_);
    if (auto it = desk_.tickets_.find(id_); it != desk_.tickets_.end()) {
      it->second->settling = false;
    }
  }
  desk_.settled_.notify_all();
}

wf::Result<FrontDesk::LiveTicket*> FrontDesk::claimedTicket(const wf::TaskInfo& task) {
  // Long enough for any command to commit; a ticket still settling after it
  // is a broken invariant, and the claim is given back.
  constexpr auto kSettleLimit = std::chrono::seconds(10);
  std::string id;
  {
    std::lock_guard lock(mu_);
    if (auto found = by_instance_.find(task.instance_id); found != by_instance_.end()) {
      id = found->second;
    }
  }
  std::optional<Ticket> orphan;
  if (id.empty()) {
    // Not indexed: being issued this moment, or lost by the hall store.
    ASSIGN_OR_RETURN(orphan, adoptOrphan(task));
    id = orphan->id;
  }
  std::unique_lock lock(mu_);
  const auto find = [&]() -> LiveTicket* {
    const auto it = tickets_.find(id);
    return it == tickets_.end() ? nullptr : it->second.get();
  };
  if (!settled_.wait_for(lock, kSettleLimit, [&] { return !find() || !find()->settling; })) {
    return wf::Status::unavailable("ticket " + id + " did not settle in time; try again");
  }
  if (LiveTicket* live = find()) {
    live->data.instance_id = task.instance_id;
    by_instance_[task.instance_id] = id;
    return live;
  }
  if (!orphan) return wf::Status::internal("ticket " + id + " left the front desk while called");
  auto entry = std::make_unique<LiveTicket>(LiveTicket{*orphan, TicketLifecycle()});
  LiveTicket* live = entry.get();
  indexLocked(*orphan);
  tickets_[orphan->id] = std::move(entry);
  return live;
}

wf::Result<std::optional<TicketView>> FrontDesk::callNext(const std::string& window) {
  ASSIGN_OR_RETURN(WindowSlot * s, slot(window));
  std::lock_guard action(s->action);
  {
    std::lock_guard lock(mu_);
    WindowLifecycle probe(s->session.state);
    RETURN_IF_ERROR(probe.call());
  }
  std::optional<wf::TaskInfo> task;
  for (const std::string& queue : claimQueues(*s)) {
    ASSIGN_OR_RETURN(task, ports_.engine->claimNextTask(window, {queue}));
    if (task) break;
  }
  if (!task) return std::optional<TicketView>();
  wf::Result<LiveTicket*> claimed = claimedTicket(*task);
  if (!claimed.ok()) {
    // Give the visit back to its queue rather than hold it at a window
    // that is not calling it.
    (void)ports_.engine->unclaimTask(task->id);
    return claimed.status();
  }
  LiveTicket* live = *claimed;

  const int64_t at = now();
  Ticket next_ticket;
  WindowSession next;
  {
    std::lock_guard lock(mu_);
    TicketLifecycle ticket_probe(live->data.state);
    RETURN_IF_ERROR(ticket_probe.call());
    next_ticket = live->data;
    next_ticket.state = ticket_probe.state();
    next = s->session;
  }
  next_ticket.window = window;
  next_ticket.task_id = task->id;
  next_ticket.calls = 1;
  next_ticket.called_at = at;
  next.state = WindowState::Calling;
  next.ticket = next_ticket.id;
  next.since = at;
  RETURN_IF_ERROR(commit(*live, *s, next_ticket, next));
  notifyCall(next_ticket, *s, false);
  std::lock_guard lock(mu_);
  return std::optional<TicketView>(viewLocked(next_ticket));
}

void FrontDesk::notifyCall(const Ticket& t, const WindowSlot& s, bool recall) {
  if (!ports_.listener && !(ports_.notifier && !t.phone_sealed.empty())) return;
  CallEvent call;
  call.ticket = t.id;
  call.number = t.number;
  call.queue = t.queue;
  if (const Queue* q = layout_.queue(t.queue)) call.queue_name = q->name;
  call.window = s.layout->id;
  call.window_number = s.layout->number;
  call.zone = s.layout->zone;
  if (const Zone* z = layout_.zone(s.layout->zone)) call.voice = z->voice;
  call.recall = recall;
  call.phone_sealed = t.phone_sealed;
  call.phone_masked = t.phone_masked;
  call.at = now();
  if (ports_.listener) ports_.listener->called(call);
  if (ports_.notifier && !t.phone_sealed.empty()) ports_.notifier->notifyCall(call);
}

wf::Result<TicketView> FrontDesk::recall(const std::string& window) {
  ASSIGN_OR_RETURN(WindowSlot * s, slot(window));
  std::lock_guard action(s->action);
  Ticket next_ticket;
  WindowSession next;
  {
    std::lock_guard lock(mu_);
    if (s->session.state != WindowState::Calling) {
      return wf::Status::conflict("window: cannot recall while " +
                                  std::string(windowStateName(s->session.state)));
    }
  }
  ASSIGN_OR_RETURN(LiveTicket * live, ticketAtWindow(*s));
  {
    std::lock_guard lock(mu_);
    if (live->data.calls >= layout_.rules.no_show_limit) {
      return wf::Status(wf::StatusCode::Conflict,
                        "ticket " + live->data.number + " was called " +
                            std::to_string(live->data.calls) +
                            " times, the hall's limit; mark it a no-show",
                        wf::Value(wf::Object{{"limit", wf::Value(layout_.rules.no_show_limit)}}));
    }
    next_ticket = live->data;
    next = s->session;
  }
  ++next_ticket.calls;
  RETURN_IF_ERROR(commit(*live, *s, next_ticket, next));
  notifyCall(next_ticket, *s, true);
  std::lock_guard lock(mu_);
  return viewLocked(next_ticket);
}

wf::Status FrontDesk::arriveLocked(WindowSlot& s, LiveTicket& live) {
  Ticket next_ticket;
  WindowSession next;
  {
    std::lock_guard lock(mu_);
    TicketLifecycle ticket_probe(live.data.state);
    RETURN_IF_ERROR(ticket_probe.arrive());
    WindowLifecycle window_probe(s.session.state);
    RETURN_IF_ERROR(window_probe.arrive());
    next_ticket = live.data;
    next_ticket.state = ticket_probe.state();
    next = s.session;
    next.state = window_probe.state();
  }
  RETURN_IF_ERROR(ports_.engine->completeTask(
      next_ticket.task_id, wf::Value(wf::Object{{"called", wf::Value("arrived")},
                                                {"window", wf::Value(s.layout->id)}})));
  wf::TaskQuery query;
  query.instance_id = next_ticket.instance_id;
  ASSIGN_OR_RETURN(std::vector<wf::TaskInfo> open, ports_.engine->tasks(query));
  const auto serving = std::find_if(open.begin(), open.end(), [](const wf::TaskInfo& t) {
    return t.state == wf::TaskState::Created || t.state == wf::TaskState::Claimed;
  });
  if (serving == open.end()) {
    return wf::Status::internal("visit " + next_ticket.instance_id + " has no serving task");
  }
  const int64_t at = now();
  next_ticket.task_id = serving->id;
  next_ticket.serving_at = at;
  next.since = at;
  return commit(live, s, next_ticket, next);
}

wf::Result<TicketView> FrontDesk::arrive(const std::string& window) {
  ASSIGN_OR_RETURN(WindowSlot * s, slot(window));
  std::lock_guard action(s->action);
  ASSIGN_OR_RETURN(LiveTicket * live, ticketAtWindow(*s));
  RETURN_IF_ERROR(arriveLocked(*s, *live));
  std::lock_guard lock(mu_);
  return viewLocked(live->data);
}

wf::Result<TicketView> FrontDesk::noShow(const std::string& window) {
  ASSIGN_OR_RETURN(WindowSlot * s, slot(window));
  std::lock_guard action(s->action);
  ASSIGN_OR_RETURN(LiveTicket * live, ticketAtWindow(*s));
  Ticket next_ticket;
  WindowSession next;
  bool requeue = false;
  {
    std::lock_guard lock(mu_);
    WindowLifecycle window_probe(s->session.state);
    RETURN_IF_ERROR(window_probe.release());
    if (s->session.state != WindowState::Calling) {
      return wf::Status::conflict("window: a no-show only while calling, not while " +
                                  std::string(windowStateName(s->session.state)));
    }
    requeue = layout_.rules.no_show_requeues_once && live->data.no_shows == 0;
    TicketLifecycle ticket_probe(live->data.state);
    RETURN_IF_ERROR(requeue ? ticket_probe.requeue() : ticket_probe.end());
    next_ticket = live->data;
    next_ticket.state = ticket_probe.state();
    next = s->session;
    next.state = window_probe.state();
    live->settling = true;  // a requeued visit can be claimed before commit()
  }
  Settling settling(*this, next_ticket.id);
  RETURN_IF_ERROR(ports_.engine->completeTask(
      next_ticket.task_id,
      wf::Value(wf::Object{{"called", wf::Value("no-show")}, {"requeue", wf::Value(requeue)}})));
  const int64_t at = now();
  ++next_ticket.no_shows;
  next_ticket.window.clear();
  next_ticket.task_id.clear();
  next_ticket.calls = 0;
  if (requeue) {
    next_ticket.queued_at = at;
  } else {
    next_ticket.outcome = "no-show";
    next_ticket.ended_at = at;
  }
  next.ticket.clear();
  next.since = at;
  RETURN_IF_ERROR(commit(*live, *s, next_ticket, next));
  std::lock_guard lock(mu_);
  return viewLocked(next_ticket);
}

wf::Result<TicketView> FrontDesk::transfer(const std::string& window,
                                           const TransferTarget& target) {
  std::string queue;
  if (!target.window.empty()) {
    if (!layout_.window(target.window)) {
      return invalidField("window", "no window \"" + target.window + "\" in this hall");
    }
    if (target.window == window) return invalidField("window", "cannot transfer to itself");
    queue = windowQueue(target.window);
  } else {
    if (!layout_.queue(target.queue)) {
      return invalidField("queue", "no queue \"" + target.queue + "\" in this hall");
    }
    queue = target.queue;
  }
  return finishService(window, &TicketLifecycle::requeue,
                       wf::Value(wf::Object{{"outcome", wf::Value("transfer")},
                                            {"queue", wf::Value(queue)},
                                            {"transferred", wf::Value(true)}}),
                       [&](Ticket& t, int64_t at) {
                         t.queue = queue;
                         t.transferred = true;
                         t.window.clear();
                         t.task_id.clear();
                         t.calls = 0;
                         t.queued_at = at;
                       });
}

wf::Result<TicketView> FrontDesk::end(const std::string& window, const std::string& outcome) {
  if (outcome != "consultation" && outcome != "intake") {
    return invalidField("outcome", "expected \"consultation\" or \"intake\"");
  }
  return finishService(window, &TicketLifecycle::end,
                       wf::Value(wf::Object{{"outcome", wf::Value(outcome)}}),
                       [&](Ticket& t, int64_t at) {
                         t.outcome = outcome;
                         t.ended_at = at;
                       });
}

wf::Result<TicketView> FrontDesk::finishService(
    const std::string& window, TicketMove move, const wf::Value& variables,
    const std::function<void(Ticket&, int64_t)>& finish) {
  ASSIGN_OR_RETURN(WindowSlot * s, slot(window));
  std::lock_guard action(s->action);
  ASSIGN_OR_RETURN(LiveTicket * live, ticketAtWindow(*s));
  if (live->data.state == TicketState::Called) RETURN_IF_ERROR(arriveLocked(*s, *live));
  Ticket next_ticket;
  WindowSession next;
  {
    std::lock_guard lock(mu_);
    TicketLifecycle ticket_probe(live->data.state);
    RETURN_IF_ERROR((ticket_probe.*move)());
    WindowLifecycle window_probe(s->session.state);
    RETURN_IF_ERROR(window_probe.release());
    next_ticket = live->data;
    next_ticket.state = ticket_probe.state();
    next = s->session;
    next.state = window_probe.state();
    live->settling = true;  // a transferred visit can be claimed before commit()
  }
  Settling settling(*this, next_ticket.id);
  RETURN_IF_ERROR(ports_.engine->completeTask(next_ticket.task_id, variables));
  const int64_t at = now();
  {
    std::lock_guard lock(mu_);
    estimator_.recordService(next_ticket.queue, window, (at - next_ticket.serving_at) / 60000.0);
  }
  finish(next_ticket, at);
  next.ticket.clear();
  next.since = at;
  RETURN_IF_ERROR(commit(*live, *s, next_ticket, next));
  std::lock_guard lock(mu_);
  return viewLocked(next_ticket);
}

wf::Result<WindowView> FrontDesk::moveWindow(const std::string& window, WindowMove move,
                                             std::optional<std::string> clerk) {
  ASSIGN_OR_RETURN(WindowSlot * s, slot(window));
  std::lock_guard action(s->action);
  WindowSession next;
  {
    std::lock_guard lock(mu_);
    WindowLifecycle probe(s->session.state);
    RETURN_IF_ERROR((probe.*move)());
    next = s->session;
    next.state = probe.state();
  }
  if (clerk) next.clerk = *clerk;
  next.since = now();
  RETURN_IF_ERROR(ports_.store->save(nullptr, &next));
  WindowView view;
  {
    std::lock_guard lock(mu_);
    s->session = next;
    s->lifecycle = WindowLifecycle(next.state);
    view = windowViewLocked(*s);
  }
  // Outside mu_, as the listener's contract says: the device publisher reads
  // the window back from the desk.
  if (ports_.listener) ports_.listener->windowChanged(next);
  return view;
}

wf::Result<WindowView> FrontDesk::pause(const std::string& window) {
  return moveWindow(window, &WindowLifecycle::pause, std::nullopt);
}

wf::Result<WindowView> FrontDesk::resume(const std::string& window) {
  return moveWindow(window, &WindowLifecycle::resume, std::nullopt);
}

wf::Result<WindowView> FrontDesk::signOut(const std::string& window) {
  return moveWindow(window, &WindowLifecycle::signOut, std::string());
}

std::vector<QueueView> FrontDesk::queues() {
  const int64_t at = now();
  std::lock_guard lock(mu_);
  std::vector<QueueView> out;
  for (const Queue& q : layout_.queues) {
    QueueView v;
    v.id = q.id;
    v.name = q.name;
    v.prefix = q.prefix;
    v.open = isOpen(q, at);
    const auto w = waiting_.find(q.id);
    v.waiting = w == waiting_.end() ? 0 : static_cast<int>(w->second.size());
    v.estimated_wait_minutes = estimateLocked(q.id, v.waiting);
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<WindowView> FrontDesk::windows() {
  std::lock_guard lock(mu_);
  std::vector<WindowView> out;
  for (const Window& w : layout_.windows) out.push_back(windowViewLocked(*windows_.at(w.id)));
  return out;
}

wf::Result<WindowView> FrontDesk::window(const std::string& id) {
  ASSIGN_OR_RETURN(WindowSlot * s, slot(id));
  std::lock_guard lock(mu_);
  return windowViewLocked(*s);
}

}  // namespace hall::domain
