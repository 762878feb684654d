// SociNonceBook: the nonces of the signed requests the city platforms sent
// (hall_callback_nonces, in the engine's database), so a captured callback
// cannot be played again — not even after a restart. A nonce is kept as long
// as a request carrying it could still pass the timestamp check, then
// pruned.
//
// Thread-safety: one session behind a mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "wf/status.h"

namespace soci {
class session;
}

namespace hall::store {

class SociNonceBook {
 public:
  static wf::Result<std::unique_ptr<SociNonceBook>> open(const std::string& db_url);
  ~SociNonceBook();

  // Records (platform, nonce) at `now_ms`; false when it is already there.
  // Forgets nonces older than `window_ms` first.
  wf::Result<bool> remember(const std::string& platform, const std::string& nonce, int64_t now_ms,
                            int64_t window_ms);

 private:
  explicit SociNonceBook(std::unique_ptr<soci::session> session);

  std::mutex mu_;
  std::unique_ptr<soci::session> sql_;
};

}  // namespace hall::store
