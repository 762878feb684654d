// RatingConnector: 市好差评, the city's service rating platform, as the job
// type `rating.submit`. The hall takes a rating (portal/app/hall_ratings)
// and starts the rating process (models/processes/rating.bpmn) with it; the
// process's submit task becomes a job in the same transaction as the
// instance (the engine's jobs are the outbox), and this handler sends the
// rating with the idempotency key `hall-rating-<ratingId>` — the hall's own
// id of the rating, so even a rating whose process were started twice is
// one rating at the city.
//
// The instance's variables it reads: ratingId, serviceType ("visit" or
// "case"), ticket or caseCode, matterCode, level (1–5), channel, window,
// clerk, comment, ratedAt (epoch ms). Its result: cityRatingId (the
// platform's id) and ratingSource "city".
//
// A failure the platform may get over (no answer, 5xx, breaker open) fails
// the job with Unavailable, a refusal (4xx — a case the city has another
// rating of) with InvalidArgument naming the platform's words; the engine
// retries with backoff and then raises an incident an admin can retry.
//
// Thread-safety: submit() may run on many job workers at once.
#pragma once

#include "connectors/common/city_client.h"
#include "wf/engine.h"

namespace connectors {

class RatingConnector {
 public:
  static constexpr const char* kSubmitJob = "rating.submit";

  explicit RatingConnector(CityClient& client) : client_(client) {}

  wf::Result<wf::Value> submit(const wf::JobContext& job);
  void registerWith(wf::Engine& engine);

 private:
  CityClient& client_;
};

}  // namespace connectors
