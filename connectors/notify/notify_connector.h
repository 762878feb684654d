// NotifyConnector: the city's notification gateway (短信平台 / 随申办 push),
// platform `notify`. A visitor hears of the case on the phone:
//
// - `notify.supplement` and `notify.issued`, job types: when the
//   departments ask for supplements (补正) and when the licence is issued
//   (发证), a service task on a branch of its own (models/processes) sends
//   the applicant the template HALL_SUPPLEMENT or HALL_ISSUED — by SMS when
//   the case has a phone, else by 随申办 push to the applicant's ID number.
//   The job is written in the same transaction as the state that causes it
//   (the engine's jobs are the outbox), its id is the idempotency key, so an
//   outage delays the notice and a retry never sends it twice; a refusal
//   (4xx) is a permanent failure (an incident at once). The job's
//   answer (`<element id>` = {messageId, channel}) names no number.
// - sendCall(): the call notice (HALL_CALL), best-effort, for the front
//   desk's visitor notifier (portal/app).
//
// Thread-safety: every member may run on many threads at once.
#pragma once

#include <string>

#include "connectors/common/city_client.h"
#include "wf/engine.h"

namespace connectors {

// Whom a case's notices go to, in full (the hall keeps both sealed); the
// phone may be empty.
struct NoticeRecipient {
  std::string phone;
  std::string id_number;  // a resident ID number, or empty
};

// Where the connector learns a case's applicant (portal/app wires the case
// desk in).
class NoticeRecipients {
 public:
  virtual ~NoticeRecipients() = default;
  virtual wf::Result<NoticeRecipient> recipientOf(const std::string& case_code) = 0;
};

class NotifyConnector {
 public:
  static constexpr const char* kSupplementJob = "notify.supplement";
  static constexpr const char* kIssuedJob = "notify.issued";

  NotifyConnector(CityClient& client, NoticeRecipients& recipients)
      : client_(client), recipients_(recipients) {}

  // The notice of `job` (its type names the template).
  wf::Result<wf::Value> notice(const wf::JobContext& job);
  void registerWith(wf::Engine& engine);

  // "请 {number} 号到 {window} 号窗口办理" to `phone`, under `idempotency_key`.
  wf::Status sendCall(const std::string& phone, const std::string& number,
                      const std::string& window, const std::string& idempotency_key);

  const std::string& platformName() const { return client_.config().name; }

 private:
  wf::Result<std::string> send(const std::string& channel, const wf::Value& body,
                               const std::string& idempotency_key, const std::string& what);

  CityClient& client_;
  NoticeRecipients& recipients_;
};

}  // namespace connectors
