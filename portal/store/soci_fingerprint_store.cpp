#include "portal/store/soci_fingerprint_store.h"

#include <soci/soci.h>

#include <array>
#include <exception>
#include <utility>

#include "portal/store/soci_database.h"

namespace hall::store {

namespace {

constexpr std::array<std::string_view, 1> kMigrations = {
    R"(CREATE TABLE hall_fingerprints (
         login TEXT PRIMARY KEY, digest TEXT NOT NULL, enrolled_at BIGINT NOT NULL))"};

wf::Status failed(const char* what, const std::exception& e) {
  return storeFailure("fingerprint store", what, e);
}

}  // namespace

SociFingerprintStore::SociFingerprintStore(std::unique_ptr<soci::session> session)
    : sql_(std::move(session)) {}
SociFingerprintStore::~SociFingerprintStore() = default;

wf::Result<std::unique_ptr<SociFingerprintStore>> SociFingerprintStore::open(
    const std::string& db_url) {
  ASSIGN_OR_RETURN(std::unique_ptr<soci::session> sql, openDatabase(db_url, "fingerprint store"));
  try {
    migrate(*sql, "hall_fingerprint_schema", kMigrations);
    return std::unique_ptr<SociFingerprintStore>(new SociFingerprintStore(std::move(sql)));
  } catch (const std::exception& e) {
    return failed("migrate", e);
  }
}

wf::Result<std::optional<std::string>> SociFingerprintStore::digest(const std::string& login) {
  std::lock_guard lock(mu_);
  try {
    std::string digest;
    soci::indicator found = soci::i_null;
    *sql_ << "SELECT digest FROM hall_fingerprints WHERE login = :l", soci::use(login),
        soci::into(digest, found);
    if (!sql_->got_data() || found != soci::i_ok) return std::optional<std::string>();
    return std::optional<std::string>(digest);
  } catch (const std::exception& e) {
    return failed("read fingerprint", e);
  }
}

wf::Status SociFingerprintStore::put(const std::string& login, const std::string& digest,
                                     int64_t enrolled_at) {
  std::lock_guard lock(mu_);
  try {
    const long long at = enrolled_at;
    soci::transaction tx(*sql_);
    *sql_ << "DELETE FROM hall_fingerprints WHERE login = :l", soci::use(login);
    *sql_ << "INSERT INTO hall_fingerprints (login, digest, enrolled_at) VALUES (:l, :d, :a)",
        soci::use(login), soci::use(digest), soci::use(at);
    tx.commit();
    return wf::Status::ok();
  } catch (const std::exception& e) {
    return failed("enrol fingerprint", e);
  }
}

wf::Result<bool> SociFingerprintStore::remove(const std::string& login) {
  std::lock_guard lock(mu_);
  try {
    soci::statement st =
        (sql_->prepare << "DELETE FROM hall_fingerprints WHERE login = :l", soci::use(login));
    st.execute(true);
    return st.get_affected_rows() > 0;
  } catch (const std::exception& e) {
    return failed("remove fingerprint", e);
  }
}

}  // namespace hall::store
