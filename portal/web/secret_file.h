// A secret the server keeps beside its database: taken from an environment
// variable when that is set, else 32 random bytes (hex) in a file created
// with mode 0600 on first start and reused afterwards — the admin token,
// the key that seals personal data, the hall's device secret. No secret is
// ever in the repository.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "wf/status.h"

namespace portal::web {

struct Secret {
  enum class Source { Environment, ExistingFile, NewFile };
  std::string value;  // hex, or the environment's text
  Source source = Source::NewFile;
  std::filesystem::path file;  // empty for Environment
};

// `label` names the secret in errors ("admin token"). Unavailable when the
// file cannot be read or written; InvalidArgument when it is empty. Two
// servers starting at once agree: the file is created atomically (O_EXCL).
wf::Result<Secret> loadSecret(const std::optional<std::string>& from_env,
                              const std::filesystem::path& file, std::string_view label);

// The folder that holds the database of `db_url` ("sqlite:data/hall.db" →
// "data"); the current folder for in-memory and non-file databases.
std::filesystem::path dirForDatabase(std::string_view db_url);

}  // namespace portal::web
