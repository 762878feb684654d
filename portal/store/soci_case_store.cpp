#include "portal/store/soci_case_store.h"

#include <soci/soci.h>

#include <array>
#include <exception>
#include <sstream>
#include <utility>

#include "portal/store/soci_database.h"

namespace hall::store {

namespace {

using hall::domain::CaseRecord;

constexpr std::array<std::string_view, 3> kMigrations = {
    R"(CREATE TABLE hall_case_counters (
         node TEXT NOT NULL, day BIGINT NOT NULL, last_sequence BIGINT NOT NULL,
         PRIMARY KEY (node, day));
       CREATE TABLE hall_cases (
         case_code TEXT PRIMARY KEY, instance_id TEXT NOT NULL, subject TEXT NOT NULL,
         subject_name TEXT NOT NULL, process_key TEXT NOT NULL,
         applicant_name_masked TEXT NOT NULL, applicant_id_sealed TEXT NOT NULL,
         applicant_id_masked TEXT NOT NULL, phone_sealed TEXT NOT NULL,
         phone_masked TEXT NOT NULL, clerk TEXT NOT NULL, window_id TEXT NOT NULL,
         accepted_at BIGINT NOT NULL, promised_date TEXT NOT NULL, promised_days BIGINT NOT NULL,
         received TEXT NOT NULL, pending TEXT NOT NULL, receipt_payload TEXT NOT NULL,
         receipt_signature TEXT NOT NULL, receipt_key_id TEXT NOT NULL);
       CREATE INDEX hall_cases_clerk ON hall_cases (clerk, accepted_at))",
    // 2: whether the window's fingerprint reader confirmed the clerk.
    R"(ALTER TABLE hall_cases ADD COLUMN fingerprint_confirmed BIGINT NOT NULL DEFAULT 0)",
    // 3: the applicant's name, sealed: the licence names its holder in full.
    R"(ALTER TABLE hall_cases ADD COLUMN applicant_name_sealed TEXT NOT NULL DEFAULT '')"};

constexpr const char* kColumns =
    "case_code, instance_id, subject, subject_name, process_key, applicant_name_masked, "
    "applicant_id_sealed, applicant_id_masked, phone_sealed, phone_masked, clerk, window_id, "
    "accepted_at, promised_date, promised_days, received, pending, receipt_payload, "
    "receipt_signature, receipt_key_id, fingerprint_confirmed, applicant_name_sealed";

// Material names, one a line (a name holds no line break).
std::string joinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += (out.empty() ? "" : "\n") + line;
  return out;
}

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

CaseRecord caseFrom(const soci::row& r) {
  CaseRecord c;
  size_t i = 0;
  auto text = [&] { return r.get<std::string>(i++); };
  c.case_code = text();
  c.instance_id = text();
  c.subject = text();
  c.subject_name = text();
  c.process_key = text();
  c.applicant_name_masked = text();
  c.applicant_id_sealed = text();
  c.applicant_id_masked = text();
  c.phone_sealed = text();
  c.phone_masked = text();
  c.clerk = text();
  c.window = text();
  c.accepted_at = rowInteger(r, i++);
  c.promised_date = text();
  c.promised_days = static_cast<int>(rowInteger(r, i++));
  c.received = splitLines(text());
  c.pending = splitLines(text());
  c.receipt_payload = text();
  c.receipt_signature = text();
  c.receipt_key_id = text();
  c.fingerprint_confirmed = rowInteger(r, i++) != 0;
  c.applicant_name_sealed = text();
  return c;
}

wf::Status failed(const char* what, const std::exception& e) {
  return storeFailure("case store", what, e);
}

}  // namespace

SociCaseStore::SociCaseStore(std::unique_ptr<soci::session> session) : sql_(std::move(session)) {}
SociCaseStore::~SociCaseStore() = default;

wf::Result<std::unique_ptr<SociCaseStore>> SociCaseStore::open(const std::string& db_url) {
  ASSIGN_OR_RETURN(std::unique_ptr<soci::session> sql, openDatabase(db_url, "case store"));
  try {
    migrate(*sql, "hall_case_schema", kMigrations);
    return std::unique_ptr<SociCaseStore>(new SociCaseStore(std::move(sql)));
  } catch (const std::exception& e) {
    return failed("migrate", e);
  }
}

wf::Result<int> SociCaseStore::nextCaseSequence(const std::string& node, int day) {
  std::lock_guard lock(mu_);
  try {
    long long next = 0;
    const long long d = day;
    *sql_ << "INSERT INTO hall_case_counters (node, day, last_sequence) VALUES (:n, :d, 1) "
             "ON CONFLICT (node, day) DO UPDATE SET last_sequence = "
             "hall_case_counters.last_sequence + 1 RETURNING last_sequence",
        soci::use(node), soci::use(d), soci::into(next);
    return static_cast<int>(next);
  } catch (const std::exception& e) {
    return failed("next case number", e);
  }
}

wf::Status SociCaseStore::insert(const CaseRecord& c) {
  std::lock_guard lock(mu_);
  try {
    const long long accepted_at = c.accepted_at;
    const long long promised_days = c.promised_days;
    const long long fingerprint_confirmed = c.fingerprint_confirmed ? 1 : 0;
    const std::string received = joinLines(c.received);
    const std::string pending = joinLines(c.pending);
    // One statement, its write first: a read before the write would pin
    // SQLite's snapshot, and a job that commits in between (the case's own
    // onenet.submit, started with its process) would make the write fail
    // at once instead of waiting its turn.
    soci::transaction tx(*sql_);
    soci::statement insert =
        (sql_->prepare << std::string("INSERT INTO hall_cases (") + kColumns +
                              ") VALUES (:a, :b, :c, :d, :e, :f, :g, :h, :i, :j, :k, :l, :m, :n, "
                              ":o, :p, :q, :r, :s, :t, :u, :v) ON CONFLICT (case_code) DO NOTHING",
         soci::use(c.case_code), soci::use(c.instance_id), soci::use(c.subject),
         soci::use(c.subject_name), soci::use(c.process_key), soci::use(c.applicant_name_masked),
         soci::use(c.applicant_id_sealed), soci::use(c.applicant_id_masked),
         soci::use(c.phone_sealed), soci::use(c.phone_masked), soci::use(c.clerk),
         soci::use(c.window), soci::use(accepted_at), soci::use(c.promised_date),
         soci::use(promised_days), soci::use(received), soci::use(pending),
         soci::use(c.receipt_payload), soci::use(c.receipt_signature), soci::use(c.receipt_key_id),
         soci::use(fingerprint_confirmed), soci::use(c.applicant_name_sealed));
    insert.execute(true);
    if (insert.get_affected_rows() != 1) {
      return wf::Status::conflict("办件编码 " + c.case_code + " 已存在");
    }
    tx.commit();
    return wf::Status::ok();
  } catch (const std::exception& e) {
    return failed("insert case", e);
  }
}

wf::Result<std::optional<CaseRecord>> SociCaseStore::find(const std::string& case_code) {
  std::lock_guard lock(mu_);
  try {
    soci::rowset<soci::row> rows = (sql_->prepare << std::string("SELECT ") + kColumns +
                                                         " FROM hall_cases WHERE case_code = :c",
                                    soci::use(case_code));
    for (const soci::row& r : rows) return std::optional<CaseRecord>(caseFrom(r));
    return std::optional<CaseRecord>();
  } catch (const std::exception& e) {
    return failed("read case", e);
  }
}

wf::Result<std::vector<CaseRecord>> SociCaseStore::recent(const std::string& clerk, int limit) {
  std::lock_guard lock(mu_);
  try {
    std::vector<CaseRecord> out;
    const std::string query = std::string("SELECT ") + kColumns + " FROM hall_cases" +
                              (clerk.empty() ? "" : " WHERE clerk = :c") +
                              " ORDER BY accepted_at DESC, case_code DESC LIMIT " +
                              std::to_string(std::clamp(limit, 1, 1000));
    if (clerk.empty()) {
      soci::rowset<soci::row> rows = sql_->prepare << query;
      for (const soci::row& r : rows) out.push_back(caseFrom(r));
    } else {
      soci::rowset<soci::row> rows = (sql_->prepare << query, soci::use(clerk));
      for (const soci::row& r : rows) out.push_back(caseFrom(r));
    }
    return out;
  } catch (const std::exception& e) {
    return failed("read cases", e);
  }
}

}  // namespace hall::store
