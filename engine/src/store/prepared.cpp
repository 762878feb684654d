#include "store/prepared.h"

namespace wf::store {

Prepared::Prepared(soci::session& session, const std::string& sql, std::string_view types)
    : session_(session), sql_(sql), types_(types) {
  for (char t : types_) {
    if (t == 's') {
      index_.push_back(texts_.size());
      texts_.emplace_back();
    } else {
      index_.push_back(integers_.size());
      integers_.push_back(0);
    }
  }
}

Prepared& Prepared::text(size_t slot, std::string value) {
  texts_[index_.at(slot)] = std::move(value);
  return *this;
}

Prepared& Prepared::integer(size_t slot, long long value) {
  integers_[index_.at(slot)] = value;
  return *this;
}

void Prepared::into(soci::row& row) { row_ = &row; }

bool Prepared::next() { return statement_->fetch(); }

bool Prepared::run() {
  if (!statement_) {
    // Prepared lazily, on first use, so that statements of a backend that
    // lacks a table's feature are never compiled.
    statement_ = std::make_unique<soci::statement>(session_);
    statement_->alloc();
    statement_->prepare(sql_);
    for (size_t i = 0; i < types_.size(); ++i) {
      if (types_[i] == 's') {
        statement_->exchange(soci::use(texts_[index_[i]]));
      } else {
        statement_->exchange(soci::use(integers_[index_[i]]));
      }
    }
    if (row_ != nullptr) statement_->exchange(soci::into(*row_));
    statement_->define_and_bind();
  }
  return statement_->execute(true);
}

}  // namespace wf::store
