// SecretFile: a secret the hall server keeps beside its database, such as the
// admin token and the hall device secret. It comes from an environment
// variable when that is set (several nodes then share it); otherwise from a
// file in the database's folder, which the first start creates atomically
// (O_EXCL, so two servers starting together agree) with 32 random bytes as
// hex and mode 0600, and later starts reuse.
//
// Immutable after load; safe to share between threads.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "wf/status.h"

namespace portal::web {

enum class SecretSource { Environment, ExistingFile, NewFile };

struct SecretFile {
  std::string value;
  SecretSource source = SecretSource::NewFile;
  std::filesystem::path file;  // empty for Environment

  // `from_env`: the variable's value (nullopt or blank: unset); `dir`: the
  // folder of `file_name`; `what` names the secret in messages ("admin
  // token"). Unavailable when the file cannot be read or written;
  // InvalidArgument when an existing file is empty.
  static wf::Result<SecretFile> load(const std::optional<std::string>& from_env,
                                     const std::filesystem::path& dir, std::string_view file_name,
                                     std::string_view what);

  // The folder that holds the database of `db_url` ("sqlite:data/hall.db" →
  // "data"); the current folder for in-memory and non-file databases.
  static std::filesystem::path dirForDatabase(std::string_view db_url);
};

}  // namespace portal::web
