// SociOnlineIntakeBook: which hall case each online case taken in became
// (hall_online_intakes, in the engine's database), so taking an online case
// again answers the case it became instead of starting a second one — also
// after a restart.
//
// Thread-safety: one session behind a mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "wf/status.h"

namespace soci {
class session;
}

namespace hall::store {

class SociOnlineIntakeBook {
 public:
  static wf::Result<std::unique_ptr<SociOnlineIntakeBook>> open(const std::string& db_url);
  ~SociOnlineIntakeBook();

  // The case code online case `online_id` became; nullopt when none yet.
  wf::Result<std::optional<std::string>> caseOf(const std::string& online_id);
  // Records it; Conflict when the online case has a case already.
  wf::Status record(const std::string& online_id, const std::string& case_code, int64_t now_ms);

 private:
  explicit SociOnlineIntakeBook(std::unique_ptr<soci::session> session);

  std::mutex mu_;
  std::unique_ptr<soci::session> sql_;
};

}  // namespace hall::store
