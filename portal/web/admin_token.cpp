#include "portal/web/admin_token.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace portal::web {

namespace {

constexpr size_t kTokenBytes = 32;

std::string trim(std::string text) {
  const char* const kSpace = " \t\r\n";
  const size_t first = text.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  const size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

wf::Result<std::string> randomHex() {
  std::array<unsigned char, kTokenBytes> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return wf::Status::unavailable("admin token: the random generator failed");
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

// SHA-256 of the text: comparing digests of equal length hides the length
// of the real token as well as its content.
std::array<unsigned char, 32> digest(std::string_view text) {
  std::array<unsigned char, 32> out{};
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), out.data(), &size, EVP_sha256(), nullptr);
  return out;
}

}  // namespace

wf::Result<AdminToken> AdminToken::load(const std::optional<std::string>& from_env,
                                        const std::filesystem::path& dir) {
  if (from_env && !trim(*from_env).empty()) {
    return AdminToken(trim(*from_env), Source::Environment, {});
  }
  const std::filesystem::path file = dir / kFileName;

  // O_EXCL makes creation atomic: two servers starting beside one database
  // cannot both write a token, and the loser reads the winner's.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    wf::Result<std::string> token = randomHex();
    if (!token.ok()) {
      ::close(fd);
      ::unlink(file.c_str());
      return token.status();
    }
    const std::string line = *token + "\n";
    const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    const bool closed = ::close(fd) == 0;
    if (!written || !closed) {
      ::unlink(file.c_str());
      return wf::Status::unavailable("admin token: cannot write " + file.string());
    }
    return AdminToken(std::move(token).value(), Source::NewFile, file);
  }
  if (errno != EEXIST) {
    return wf::Status::unavailable("admin token: cannot create " + file.string() + ": " +
                                   std::strerror(errno));
  }
  std::ifstream in(file);
  if (!in) {
    return wf::Status::unavailable("admin token: cannot read " + file.string());
  }
  std::ostringstream content;
  content << in.rdbuf();
  std::string token = trim(content.str());
  if (token.empty()) {
    return wf::Status::invalid("admin token: " + file.string() +
                               " is empty; delete it to generate a new token");
  }
  return AdminToken(std::move(token), Source::ExistingFile, file);
}

std::filesystem::path AdminToken::dirForDatabase(std::string_view db_url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (db_url.substr(0, kSqlite.size()) != kSqlite) return ".";
  const std::string_view path = db_url.substr(kSqlite.size());
  if (path.empty() || path == ":memory:") return ".";
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

bool AdminToken::matches(std::string_view presented) const {
  const auto expected = digest(value_);
  const auto given = digest(presented);
  return CRYPTO_memcmp(expected.data(), given.data(), expected.size()) == 0;
}

}  // namespace portal::web
