// Prepared: a SOCI statement prepared once, whose parameters are slots that
// are filled before each run. The writer keeps one per statement it runs on
// every command, so SQL is parsed once per connection, not once per call.
//
// Slot types are given as a string: 's' text, 'i' 64-bit integer.
#pragma once

#include <soci/soci.h>

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace wf::store {

class Prepared {
 public:
  Prepared(soci::session& session, const std::string& sql, std::string_view types);

  Prepared& text(size_t slot, std::string value);
  Prepared& integer(size_t slot, long long value);
  // Runs the statement; for a query, returns whether a row was fetched into
  // the row given to into().
  bool run();
  // The next row of a query after run() fetched the first; false at the end.
  bool next();
  // Binds the result row of a query (call before the first run()).
  void into(soci::row& row);
  // For a query: binds a row the statement owns, read with row().
  Prepared& returnsRows() {
    row_ = &own_row_;
    return *this;
  }
  const soci::row& row() const { return *row_; }
  // Rows the last run() of an INSERT, UPDATE or DELETE changed.
  long long affectedRows() { return statement_->get_affected_rows(); }

 private:
  soci::session& session_;
  std::string sql_;
  std::string types_;
  std::vector<size_t> index_;      // slot -> position in texts_ or integers_
  std::deque<std::string> texts_;  // deques keep addresses stable for SOCI
  std::deque<long long> integers_;
  soci::row own_row_;
  soci::row* row_ = nullptr;
  std::unique_ptr<soci::statement> statement_;
};

}  // namespace wf::store
