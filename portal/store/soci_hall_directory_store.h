// SociHallDirectoryStore: the HallDirectoryStore on SOCI — the engine's
// database (a SQLite file, or PostgreSQL shared by several nodes), table
// hall_dir_models, one row per version of the hall model document, created
// by numbered migrations recorded in hall_dir_schema. The version is the
// primary key, so of two nodes storing the same next version one commits
// and the other gets Conflict.
//
// Thread-safety: one connection behind a mutex; every member may be called
// from any thread. Each append is one transaction.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "portal/domain/hall_directory_store.h"

namespace soci {
class session;
}  // namespace soci

namespace hall::store {

class SociHallDirectoryStore final : public hall::domain::HallDirectoryStore {
 public:
  // `db_url` as the engine reads it (wf/database_url.h; sqlite::memory: is
  // a private in-memory database). InvalidArgument for a malformed URL;
  // Unavailable when the database cannot be opened.
  static wf::Result<std::unique_ptr<SociHallDirectoryStore>> open(const std::string& db_url);
  ~SociHallDirectoryStore() override;

  wf::Result<std::optional<hall::domain::StoredHallModel>> latest() override;
  wf::Status append(int64_t based_on, const std::string& xml,
                    const hall::domain::HallModelChange& change) override;

 private:
  explicit SociHallDirectoryStore(std::unique_ptr<soci::session> session);
  long long newestVersionLocked();

  std::mutex mu_;
  std::unique_ptr<soci::session> sql_;
};

}  // namespace hall::store
