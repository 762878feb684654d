#include "portal/store/soci_hall_directory_store.h"

#include <soci/soci.h>

#include <array>
#include <exception>
#include <string_view>
#include <utility>

#include "portal/store/soci_database.h"

namespace hall::store {

namespace {

// Numbered migrations: each runs once, in order, in its own transaction.
constexpr std::array<std::string_view, 1> kMigrations = {
    R"(CREATE TABLE hall_dir_models (
         version BIGINT PRIMARY KEY, xml TEXT NOT NULL, changed_by TEXT NOT NULL,
         action TEXT NOT NULL, target TEXT NOT NULL))",
};

wf::Status failed(const char* what, const std::exception& e) {
  return storeFailure("directory store", what, e);
}

}  // namespace

SociHallDirectoryStore::SociHallDirectoryStore(std::unique_ptr<soci::session> session)
    : sql_(std::move(session)) {}
SociHallDirectoryStore::~SociHallDirectoryStore() = default;

wf::Result<std::unique_ptr<SociHallDirectoryStore>> SociHallDirectoryStore::open(
    const std::string& db_url) {
  ASSIGN_OR_RETURN(std::unique_ptr<soci::session> sql, openDatabase(db_url, "directory store"));
  try {
    migrate(*sql, "hall_dir_schema", kMigrations);
    return std::unique_ptr<SociHallDirectoryStore>(new SociHallDirectoryStore(std::move(sql)));
  } catch (const std::exception& e) {
    return failed("migrate", e);
  }
}

long long SociHallDirectoryStore::newestVersionLocked() {
  long long version = 0;
  soci::indicator ind = soci::i_null;
  *sql_ << "SELECT MAX(version) FROM hall_dir_models", soci::into(version, ind);
  return ind == soci::i_ok ? version : 0;
}

wf::Result<std::optional<hall::domain::StoredHallModel>> SociHallDirectoryStore::latest() {
  std::lock_guard lock(mu_);
  try {
    const long long version = newestVersionLocked();
    if (version == 0) return std::optional<hall::domain::StoredHallModel>();
    std::string xml, who;
    *sql_ << "SELECT xml, changed_by FROM hall_dir_models WHERE version = :v", soci::use(version),
        soci::into(xml), soci::into(who);
    return std::optional<hall::domain::StoredHallModel>(hall::domain::StoredHallModel{
        static_cast<int64_t>(version), std::move(xml), std::move(who)});
  } catch (const std::exception& e) {
    return failed("read the hall model", e);
  }
}

wf::Status SociHallDirectoryStore::append(int64_t based_on, const std::string& xml,
                                          const hall::domain::HallModelChange& change) {
  std::lock_guard lock(mu_);
  const auto stale = [&](long long newest) {
    return wf::Status::conflict("directory store: the hall model is at version " +
                                std::to_string(newest) + ", not " + std::to_string(based_on));
  };
  try {
    soci::transaction tx(*sql_);
    const long long newest = newestVersionLocked();
    if (newest != based_on) return stale(newest);
    const long long next = based_on + 1;
    *sql_ << "INSERT INTO hall_dir_models (version, xml, changed_by, action, target) "
             "VALUES (:v, :xml, :who, :action, :target)",
        soci::use(next), soci::use(xml), soci::use(change.who), soci::use(change.action),
        soci::use(change.target);
    tx.commit();
    return wf::Status::ok();
  } catch (const std::exception& e) {
    // Another node may have stored the same next version between our read
    // and our insert: the primary key refused ours.
    try {
      const long long newest = newestVersionLocked();
      if (newest != based_on) return stale(newest);
    } catch (const std::exception&) {
    }
    return failed("store the hall model", e);
  }
}

}  // namespace hall::store
