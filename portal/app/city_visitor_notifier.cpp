#include "portal/app/city_visitor_notifier.h"

#include <Poco/Logger.h>

#include <string>

namespace hall::app {

CityVisitorNotifier::CityVisitorNotifier(connectors::NotifyConnector& notify,
                                         const hall::domain::PersonalDataVault& vault)
    : notify_(notify), vault_(vault), sender_([this] { run(); }) {}

CityVisitorNotifier::~CityVisitorNotifier() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  changed_.notify_all();
  sender_.join();
}

void CityVisitorNotifier::notifyCall(const hall::domain::CallEvent& call) {
  if (call.phone_sealed.empty()) return;
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= kMaxQueued) {
      Poco::Logger::get("hall.notify")
          .warning("call notices are backing up; not sent to " + call.phone_masked + ": " +
                   call.number);
      return;
    }
    queue_.push_back(call);
  }
  changed_.notify_one();
}

void CityVisitorNotifier::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) {
      // A stopping hall does not wait for a slow gateway: the rest is lost
      // (best-effort, see the header).
      if (!queue_.empty()) {
        Poco::Logger::get("hall.notify")
            .warning(std::to_string(queue_.size()) + " call notices not sent: the hall stops");
      }
      return;
    }
    const hall::domain::CallEvent call = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    send(call);
    lock.lock();
  }
}

void CityVisitorNotifier::send(const hall::domain::CallEvent& call) {
  Poco::Logger& log = Poco::Logger::get("hall.notify");
  const wf::Result<std::string> phone = vault_.open(call.phone_sealed);
  if (!phone.ok()) {
    log.error("call " + call.number + ": the phone does not open: " + phone.status().message());
    return;
  }
  const std::string key = "hall-call-" + call.ticket + "-" + std::to_string(call.at);
  const wf::Status sent =
      notify_.sendCall(*phone, call.number, std::to_string(call.window_number), key);
  if (sent.isOk()) {
    log.information("call " + call.number + " sent to " + call.phone_masked);
  } else {
    // The gateway's words may quote the number it refused: say only why.
    log.warning("call " + call.number + " not sent to " + call.phone_masked + " (" +
                wf::statusCodeName(sent.code()) + ")");
  }
}

}  // namespace hall::app
