// LogVisitorNotifier: the visitor notifier of a hall with no SMS / 随申办
// push connector configured (the connectors come with the city platforms):
// it writes the call it would have pushed to the log, the phone masked, so
// an operator sees that visitors are not being told on their phones.
#pragma once

#include "portal/domain/front_desk_ports.h"

namespace hall::app {

class LogVisitorNotifier final : public hall::domain::VisitorNotifier {
 public:
  void notifyCall(const hall::domain::CallEvent& call) override;
};

}  // namespace hall::app
