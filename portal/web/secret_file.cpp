#include "portal/web/secret_file.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace portal::web {

namespace {

constexpr size_t kSecretBytes = 32;

std::string trim(std::string text) {
  const char* const kSpace = " \t\r\n";
  const size_t first = text.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  const size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

wf::Result<std::string> randomHex(std::string_view what) {
  std::array<unsigned char, kSecretBytes> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return wf::Status::unavailable(std::string(what) + ": the random generator failed");
  }
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 0xF]);
  }
  return hex;
}

}  // namespace

wf::Result<SecretFile> SecretFile::load(const std::optional<std::string>& from_env,
                                        const std::filesystem::path& dir,
                                        std::string_view file_name, std::string_view what) {
  const std::string name(what);
  if (from_env && !trim(*from_env).empty()) {
    return SecretFile{trim(*from_env), SecretSource::Environment, {}};
  }
  const std::filesystem::path file = dir / file_name;

  // O_EXCL makes creation atomic: two servers starting beside one database
  // cannot both write a secret, and the loser reads the winner's.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    wf::Result<std::string> secret = randomHex(name);
    if (!secret.ok()) {
      ::close(fd);
      ::unlink(file.c_str());
      return secret.status();
    }
    const std::string line = *secret + "\n";
    const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    const bool closed = ::close(fd) == 0;
    if (!written || !closed) {
      ::unlink(file.c_str());
      return wf::Status::unavailable(name + ": cannot write " + file.string());
    }
    return SecretFile{std::move(secret).value(), SecretSource::NewFile, file};
  }
  if (errno != EEXIST) {
    return wf::Status::unavailable(name + ": cannot create " + file.string() + ": " +
                                   std::strerror(errno));
  }
  std::ifstream in(file);
  if (!in) {
    return wf::Status::unavailable(name + ": cannot read " + file.string());
  }
  std::ostringstream content;
  content << in.rdbuf();
  std::string value = trim(content.str());
  if (value.empty()) {
    return wf::Status::invalid(name + ": " + file.string() +
                               " is empty; delete it to generate a new one");
  }
  return SecretFile{std::move(value), SecretSource::ExistingFile, file};
}

std::filesystem::path SecretFile::dirForDatabase(std::string_view db_url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (db_url.substr(0, kSqlite.size()) != kSqlite) return ".";
  const std::string_view path = db_url.substr(kSqlite.size());
  if (path.empty() || path == ":memory:") return ".";
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

}  // namespace portal::web
