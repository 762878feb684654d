#include "portal/store/soci_nonce_book.h"

#include <soci/soci.h>

#include <array>
#include <exception>
#include <utility>

#include "portal/store/soci_database.h"

namespace hall::store {

namespace {

constexpr std::array<std::string_view, 1> kMigrations = {
    R"(CREATE TABLE hall_callback_nonces (
         platform TEXT NOT NULL, nonce TEXT NOT NULL, seen_at BIGINT NOT NULL,
         PRIMARY KEY (platform, nonce));
       CREATE INDEX hall_callback_nonces_seen ON hall_callback_nonces (seen_at))"};

}  // namespace

SociNonceBook::SociNonceBook(std::unique_ptr<soci::session> session) : sql_(std::move(session)) {}
SociNonceBook::~SociNonceBook() = default;

wf::Result<std::unique_ptr<SociNonceBook>> SociNonceBook::open(const std::string& db_url) {
  ASSIGN_OR_RETURN(std::unique_ptr<soci::session> sql, openDatabase(db_url, "nonce book"));
  try {
    migrate(*sql, "hall_nonce_schema", kMigrations);
    return std::unique_ptr<SociNonceBook>(new SociNonceBook(std::move(sql)));
  } catch (const std::exception& e) {
    return storeFailure("nonce book", "migrate", e);
  }
}

wf::Result<bool> SociNonceBook::remember(const std::string& platform, const std::string& nonce,
                                         int64_t now_ms, int64_t window_ms) {
  std::lock_guard lock(mu_);
  try {
    const long long now = now_ms;
    const long long oldest = now_ms - window_ms;
    soci::transaction tx(*sql_);
    *sql_ << "DELETE FROM hall_callback_nonces WHERE seen_at < :t", soci::use(oldest);
    soci::statement insert =
        (sql_->prepare << "INSERT INTO hall_callback_nonces (platform, nonce, seen_at) "
                          "VALUES (:p, :n, :t) ON CONFLICT (platform, nonce) DO NOTHING",
         soci::use(platform), soci::use(nonce), soci::use(now));
    insert.execute(true);
    const bool first = insert.get_affected_rows() == 1;
    tx.commit();
    return first;
  } catch (const std::exception& e) {
    return storeFailure("nonce book", "remember", e);
  }
}

}  // namespace hall::store
