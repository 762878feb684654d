// RatingPlatform: the simulated 市好差评 (the city's service rating
// platform), prefix /rating/v1 (README.md): take a rating of a service at
// the hall (a visit, by its ticket) or of a case (by its case code) —
// idempotent by Idempotency-Key, one rating per service and per case — and
// list the ratings of a case or a ticket.
//
// The store is in memory and lives as long as the process. Thread-safe: one
// mutex guards the ratings and the keys; handle() may run on many threads.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "tools/citysim/platform.h"
#include "wf/status.h"
#include "wf/value.h"

namespace hall::citysim {

// The body of POST /rating/v1/ratings, checked.
struct Rating {
  std::string service_type;  // "visit" or "case"
  std::string subject;       // the ticket (visit) or the case code (case)
  std::string matter_code;   // required for a case, optional for a visit
  int level = 0;             // 1 非常不满意 … 5 非常满意
  std::string channel;       // window, kiosk, web, app, sms
  std::string window;
  std::string clerk;
  std::string comment;   // at most 500 characters
  int64_t rated_at = 0;  // epoch ms

  // Canonical JSON of what was said: two bodies that say the same compare equal.
  std::string fingerprint() const;
};

// InvalidArgument "field: why" (details {"field"}) for a bad body.
wf::Result<Rating> parseRating(std::string_view body, int64_t now_ms);

class RatingPlatform final : public Platform {
 public:
  std::string name() const override { return "rating"; }
  std::string prefix() const override { return "/rating/v1"; }
  std::string displayName() const override { return "市好差评"; }
  PlatformResponse handle(const PlatformRequest& request, PlatformStats& stats) override;

 private:
  struct Stored {
    std::string id;
    Rating rating;
    int64_t received_at = 0;
  };

  PlatformResponse submit(const PlatformRequest& request, PlatformStats& stats);
  PlatformResponse list(const PlatformRequest& request);
  static wf::Value toValue(const Stored& stored);

  std::mutex mutex_;
  std::map<std::string, Stored> ratings_;          // by id, in order taken
  std::map<std::string, std::string> by_subject_;  // "case:<code>" / "visit:<ticket>" → id
  std::map<std::string, std::string> by_key_;      // Idempotency-Key → id
  int64_t sequence_ = 0;
};

}  // namespace hall::citysim
