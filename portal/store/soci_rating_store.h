// SociRatingStore: the ratings the hall took (hall_ratings, in the engine's
// database) — the domain's RatingStore. One row per rated service
// (subject_key unique), so a second rating of a visit or case is a
// Conflict; the rating process's instance id is filled in once started.
// The comment is kept as the visitor wrote it; nothing else personal is.
//
// Thread-safety: one session behind a mutex.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "portal/domain/rating_desk.h"

namespace soci {
class session;
}

namespace hall::store {

class SociRatingStore final : public hall::domain::RatingStore {
 public:
  static wf::Result<std::unique_ptr<SociRatingStore>> open(const std::string& db_url);
  ~SociRatingStore() override;

  wf::Status insert(const hall::domain::RatingRecord& record) override;
  wf::Status setInstance(const std::string& id, const std::string& instance_id) override;
  wf::Result<std::optional<hall::domain::RatingRecord>> find(const std::string& id) override;
  wf::Result<std::vector<hall::domain::RatingRecord>> unstarted(int limit) override;

 private:
  explicit SociRatingStore(std::unique_ptr<soci::session> session);

  std::mutex mu_;
  std::unique_ptr<soci::session> sql_;
};

}  // namespace hall::store
