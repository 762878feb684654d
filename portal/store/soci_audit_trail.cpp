#include "portal/store/soci_audit_trail.h"

#include <soci/soci.h>

#include <array>
#include <exception>
#include <utility>

#include "portal/store/soci_database.h"

namespace hall::store {

namespace {

using hall::domain::AuditEntry;

constexpr std::array<std::string_view, 1> kMigrations = {
    R"(CREATE TABLE hall_audit (
         id BIGINT PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL, roles TEXT NOT NULL,
         remote TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
         outcome BIGINT NOT NULL);
       CREATE INDEX hall_audit_actor ON hall_audit (actor, id))"};

}  // namespace

SociAuditTrail::SociAuditTrail(std::unique_ptr<soci::session> session, int64_t last_id)
    : open_(std::make_shared<Group>()), sql_(std::move(session)), last_id_(last_id) {}
SociAuditTrail::~SociAuditTrail() = default;

wf::Result<std::unique_ptr<SociAuditTrail>> SociAuditTrail::open(const std::string& db_url) {
  ASSIGN_OR_RETURN(std::unique_ptr<soci::session> sql, openDatabase(db_url, "audit trail"));
  try {
    migrate(*sql, "hall_audit_schema", kMigrations);
    long long last = 0;
    soci::indicator ind = soci::i_null;
    *sql << "SELECT MAX(id) FROM hall_audit", soci::into(last, ind);
    return std::unique_ptr<SociAuditTrail>(
        new SociAuditTrail(std::move(sql), ind == soci::i_ok ? last : 0));
  } catch (const std::exception& e) {
    return storeFailure("audit trail", "open", e);
  }
}

wf::Status SociAuditTrail::record(const AuditEntry& entry) {
  std::unique_lock lock(mu_);
  std::shared_ptr<Group> mine = open_;
  mine->entries.push_back(entry);
  if (writing_) {
    done_.wait(lock, [&] { return mine->done; });
    return mine->status;
  }
  // Lead: write groups until none is waiting; ours is the first.
  writing_ = true;
  while (!open_->entries.empty()) {
    std::shared_ptr<Group> group = std::exchange(open_, std::make_shared<Group>());
    lock.unlock();
    wf::Status status = write(group->entries);
    lock.lock();
    group->status = std::move(status);
    group->done = true;
    done_.notify_all();
  }
  writing_ = false;
  return mine->status;
}

wf::Status SociAuditTrail::write(std::vector<AuditEntry>& entries) {
  try {
    soci::transaction tx(*sql_);
    int64_t id = last_id_;
    for (AuditEntry& e : entries) {
      e.id = ++id;
      const long long row_id = e.id;
      const long long at = e.at;
      const long long outcome = e.outcome;
      *sql_ << "INSERT INTO hall_audit (id, at, actor, roles, remote, action, target, outcome) "
               "VALUES (:i, :a, :c, :r, :m, :x, :t, :o)",
          soci::use(row_id), soci::use(at), soci::use(e.actor), soci::use(e.roles),
          soci::use(e.remote), soci::use(e.action), soci::use(e.target), soci::use(outcome);
    }
    tx.commit();
    last_id_ = id;
    return wf::Status::ok();
  } catch (const std::exception& e) {
    return storeFailure("audit trail", "record", e);
  }
}

wf::Result<std::vector<AuditEntry>> SociAuditTrail::entries(const hall::domain::AuditQuery& query) {
  // Reads share the connection with the writer: wait until no group is
  // being written, and keep new groups out meanwhile.
  std::unique_lock lock(mu_);
  done_.wait(lock, [&] { return !writing_; });
  try {
    std::vector<AuditEntry> out;
    const long long before = query.before_id > 0 ? query.before_id : (int64_t{1} << 62);
    const int limit = query.limit > 0 && query.limit <= 1000 ? query.limit : 100;
    const std::string actor = query.actor.value_or("");
    const std::string sql =
        "SELECT id, at, actor, roles, remote, action, target, outcome FROM hall_audit "
        "WHERE id < :b" +
        std::string(query.actor ? " AND actor = :a" : "") + " ORDER BY id DESC LIMIT " +
        std::to_string(limit);
    auto read = [&](soci::rowset<soci::row>& rows) {
      for (const soci::row& r : rows) {
        AuditEntry e;
        e.id = rowInteger(r, 0);
        e.at = rowInteger(r, 1);
        e.actor = r.get<std::string>(2);
        e.roles = r.get<std::string>(3);
        e.remote = r.get<std::string>(4);
        e.action = r.get<std::string>(5);
        e.target = r.get<std::string>(6);
        e.outcome = static_cast<int>(rowInteger(r, 7));
        out.push_back(std::move(e));
      }
    };
    if (query.actor) {
      soci::rowset<soci::row> rows = (sql_->prepare << sql, soci::use(before), soci::use(actor));
      read(rows);
    } else {
      soci::rowset<soci::row> rows = (sql_->prepare << sql, soci::use(before));
      read(rows);
    }
    return out;
  } catch (const std::exception& e) {
    return storeFailure("audit trail", "read", e);
  }
}

}  // namespace hall::store
