#include "portal/app/log_visitor_notifier.h"

#include <Poco/Logger.h>

#include <string>

namespace hall::app {

void LogVisitorNotifier::notifyCall(const hall::domain::CallEvent& call) {
  Poco::Logger::get("hall.notify")
      .information("no phone push connector: not sent to " + call.phone_masked + ": 请 " +
                   call.number + " 号到 " + std::to_string(call.window_number) + " 号窗口办理");
}

}  // namespace hall::app
