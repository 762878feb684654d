#include "portal/store/soci_rating_store.h"

#include <soci/soci.h>

#include <array>
#include <exception>
#include <utility>

#include "portal/store/soci_database.h"

namespace hall::store {

namespace {

using hall::domain::RatingRecord;

constexpr std::array<std::string_view, 1> kMigrations = {
    R"(CREATE TABLE hall_ratings (
         id TEXT PRIMARY KEY, subject_key TEXT NOT NULL UNIQUE, service_type TEXT NOT NULL,
         subject TEXT NOT NULL, ticket_number TEXT NOT NULL, matter_code TEXT NOT NULL,
         window_id TEXT NOT NULL, clerk TEXT NOT NULL, level INTEGER NOT NULL,
         channel TEXT NOT NULL, comment TEXT NOT NULL, rated_at BIGINT NOT NULL,
         instance_id TEXT NOT NULL);
       CREATE INDEX hall_ratings_unstarted ON hall_ratings (instance_id, rated_at))"};

constexpr const char* kWhat = "rating store";
constexpr const char* kColumns =
    "id, subject_key, service_type, subject, ticket_number, matter_code, window_id, clerk, "
    "level, channel, comment, rated_at, instance_id";

RatingRecord ratingFrom(const soci::row& r) {
  RatingRecord out;
  out.id = r.get<std::string>(0);
  out.subject_key = r.get<std::string>(1);
  out.service.service_type = r.get<std::string>(2);
  out.service.subject = r.get<std::string>(3);
  out.service.ticket_number = r.get<std::string>(4);
  out.service.matter_code = r.get<std::string>(5);
  out.service.window = r.get<std::string>(6);
  out.service.clerk = r.get<std::string>(7);
  out.level = static_cast<int>(rowInteger(r, 8));
  out.channel = r.get<std::string>(9);
  out.comment = r.get<std::string>(10);
  out.rated_at = rowInteger(r, 11);
  out.instance_id = r.get<std::string>(12);
  return out;
}

}  // namespace

SociRatingStore::SociRatingStore(std::unique_ptr<soci::session> session)
    : sql_(std::move(session)) {}
SociRatingStore::~SociRatingStore() = default;

wf::Result<std::unique_ptr<SociRatingStore>> SociRatingStore::open(const std::string& db_url) {
  ASSIGN_OR_RETURN(std::unique_ptr<soci::session> sql, openDatabase(db_url, kWhat));
  try {
    migrate(*sql, "hall_rating_schema", kMigrations);
    return std::unique_ptr<SociRatingStore>(new SociRatingStore(std::move(sql)));
  } catch (const std::exception& e) {
    return storeFailure(kWhat, "migrate", e);
  }
}

wf::Status SociRatingStore::insert(const RatingRecord& r) {
  std::lock_guard lock(mu_);
  try {
    const hall::domain::RatedService& s = r.service;
    const long long rated_at = r.rated_at;
    soci::statement insert =
        (sql_->prepare << std::string("INSERT INTO hall_ratings (") + kColumns +
                              ") VALUES (:id, :sk, :st, :su, :tn, :mc, :w, :c, :l, :ch, :co, "
                              ":at, :i) ON CONFLICT (subject_key) DO NOTHING",
         soci::use(r.id), soci::use(r.subject_key), soci::use(s.service_type), soci::use(s.subject),
         soci::use(s.ticket_number), soci::use(s.matter_code), soci::use(s.window),
         soci::use(s.clerk), soci::use(r.level), soci::use(r.channel), soci::use(r.comment),
         soci::use(rated_at), soci::use(r.instance_id));
    insert.execute(true);
    if (insert.get_affected_rows() != 1) {
      return wf::Status::conflict(std::string(s.service_type == "case" ? "case " : "ticket ") +
                                  "is rated already: one rating per visit and per case");
    }
    return wf::Status::ok();
  } catch (const std::exception& e) {
    return storeFailure(kWhat, "insert", e);
  }
}

wf::Status SociRatingStore::setInstance(const std::string& id, const std::string& instance_id) {
  std::lock_guard lock(mu_);
  try {
    *sql_ << "UPDATE hall_ratings SET instance_id = :i WHERE id = :id", soci::use(instance_id),
        soci::use(id);
    return wf::Status::ok();
  } catch (const std::exception& e) {
    return storeFailure(kWhat, "set instance", e);
  }
}

wf::Result<std::optional<RatingRecord>> SociRatingStore::find(const std::string& id) {
  std::lock_guard lock(mu_);
  try {
    soci::rowset<soci::row> rows =
        (sql_->prepare << std::string("SELECT ") + kColumns + " FROM hall_ratings WHERE id = :id",
         soci::use(id));
    for (const soci::row& r : rows) return std::optional<RatingRecord>(ratingFrom(r));
    return std::optional<RatingRecord>();
  } catch (const std::exception& e) {
    return storeFailure(kWhat, "find", e);
  }
}

wf::Result<std::vector<RatingRecord>> SociRatingStore::unstarted(int limit) {
  std::lock_guard lock(mu_);
  try {
    std::vector<RatingRecord> out;
    soci::rowset<soci::row> rows =
        (sql_->prepare << std::string("SELECT ") + kColumns +
                              " FROM hall_ratings WHERE instance_id = '' ORDER BY rated_at "
                              "LIMIT :n",
         soci::use(limit));
    for (const soci::row& r : rows) out.push_back(ratingFrom(r));
    return out;
  } catch (const std::exception& e) {
    return storeFailure(kWhat, "unstarted", e);
  }
}

}  // namespace hall::store
