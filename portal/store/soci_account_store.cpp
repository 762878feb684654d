#include "portal/store/soci_account_store.h"

#include <soci/soci.h>

#include <array>
#include <exception>
#include <utility>

#include "portal/store/soci_database.h"

namespace hall::store {

namespace {

using hall::domain::Account;

constexpr std::array<std::string_view, 1> kMigrations = {
    R"(CREATE TABLE hall_users (
         login TEXT PRIMARY KEY, display_name TEXT NOT NULL, roles BIGINT NOT NULL,
         department TEXT NOT NULL, password_hash TEXT NOT NULL,
         certificate_subject TEXT NOT NULL, failed_attempts BIGINT NOT NULL,
         locked_until BIGINT NOT NULL, retired BIGINT NOT NULL, created_at BIGINT NOT NULL);
       CREATE INDEX hall_users_certificate ON hall_users (certificate_subject))"};

constexpr const char* kColumns =
    "login, display_name, roles, department, password_hash, certificate_subject, "
    "failed_attempts, locked_until, retired, created_at";

wf::Status failed(const char* what, const std::exception& e) {
  return storeFailure("account store", what, e);
}

Account accountFrom(const soci::row& r) {
  Account a;
  a.login = r.get<std::string>(0);
  a.display_name = r.get<std::string>(1);
  a.roles = hall::domain::Roles::fromBits(static_cast<uint32_t>(rowInteger(r, 2)));
  a.department = r.get<std::string>(3);
  a.password_hash = r.get<std::string>(4);
  a.certificate_subject = r.get<std::string>(5);
  a.failed_attempts = static_cast<int>(rowInteger(r, 6));
  a.locked_until = rowInteger(r, 7);
  a.retired = rowInteger(r, 8) != 0;
  a.created_at = rowInteger(r, 9);
  return a;
}

}  // namespace

SociAccountStore::SociAccountStore(std::unique_ptr<soci::session> session)
    : sql_(std::move(session)) {}
SociAccountStore::~SociAccountStore() = default;

wf::Result<std::unique_ptr<SociAccountStore>> SociAccountStore::open(const std::string& db_url) {
  ASSIGN_OR_RETURN(std::unique_ptr<soci::session> sql, openDatabase(db_url, "account store"));
  try {
    migrate(*sql, "hall_account_schema", kMigrations);
    return std::unique_ptr<SociAccountStore>(new SociAccountStore(std::move(sql)));
  } catch (const std::exception& e) {
    return failed("migrate", e);
  }
}

wf::Result<std::vector<Account>> SociAccountStore::select(const std::string& where,
                                                          const std::string& value) {
  std::lock_guard lock(mu_);
  try {
    std::vector<Account> out;
    const std::string query =
        std::string("SELECT ") + kColumns + " FROM hall_users " + where + " ORDER BY login";
    if (where.empty()) {
      soci::rowset<soci::row> rows = sql_->prepare << query;
      for (const soci::row& r : rows) out.push_back(accountFrom(r));
    } else {
      soci::rowset<soci::row> rows = (sql_->prepare << query, soci::use(value));
      for (const soci::row& r : rows) out.push_back(accountFrom(r));
    }
    return out;
  } catch (const std::exception& e) {
    return failed("read accounts", e);
  }
}

wf::Result<std::optional<Account>> SociAccountStore::account(const std::string& login) {
  ASSIGN_OR_RETURN(std::vector<Account> found, select("WHERE login = :v", login));
  if (found.empty()) return std::optional<Account>();
  return std::optional<Account>(std::move(found.front()));
}

wf::Result<std::optional<Account>> SociAccountStore::accountByCertificate(
    const std::string& subject) {
  if (subject.empty()) return std::optional<Account>();
  ASSIGN_OR_RETURN(std::vector<Account> found, select("WHERE certificate_subject = :v", subject));
  if (found.size() != 1) return std::optional<Account>();  // none, or ambiguous: no sign-in
  return std::optional<Account>(std::move(found.front()));
}

wf::Result<std::vector<Account>> SociAccountStore::accounts() { return select("", ""); }

wf::Status SociAccountStore::insert(const Account& a) {
  std::lock_guard lock(mu_);
  try {
    soci::transaction tx(*sql_);
    int taken = 0;
    *sql_ << "SELECT COUNT(*) FROM hall_users WHERE login = :l", soci::use(a.login),
        soci::into(taken);
    if (taken != 0) return wf::Status::conflict("登录名 " + a.login + " 已被使用");
    const long long roles = a.roles.bits();
    const long long failed_attempts = a.failed_attempts;
    const long long locked_until = a.locked_until;
    const long long retired = a.retired ? 1 : 0;
    const long long created_at = a.created_at;
    *sql_ << std::string("INSERT INTO hall_users (") + kColumns +
                 ") VALUES (:a, :b, :c, :d, :e, :f, :g, :h, :i, :j)",
        soci::use(a.login), soci::use(a.display_name), soci::use(roles), soci::use(a.department),
        soci::use(a.password_hash), soci::use(a.certificate_subject), soci::use(failed_attempts),
        soci::use(locked_until), soci::use(retired), soci::use(created_at);
    tx.commit();
    return wf::Status::ok();
  } catch (const std::exception& e) {
    return failed("insert account", e);
  }
}

wf::Status SociAccountStore::update(const Account& a) {
  std::lock_guard lock(mu_);
  try {
    const long long roles = a.roles.bits();
    const long long failed_attempts = a.failed_attempts;
    const long long locked_until = a.locked_until;
    const long long retired = a.retired ? 1 : 0;
    soci::statement st =
        (sql_->prepare << "UPDATE hall_users SET display_name = :b, roles = :c, department = :d, "
                          "password_hash = :e, certificate_subject = :f, failed_attempts = :g, "
                          "locked_until = :h, retired = :i WHERE login = :a",
         soci::use(a.display_name), soci::use(roles), soci::use(a.department),
         soci::use(a.password_hash), soci::use(a.certificate_subject), soci::use(failed_attempts),
         soci::use(locked_until), soci::use(retired), soci::use(a.login));
    st.execute(true);
    if (st.get_affected_rows() == 0) return wf::Status::notFound("no account " + a.login);
    return wf::Status::ok();
  } catch (const std::exception& e) {
    return failed("update account", e);
  }
}

}  // namespace hall::store
