#include "portal/store/soci_hall_store.h"

#include <soci/soci.h>

#include <array>
#include <exception>
#include <string_view>
#include <utility>

#include "portal/store/soci_database.h"

namespace hall::store {

namespace {

using hall::domain::Appointment;
using hall::domain::Ticket;
using hall::domain::WindowSession;

// Numbered migrations: each runs once, in order, in its own transaction.
constexpr std::array<std::string_view, 1> kMigrations = {
    R"(CREATE TABLE hall_ticket_counters (
         queue TEXT NOT NULL, day TEXT NOT NULL, last_sequence INTEGER NOT NULL,
         PRIMARY KEY (queue, day));
       CREATE TABLE hall_tickets (
         id TEXT PRIMARY KEY, instance_id TEXT NOT NULL, task_id TEXT NOT NULL,
         queue TEXT NOT NULL, number TEXT NOT NULL, day TEXT NOT NULL, channel TEXT NOT NULL,
         state TEXT NOT NULL, outcome TEXT NOT NULL, window_id TEXT NOT NULL,
         status_token TEXT NOT NULL UNIQUE,
         id_sealed TEXT NOT NULL, id_digest TEXT NOT NULL, id_masked TEXT NOT NULL,
         phone_sealed TEXT NOT NULL, phone_masked TEXT NOT NULL,
         flags INTEGER NOT NULL, calls INTEGER NOT NULL, no_shows INTEGER NOT NULL,
         estimated_wait INTEGER NOT NULL, issued_at BIGINT NOT NULL, queued_at BIGINT NOT NULL,
         called_at BIGINT NOT NULL, serving_at BIGINT NOT NULL, ended_at BIGINT NOT NULL);
       CREATE INDEX hall_tickets_live ON hall_tickets (state, issued_at);
       CREATE INDEX hall_tickets_day ON hall_tickets (day, issued_at);
       CREATE TABLE hall_window_sessions (
         window_id TEXT PRIMARY KEY, clerk TEXT NOT NULL, state TEXT NOT NULL,
         ticket TEXT NOT NULL, since BIGINT NOT NULL);
       CREATE TABLE hall_appointments (
         code TEXT PRIMARY KEY, queue TEXT NOT NULL, slot_at BIGINT NOT NULL, vip INTEGER NOT NULL,
         id_sealed TEXT NOT NULL, id_digest TEXT NOT NULL, id_masked TEXT NOT NULL,
         ticket TEXT NOT NULL))",
};

constexpr const char* kTicketColumns =
    "id, instance_id, task_id, queue, number, day, channel, state, outcome, window_id, "
    "status_token, id_sealed, id_digest, id_masked, phone_sealed, phone_masked, flags, calls, "
    "no_shows, estimated_wait, issued_at, queued_at, called_at, serving_at, ended_at";

enum Flag { kOnTime = 1, kVip = 2, kElderly = 4, kTransferred = 8 };

int flagsOf(const Ticket& t) {
  return (t.appointment_on_time ? kOnTime : 0) | (t.vip ? kVip : 0) |
         (t.elderly_or_disabled ? kElderly : 0) | (t.transferred ? kTransferred : 0);
}

wf::Status failed(const char* what, const std::exception& e) {
  return storeFailure("hall store", what, e);
}

Ticket ticketFrom(const soci::row& r) {
  Ticket t;
  size_t i = 0;
  auto text = [&] { return r.get<std::string>(i++); };
  auto integer = [&] { return rowInteger(r, i++); };
  t.id = text();
  t.instance_id = text();
  t.task_id = text();
  t.queue = text();
  t.number = text();
  t.day = text();
  t.channel =
      hall::domain::ticketChannelFromName(text()).value_or(hall::domain::TicketChannel::WalkIn);
  t.state = hall::domain::ticketStateFromName(text()).value_or(hall::domain::TicketState::Waiting);
  t.outcome = text();
  t.window = text();
  t.status_token = text();
  t.id_sealed = text();
  t.id_digest = text();
  t.id_masked = text();
  t.phone_sealed = text();
  t.phone_masked = text();
  const long long flags = integer();
  t.appointment_on_time = flags & kOnTime;
  t.vip = flags & kVip;
  t.elderly_or_disabled = flags & kElderly;
  t.transferred = flags & kTransferred;
  t.calls = static_cast<int>(integer());
  t.no_shows = static_cast<int>(integer());
  t.estimated_wait_minutes = static_cast<int>(integer());
  t.issued_at = integer();
  t.queued_at = integer();
  t.called_at = integer();
  t.serving_at = integer();
  t.ended_at = integer();
  return t;
}

}  // namespace

SociHallStore::SociHallStore(std::unique_ptr<soci::session> session) : sql_(std::move(session)) {}
SociHallStore::~SociHallStore() = default;

wf::Result<std::unique_ptr<SociHallStore>> SociHallStore::open(const std::string& db_url) {
  ASSIGN_OR_RETURN(std::unique_ptr<soci::session> sql, openDatabase(db_url, "hall store"));
  try {
    migrate(*sql, "hall_schema", kMigrations);
    return std::unique_ptr<SociHallStore>(new SociHallStore(std::move(sql)));
  } catch (const std::exception& e) {
    return failed("migrate", e);
  }
}

wf::Result<int> SociHallStore::nextTicketSequence(const std::string& queue,
                                                  const std::string& day) {
  std::lock_guard lock(mu_);
  try {
    int next = 0;
    *sql_ << "INSERT INTO hall_ticket_counters (queue, day, last_sequence) VALUES (:q, :d, 1) "
             "ON CONFLICT (queue, day) DO UPDATE SET last_sequence = "
             "hall_ticket_counters.last_sequence + 1 RETURNING last_sequence",
        soci::use(queue), soci::use(day), soci::into(next);
    return next;
  } catch (const std::exception& e) {
    return failed("next ticket number", e);
  }
}

wf::Status SociHallStore::save(const Ticket* t, const WindowSession* w) {
  std::lock_guard lock(mu_);
  try {
    soci::transaction tx(*sql_);
    if (t) {
      const std::string channel = hall::domain::ticketChannelName(t->channel);
      const std::string state = hall::domain::ticketStateName(t->state);
      const int flags = flagsOf(*t);
      const long long issued = t->issued_at, queued = t->queued_at, called = t->called_at,
                      serving = t->serving_at, ended = t->ended_at;
      *sql_ << "INSERT INTO hall_tickets (" << kTicketColumns
            << ") VALUES (:id, :inst, :task, :queue, :number, :day, :channel, :state, :outcome, "
               ":win, :token, :ids, :idd, :idm, :phs, :phm, :flags, :calls, :noshows, :est, "
               ":issued, :queued, :called, :serving, :ended) "
               "ON CONFLICT (id) DO UPDATE SET instance_id = excluded.instance_id, "
               "task_id = excluded.task_id, queue = excluded.queue, state = excluded.state, "
               "outcome = excluded.outcome, window_id = excluded.window_id, "
               "flags = excluded.flags, calls = excluded.calls, no_shows = excluded.no_shows, "
               "queued_at = excluded.queued_at, called_at = excluded.called_at, "
               "serving_at = excluded.serving_at, ended_at = excluded.ended_at",
          soci::use(t->id), soci::use(t->instance_id), soci::use(t->task_id), soci::use(t->queue),
          soci::use(t->number), soci::use(t->day), soci::use(channel), soci::use(state),
          soci::use(t->outcome), soci::use(t->window), soci::use(t->status_token),
          soci::use(t->id_sealed), soci::use(t->id_digest), soci::use(t->id_masked),
          soci::use(t->phone_sealed), soci::use(t->phone_masked), soci::use(flags),
          soci::use(t->calls), soci::use(t->no_shows), soci::use(t->estimated_wait_minutes),
          soci::use(issued), soci::use(queued), soci::use(called), soci::use(serving),
          soci::use(ended);
    }
    if (w) {
      const std::string state = hall::domain::windowStateName(w->state);
      const long long since = w->since;
      *sql_ << "INSERT INTO hall_window_sessions (window_id, clerk, state, ticket, since) "
               "VALUES (:w, :c, :s, :t, :since) ON CONFLICT (window_id) DO UPDATE SET "
               "clerk = excluded.clerk, state = excluded.state, ticket = excluded.ticket, "
               "since = excluded.since",
          soci::use(w->window), soci::use(w->clerk), soci::use(state), soci::use(w->ticket),
          soci::use(since);
    }
    tx.commit();
    return wf::Status::ok();
  } catch (const std::exception& e) {
    return failed("save", e);
  }
}

wf::Result<std::vector<Ticket>> SociHallStore::selectTickets(const std::string& where,
                                                             const std::string& value) {
  std::lock_guard lock(mu_);
  try {
    std::vector<Ticket> out;
    soci::rowset<soci::row> rows =
        (sql_->prepare << "SELECT " << kTicketColumns << " FROM hall_tickets WHERE " << where
                       << " ORDER BY issued_at, id",
         soci::use(value));
    for (const soci::row& r : rows) out.push_back(ticketFrom(r));
    return out;
  } catch (const std::exception& e) {
    return failed("read tickets", e);
  }
}

wf::Result<std::optional<Ticket>> SociHallStore::ticket(const std::string& id) {
  ASSIGN_OR_RETURN(std::vector<Ticket> found, selectTickets("id = :v", id));
  if (found.empty()) return std::optional<Ticket>();
  return std::optional<Ticket>(std::move(found.front()));
}

wf::Result<std::optional<Ticket>> SociHallStore::ticketByStatusToken(const std::string& token) {
  ASSIGN_OR_RETURN(std::vector<Ticket> found, selectTickets("status_token = :v", token));
  if (found.empty()) return std::optional<Ticket>();
  return std::optional<Ticket>(std::move(found.front()));
}

wf::Result<std::vector<Ticket>> SociHallStore::liveTickets() {
  return selectTickets("state <> :v",
                       hall::domain::ticketStateName(hall::domain::TicketState::Done));
}

wf::Result<std::vector<Ticket>> SociHallStore::ticketsOfDay(const std::string& day) {
  return selectTickets("day = :v", day);
}

wf::Result<std::vector<WindowSession>> SociHallStore::windowSessions() {
  std::lock_guard lock(mu_);
  try {
    std::vector<WindowSession> out;
    soci::rowset<soci::row> rows =
        (sql_->prepare << "SELECT window_id, clerk, state, ticket, since FROM "
                          "hall_window_sessions ORDER BY window_id");
    for (const soci::row& r : rows) {
      WindowSession w;
      w.window = r.get<std::string>(0);
      w.clerk = r.get<std::string>(1);
      w.state = hall::domain::windowStateFromName(r.get<std::string>(2))
                    .value_or(hall::domain::WindowState::Offline);
      w.ticket = r.get<std::string>(3);
      w.since = r.get_properties(4).get_data_type() == soci::dt_long_long ? r.get<long long>(4)
                                                                          : r.get<int>(4);
      out.push_back(std::move(w));
    }
    return out;
  } catch (const std::exception& e) {
    return failed("read window sessions", e);
  }
}

wf::Status SociHallStore::addAppointment(const Appointment& a) {
  std::lock_guard lock(mu_);
  try {
    int taken = 0;
    *sql_ << "SELECT COUNT(*) FROM hall_appointments WHERE code = :c", soci::use(a.code),
        soci::into(taken);
    if (taken > 0) return wf::Status::invalid("appointment code " + a.code + " is taken");
    const long long slot = a.slot_at;
    const int vip = a.vip ? 1 : 0;
    *sql_ << "INSERT INTO hall_appointments (code, queue, slot_at, vip, id_sealed, id_digest, "
             "id_masked, ticket) VALUES (:c, :q, :s, :v, :ids, :idd, :idm, :t)",
        soci::use(a.code), soci::use(a.queue), soci::use(slot), soci::use(vip),
        soci::use(a.id_sealed), soci::use(a.id_digest), soci::use(a.id_masked), soci::use(a.ticket);
    return wf::Status::ok();
  } catch (const std::exception& e) {
    return failed("add appointment", e);
  }
}

wf::Result<std::optional<Appointment>> SociHallStore::appointment(const std::string& code) {
  std::lock_guard lock(mu_);
  try {
    Appointment a;
    long long slot = 0;
    int vip = 0;
    *sql_ << "SELECT code, queue, slot_at, vip, id_sealed, id_digest, id_masked, ticket FROM "
             "hall_appointments WHERE code = :c",
        soci::use(code), soci::into(a.code), soci::into(a.queue), soci::into(slot), soci::into(vip),
        soci::into(a.id_sealed), soci::into(a.id_digest), soci::into(a.id_masked),
        soci::into(a.ticket);
    if (!sql_->got_data()) return std::optional<Appointment>();
    a.slot_at = slot;
    a.vip = vip != 0;
    return std::optional<Appointment>(std::move(a));
  } catch (const std::exception& e) {
    return failed("read appointment", e);
  }
}

wf::Status SociHallStore::checkInAppointment(const std::string& code, const std::string& ticket) {
  std::lock_guard lock(mu_);
  try {
    soci::statement st = (sql_->prepare << "UPDATE hall_appointments SET ticket = :t "
                                           "WHERE code = :c AND ticket = ''",
                          soci::use(ticket), soci::use(code));
    st.execute(true);
    if (st.get_affected_rows() != 1) {
      return wf::Status::conflict("appointment " + code + " is checked in already");
    }
    return wf::Status::ok();
  } catch (const std::exception& e) {
    return failed("check in appointment", e);
  }
}

}  // namespace hall::store
