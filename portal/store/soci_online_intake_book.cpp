#include "portal/store/soci_online_intake_book.h"

#include <soci/soci.h>

#include <array>
#include <exception>
#include <utility>

#include "portal/store/soci_database.h"

namespace hall::store {

namespace {

// Numbered migrations: each runs once, in order, in its own transaction.
constexpr std::array<std::string_view, 1> kMigrations = {
    R"(CREATE TABLE hall_online_intakes (
         online_id TEXT PRIMARY KEY, case_code TEXT NOT NULL, taken_at BIGINT NOT NULL))"};

}  // namespace

SociOnlineIntakeBook::SociOnlineIntakeBook(std::unique_ptr<soci::session> session)
    : sql_(std::move(session)) {}
SociOnlineIntakeBook::~SociOnlineIntakeBook() = default;

wf::Result<std::unique_ptr<SociOnlineIntakeBook>> SociOnlineIntakeBook::open(
    const std::string& db_url) {
  ASSIGN_OR_RETURN(std::unique_ptr<soci::session> sql, openDatabase(db_url, "online intake book"));
  try {
    migrate(*sql, "hall_online_intake_schema", kMigrations);
    return std::unique_ptr<SociOnlineIntakeBook>(new SociOnlineIntakeBook(std::move(sql)));
  } catch (const std::exception& e) {
    return storeFailure("online intake book", "migrate", e);
  }
}

wf::Result<std::optional<std::string>> SociOnlineIntakeBook::caseOf(const std::string& online_id) {
  std::lock_guard lock(mu_);
  try {
    std::string case_code;
    soci::indicator found = soci::i_null;
    *sql_ << "SELECT case_code FROM hall_online_intakes WHERE online_id = :id",
        soci::into(case_code, found), soci::use(online_id);
    if (!sql_->got_data() || found != soci::i_ok) return std::optional<std::string>();
    return std::optional<std::string>(case_code);
  } catch (const std::exception& e) {
    return storeFailure("online intake book", "read", e);
  }
}

wf::Status SociOnlineIntakeBook::record(const std::string& online_id, const std::string& case_code,
                                        int64_t now_ms) {
  std::lock_guard lock(mu_);
  try {
    const long long now = now_ms;
    soci::statement insert =
        (sql_->prepare << "INSERT INTO hall_online_intakes (online_id, case_code, taken_at) "
                          "VALUES (:o, :c, :t) ON CONFLICT (online_id) DO NOTHING",
         soci::use(online_id), soci::use(case_code), soci::use(now));
    insert.execute(true);
    if (insert.get_affected_rows() != 1) {
      return wf::Status::conflict("online case " + online_id + " has a case already");
    }
    return wf::Status::ok();
  } catch (const std::exception& e) {
    return storeFailure("online intake book", "record", e);
  }
}

}  // namespace hall::store
