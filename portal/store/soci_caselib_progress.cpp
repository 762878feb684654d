#include "portal/store/soci_caselib_progress.h"

#include <soci/soci.h>

#include <array>
#include <exception>
#include <utility>

#include "portal/store/soci_database.h"

namespace hall::store {

namespace {

constexpr std::array<std::string_view, 1> kMigrations = {
    R"(CREATE TABLE hall_caselib_progress (
         case_code TEXT PRIMARY KEY, reported_seq BIGINT NOT NULL, finished INTEGER NOT NULL))"};

constexpr const char* kWhat = "case library progress";

}  // namespace

SociCaselibProgress::SociCaselibProgress(std::unique_ptr<soci::session> session)
    : sql_(std::move(session)) {}
SociCaselibProgress::~SociCaselibProgress() = default;

wf::Result<std::unique_ptr<SociCaselibProgress>> SociCaselibProgress::open(
    const std::string& db_url) {
  ASSIGN_OR_RETURN(std::unique_ptr<soci::session> sql, openDatabase(db_url, kWhat));
  try {
    migrate(*sql, "hall_caselib_schema", kMigrations);
    return std::unique_ptr<SociCaselibProgress>(new SociCaselibProgress(std::move(sql)));
  } catch (const std::exception& e) {
    return storeFailure(kWhat, "migrate", e);
  }
}

wf::Result<std::vector<CaseToReport>> SociCaselibProgress::unfinished(const std::string& after_code,
                                                                      int limit) {
  std::lock_guard lock(mu_);
  try {
    std::vector<CaseToReport> out;
    soci::rowset<soci::row> rows =
        (sql_->prepare << "SELECT c.case_code, c.instance_id, c.subject, "
                          "p.reported_seq FROM hall_cases c "
                          "LEFT JOIN hall_caselib_progress p ON p.case_code = c.case_code "
                          "WHERE (p.finished IS NULL OR p.finished = 0) AND c.case_code > :after "
                          "ORDER BY c.case_code LIMIT :n",
         soci::use(after_code), soci::use(limit));
    for (const soci::row& r : rows) {
      // Not reported yet: no progress row (and SQLite gives an expression
      // such as COALESCE no type, so the null is read here).
      const long long seq = r.get_indicator(3) == soci::i_null ? 0 : rowInteger(r, 3);
      out.push_back(
          CaseToReport{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), seq});
    }
    return out;
  } catch (const std::exception& e) {
    return storeFailure(kWhat, "unfinished", e);
  }
}

wf::Status SociCaselibProgress::reported(const std::string& case_code, int64_t seq, bool final) {
  std::lock_guard lock(mu_);
  try {
    const long long s = seq;
    const int f = final ? 1 : 0;
    *sql_ << "INSERT INTO hall_caselib_progress (case_code, reported_seq, finished) "
             "VALUES (:c, :s, :f) ON CONFLICT (case_code) DO UPDATE SET "
             "reported_seq = excluded.reported_seq, finished = excluded.finished",
        soci::use(case_code), soci::use(s), soci::use(f);
    return wf::Status::ok();
  } catch (const std::exception& e) {
    return storeFailure(kWhat, "reported", e);
  }
}

}  // namespace hall::store
