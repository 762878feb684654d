// OnenetConnector: the "一网通办" middle platform (一网通办中台).
//
// - `onenet.submit`, a job type: a case accepted at the hall is reported to
//   the city, which answers its unified approval code (统一审批编码). The
//   job is a service task on its own branch at the start of every matter and
//   theme process (models/processes), so it is written in the same
//   transaction as the acceptance — the engine's jobs are the outbox — and
//   an outage of the city only delays it: the engine retries with backoff,
//   then raises an incident an admin retries. The job id is the idempotency
//   key, so the city gives one code per case however often the job runs.
//   The answer becomes the instance variables `unifiedCode` and
//   `onenetSubmittedAt`, which the case view shows.
// - Online cases (网上申请, 窗口接件): the hall's pending ones, and taking one
//   in. A take carries the key `hall-take-<id>`, so a hall that took a case
//   and failed before it started it takes it again and gets the same answer.
// - A matter's form definition (填报界面) for the matters run in mode 1/2.
//
// A failure the platform may get over (no answer, 5xx, breaker open) is
// Unavailable; a refusal (4xx) InvalidArgument (404 NotFound, 409 Conflict)
// naming the platform's words — for the submit job a permanent failure
// (wf::permanentJobFailure): no retry mends it, the incident comes at once.
//
// Thread-safety: every member may run on many threads at once.
#pragma once

#include <cstdint>
#include <string>

#include "connectors/common/city_client.h"
#include "wf/engine.h"

namespace connectors {

// A case as the middle platform needs it: the applicant in full (the hall
// keeps it sealed), when and where it was accepted.
struct AcceptedCase {
  std::string applicant_name;
  std::string applicant_id_type;  // "ID_CARD" or "USCC"
  std::string applicant_id;
  int64_t accepted_at = 0;  // epoch ms
  std::string window;       // may be empty
};

// Where the connector learns a case (portal/app wires the case desk in).
class AcceptedCases {
 public:
  virtual ~AcceptedCases() = default;
  virtual wf::Result<AcceptedCase> acceptedCase(const std::string& case_code) = 0;
};

class OnenetConnector {
 public:
  static constexpr const char* kSubmitJob = "onenet.submit";

  // `hall_code`: this hall at the middle platform.
  OnenetConnector(CityClient& client, AcceptedCases& cases, std::string hall_code)
      : client_(client), cases_(cases), hall_code_(std::move(hall_code)) {}

  wf::Result<wf::Value> submit(const wf::JobContext& job);
  void registerWith(wf::Engine& engine);

  // The hall's online cases waiting to be taken (the platform's JSON array).
  wf::Result<wf::Value> pendingOnlineCases();
  // Takes online case `id` in (idempotent for this hall); the case as the
  // platform gives it: matterCode, applicant {name, idType, idNumber},
  // phone, situation, ….
  wf::Result<wf::Value> take(const std::string& id);
  // The form definition of `matter_code`; NotFound when the city has none.
  wf::Result<wf::Value> form(const std::string& matter_code);

  const std::string& hallCode() const { return hall_code_; }

 private:
  wf::Result<wf::Value> answerOf(const CityReply& reply, const std::string& what);

  CityClient& client_;
  AcceptedCases& cases_;
  const std::string hall_code_;
};

}  // namespace connectors
