// SessionBook: the portal's signed-in sessions. Signing in opens a session
// named by 256 random bits (the HttpOnly cookie) with its own CSRF token
// (sent back in a header on every change). A session ends when its person
// signs out, after 30 idle minutes, after 12 hours in all, or when an
// administrator changes or retires the account.
//
// Sessions live in memory: a restart of the server signs everyone out,
// which loses no work (every case and ticket is in the engine and stores).
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "portal/domain/accounts.h"
#include "portal/web/api_request.h"

namespace portal::web {

struct SessionLimits {
  int64_t idle_millis = 30 * 60 * 1000;
  int64_t absolute_millis = 12 * 60 * 60 * 1000;
};

class SessionBook {
 public:
  explicit SessionBook(std::function<int64_t()> now_millis, SessionLimits limits = {});

  // A new session for `account`; the caller has `session` and `csrf` set.
  Caller open(const hall::domain::Account& account);
  // The session's caller, when it exists and has not expired; using it
  // counts as activity.
  std::optional<Caller> find(std::string_view session_id);
  void close(std::string_view session_id);
  // Ends every session of `login` (its roles changed, it retired).
  void closeAllOf(std::string_view login);
  size_t size();

 private:
  struct Entry {
    Caller caller;
    int64_t opened_at = 0;
    int64_t seen_at = 0;
  };

  std::function<int64_t()> now_;
  SessionLimits limits_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> sessions_;
};

// A fresh random token of `bytes` bytes, as hex.
std::string randomHexToken(size_t bytes);

}  // namespace portal::web
