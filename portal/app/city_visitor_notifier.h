// CityVisitorNotifier: the visitor notifier of a hall connected to the
// city's notification gateway — a call is sent to the visitor's phone by
// SMS (template HALL_CALL, "请 A001 号到 12 号窗口办理").
//
// Best-effort by design: the front desk calls it after the call is durable
// and must not wait, so the call is queued in memory (at most kMaxQueued)
// and sent by one thread of its own, with the connector's in-call retries
// and an idempotency key per call (ticket and time). A call still unsent
// when the process stops, or refused by the gateway, is lost — and logged
// (masked) — because a late "it's your turn" is worse than none: the call
// is on the hall's screens and voice anyway, and a recall sends anew. The
// notices about a case (补正, 发证) are durable jobs instead
// (NotifyConnector).
//
// The phone is opened from the vault only to send it; logs show it masked.
//
// Thread-safety: notifyCall() may be called from any thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "connectors/notify/notify_connector.h"
#include "portal/domain/front_desk_ports.h"
#include "portal/domain/personal_data_vault.h"

namespace hall::app {

class CityVisitorNotifier final : public hall::domain::VisitorNotifier {
 public:
  static constexpr size_t kMaxQueued = 1000;

  CityVisitorNotifier(connectors::NotifyConnector& notify,
                      const hall::domain::PersonalDataVault& vault);
  // Stops after the call being sent; what is still queued is dropped.
  ~CityVisitorNotifier() override;

  void notifyCall(const hall::domain::CallEvent& call) override;

 private:
  void run();
  void send(const hall::domain::CallEvent& call);

  connectors::NotifyConnector& notify_;
  const hall::domain::PersonalDataVault& vault_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<hall::domain::CallEvent> queue_;
  bool stopping_ = false;
  std::thread sender_;
};

}  // namespace hall::app
