// AdminToken: the bearer token that guards every /api/ path.
//
// It comes from HALL_ADMIN_TOKEN when that is set; otherwise it is 32 random
// bytes (hex) kept in `admin.token` beside the database file, created with
// mode 0600 and reused on the next start, so a restart does not log every
// script out (SecretFile). Immutable after load; safe to share between
// threads.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "portal/web/secret_file.h"
#include "wf/status.h"

namespace portal::web {

class AdminToken {
 public:
  using Source = SecretSource;

  // `from_env` is the value of HALL_ADMIN_TOKEN (nullopt or empty: unset);
  // `dir` is where admin.token lives. Unavailable when the file cannot be
  // read or written; InvalidArgument when an existing file is empty.
  static wf::Result<AdminToken> load(const std::optional<std::string>& from_env,
                                     const std::filesystem::path& dir);

  // The folder that holds the database of `db_url` ("sqlite:data/hall.db" →
  // "data"); the current folder for in-memory and non-file databases.
  static std::filesystem::path dirForDatabase(std::string_view db_url) {
    return SecretFile::dirForDatabase(db_url);
  }

  // Compares in time independent of where the strings differ (and of their
  // lengths), so the token cannot be guessed byte by byte.
  bool matches(std::string_view presented) const;

  const std::string& value() const { return value_; }
  Source source() const { return source_; }
  // The file the token was read from or written to; empty for Environment.
  const std::filesystem::path& file() const { return file_; }

  static constexpr std::string_view kFileName = "admin.token";
  static constexpr std::string_view kEnvironmentVariable = "HALL_ADMIN_TOKEN";

 private:
  AdminToken(std::string value, Source source, std::filesystem::path file)
      : value_(std::move(value)), source_(source), file_(std::move(file)) {}

  std::string value_;
  Source source_;
  std::filesystem::path file_;
};

}  // namespace portal::web
