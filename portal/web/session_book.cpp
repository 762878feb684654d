#include "portal/web/session_book.h"

#include <openssl/rand.h>

#include <stdexcept>
#include <utility>
#include <vector>

namespace portal::web {

std::string randomHexToken(size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) {
    throw std::runtime_error("session: no random bytes from OpenSSL");
  }
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes * 2);
  for (const unsigned char b : raw) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 0xF]);
  }
  return hex;
}

SessionBook::SessionBook(std::function<int64_t()> now_millis, SessionLimits limits)
    : now_(std::move(now_millis)), limits_(limits) {}

Caller SessionBook::open(const hall::domain::Account& account) {
  Caller caller;
  caller.name = account.login;
  caller.display_name = account.display_name;
  caller.roles = account.roles;
  caller.department = account.department;
  caller.session = randomHexToken(32);
  caller.csrf = randomHexToken(16);
  const int64_t now = now_();
  std::lock_guard lock(mu_);
  // Drop expired sessions now and then, so the book stays small.
  if (sessions_.size() > 64 && sessions_.size() % 64 == 0) {
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      const bool expired = now - it->second.seen_at > limits_.idle_millis ||
                           now - it->second.opened_at > limits_.absolute_millis;
      it = expired ? sessions_.erase(it) : std::next(it);
    }
  }
  sessions_[caller.session] = Entry{caller, now, now};
  return caller;
}

std::optional<Caller> SessionBook::find(std::string_view session_id) {
  const int64_t now = now_();
  std::lock_guard lock(mu_);
  const auto it = sessions_.find(std::string(session_id));
  if (it == sessions_.end()) return std::nullopt;
  Entry& entry = it->second;
  if (now - entry.seen_at > limits_.idle_millis ||
      now - entry.opened_at > limits_.absolute_millis) {
    sessions_.erase(it);
    return std::nullopt;
  }
  entry.seen_at = now;
  return entry.caller;
}

void SessionBook::close(std::string_view session_id) {
  std::lock_guard lock(mu_);
  sessions_.erase(std::string(session_id));
}

void SessionBook::closeAllOf(std::string_view login) {
  std::lock_guard lock(mu_);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = it->second.caller.name == login ? sessions_.erase(it) : std::next(it);
  }
}

size_t SessionBook::size() {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

}  // namespace portal::web
