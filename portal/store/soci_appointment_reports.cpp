#include "portal/store/soci_appointment_reports.h"

#include <soci/soci.h>

#include <array>
#include <exception>
#include <utility>

#include "portal/store/soci_database.h"

namespace hall::store {

namespace {

constexpr const char* kWhat = "appointment reports";

constexpr std::array<std::string_view, 1> kMigrations = {
    R"(CREATE TABLE hall_appointment_reports (
         code TEXT PRIMARY KEY, day TEXT NOT NULL, slot_end BIGINT NOT NULL,
         state TEXT NOT NULL, kind TEXT NOT NULL, at BIGINT NOT NULL,
         attempts INTEGER NOT NULL, next_at BIGINT NOT NULL, last_error TEXT NOT NULL);
       CREATE INDEX hall_appointment_reports_state ON hall_appointment_reports (state, next_at))"};

constexpr const char* kColumns =
    "code, day, slot_end, state, kind, at, attempts, next_at, last_error";

AppointmentReport reportFrom(const soci::row& r) {
  AppointmentReport a;
  a.code = r.get<std::string>(0);
  a.day = r.get<std::string>(1);
  a.slot_end = rowInteger(r, 2);
  a.state = r.get<std::string>(3);
  a.kind = r.get<std::string>(4);
  a.at = rowInteger(r, 5);
  a.attempts = static_cast<int>(rowInteger(r, 6));
  a.next_at = rowInteger(r, 7);
  a.last_error = r.get<std::string>(8);
  return a;
}

}  // namespace

SociAppointmentReports::SociAppointmentReports(std::unique_ptr<soci::session> session)
    : sql_(std::move(session)) {}
SociAppointmentReports::~SociAppointmentReports() = default;

wf::Result<std::unique_ptr<SociAppointmentReports>> SociAppointmentReports::open(
    const std::string& db_url) {
  ASSIGN_OR_RETURN(std::unique_ptr<soci::session> sql, openDatabase(db_url, kWhat));
  try {
    migrate(*sql, "hall_appointment_reports_schema", kMigrations);
    return std::unique_ptr<SociAppointmentReports>(new SociAppointmentReports(std::move(sql)));
  } catch (const std::exception& e) {
    return storeFailure(kWhat, "migrate", e);
  }
}

wf::Result<bool> SociAppointmentReports::watch(const std::string& code, const std::string& day,
                                               int64_t slot_end) {
  std::lock_guard lock(mu_);
  try {
    const long long end = slot_end;
    soci::statement insert = (sql_->prepare << "INSERT INTO hall_appointment_reports (" << kColumns
                                            << ") VALUES (:c, :d, :e, 'open', '', 0, 0, 0, '') "
                                               "ON CONFLICT (code) DO NOTHING",
                              soci::use(code), soci::use(day), soci::use(end));
    insert.execute(true);
    return insert.get_affected_rows() == 1;
  } catch (const std::exception& e) {
    return storeFailure(kWhat, "watch", e);
  }
}

wf::Result<std::vector<AppointmentReport>> SociAppointmentReports::inState(const std::string& state,
                                                                           int64_t now_ms) {
  std::lock_guard lock(mu_);
  try {
    const long long now = now_ms;
    const soci::rowset<soci::row> rows =
        state == "due"
            ? (sql_->prepare << "SELECT " << kColumns
                             << " FROM hall_appointment_reports WHERE state = :s AND next_at <= "
                                ":n ORDER BY code",
               soci::use(state), soci::use(now))
            : (sql_->prepare << "SELECT " << kColumns
                             << " FROM hall_appointment_reports WHERE state = :s ORDER BY code",
               soci::use(state));
    std::vector<AppointmentReport> out;
    for (const soci::row& r : rows) out.push_back(reportFrom(r));
    return out;
  } catch (const std::exception& e) {
    return storeFailure(kWhat, "list", e);
  }
}

wf::Result<std::optional<AppointmentReport>> SociAppointmentReports::report(
    const std::string& code) {
  std::lock_guard lock(mu_);
  try {
    const soci::rowset<soci::row> rows =
        (sql_->prepare << "SELECT " << kColumns << " FROM hall_appointment_reports WHERE code = :c",
         soci::use(code));
    for (const soci::row& r : rows) return std::optional<AppointmentReport>(reportFrom(r));
    return std::optional<AppointmentReport>();
  } catch (const std::exception& e) {
    return storeFailure(kWhat, "read", e);
  }
}

wf::Status SociAppointmentReports::update(const char* action, const std::string& sql,
                                          const std::string& code, const std::string& text,
                                          long long number) {
  std::lock_guard lock(mu_);
  try {
    soci::statement st =
        (sql_->prepare << sql, soci::use(text, "t"), soci::use(number, "n"), soci::use(code, "c"));
    st.execute(true);
    if (st.get_affected_rows() != 1) {
      return wf::Status::conflict(std::string(kWhat) + ": " + action + ": appointment " + code +
                                  " is not in the state this needs");
    }
    return wf::Status::ok();
  } catch (const std::exception& e) {
    return storeFailure(kWhat, action, e);
  }
}

wf::Status SociAppointmentReports::markDue(const std::string& code, const std::string& kind,
                                           int64_t at) {
  return update("mark due",
                "UPDATE hall_appointment_reports SET state = 'due', kind = :t, at = :n, "
                "next_at = 0 WHERE code = :c AND state = 'open'",
                code, kind, at);
}

wf::Status SociAppointmentReports::markReported(const std::string& code) {
  return update("mark reported",
                "UPDATE hall_appointment_reports SET state = 'reported', last_error = :t "
                "WHERE code = :c AND state = 'due' AND :n = 0",
                code, "", 0);
}

wf::Status SociAppointmentReports::markRefused(const std::string& code, const std::string& why) {
  return update("mark refused",
                "UPDATE hall_appointment_reports SET state = 'refused', last_error = :t "
                "WHERE code = :c AND state = 'due' AND :n = 0",
                code, why.substr(0, 500), 0);
}

wf::Status SociAppointmentReports::retryLater(const std::string& code, int64_t next_at,
                                              const std::string& why) {
  return update("retry later",
                "UPDATE hall_appointment_reports SET attempts = attempts + 1, next_at = :n, "
                "last_error = :t WHERE code = :c AND state = 'due'",
                code, why.substr(0, 500), next_at);
}

}  // namespace hall::store
