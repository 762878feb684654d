// ExpressConnector: 市快递平台, the city's express delivery platform, as the
// job type `express.waybill`. When the clerk hands a certificate over by
// express (出证 {delivery: express, recipient}), the matter's process
// reaches its waybill task, which becomes a job in the same transaction as
// the hand-over (the engine's jobs are the outbox); this handler asks the
// platform for a waybill — the certificate (the `licence` variable, else the
// case), the hall as sender (<sender> of models/connectors/express.xml), the
// recipient opened from its sealed form (RecipientDirectory) — with the
// job's id as the idempotency key, so however often the job runs the
// platform makes one waybill. The answer becomes the instance variable
// `waybill` {number, createdAt, district}; the process then waits for the
// platform's callback `express.delivered` (callback_routes).
//
// Failures as ElicenseConnector: no answer, 5xx or an open breaker fail the
// job with Unavailable, a refusal (4xx) with InvalidArgument naming the
// platform's words; the engine retries with backoff, then raises an
// incident.
//
// Thread-safety: waybill() may run on many job workers at once.
#pragma once

#include <string>

#include "connectors/common/city_client.h"
#include "wf/engine.h"

namespace connectors {

// Whom a certificate goes to, in full; the hall keeps it sealed.
struct WaybillRecipient {
  std::string name;
  std::string phone;
  std::string address;
  std::string district;
};

// Opens the sealed recipient a hand-over left in the case's variables
// (portal/app wires the hall's vault in).
class RecipientDirectory {
 public:
  virtual ~RecipientDirectory() = default;
  virtual wf::Result<WaybillRecipient> recipientOf(const wf::Value& sealed_recipient) = 0;
};

class ExpressConnector {
 public:
  static constexpr const char* kWaybillJob = "express.waybill";

  ExpressConnector(CityClient& client, RecipientDirectory& recipients)
      : client_(client), recipients_(recipients) {}

  wf::Result<wf::Value> waybill(const wf::JobContext& job);
  void registerWith(wf::Engine& engine);

 private:
  CityClient& client_;
  RecipientDirectory& recipients_;
};

}  // namespace connectors
