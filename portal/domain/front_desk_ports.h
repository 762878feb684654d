// What the front desk asks of the world beyond the engine and its store:
// who holds a 随申码, and who should hear of a call (screens, voice, the
// visitor's phone). The real 随申码 verifier and the phone push come with the
// city connectors; the device hub listens to calls in the server.
#pragma once

#include <string>
#include <vector>

#include "portal/domain/front_desk_records.h"
#include "wf/status.h"

namespace hall::domain {

// Verifies a 随申码 (the Shanghai citizen code shown on a phone).
class SuishenVerifier {
 public:
  virtual ~SuishenVerifier() = default;
  struct Holder {
    std::string id_number;
    std::string name;
  };
  // InvalidArgument (field suishenCode) for a code that is not valid now;
  // Unavailable when the platform cannot be reached.
  virtual wf::Result<Holder> verify(const std::string& code) = 0;
};

// A call, as the screens, the voice and the visitor's phone need it.
struct CallEvent {
  std::string ticket;
  std::string number;  // "A001"
  std::string queue;
  std::string queue_name;
  std::string window;     // "W12"
  int window_number = 0;  // 12
  std::string zone;
  bool voice = false;  // the zone speaks calls
  bool recall = false;
  std::string phone_sealed;  // to push the call to the visitor's phone
  std::string phone_masked;  // what logs may show of it
  int64_t at = 0;
};

// Hears what the front desk does, after it is durable. Called outside the
// front desk's locks; implementations must not block for long.
class FrontDeskListener {
 public:
  virtual ~FrontDeskListener() = default;
  virtual void called(const CallEvent& call) = 0;
  // A window's state or its ticket changed.
  virtual void windowChanged(const WindowSession& session) = 0;
  // A queue's waiting count changed (a ticket issued, called, transferred).
  virtual void queueChanged(const std::string& queue) = 0;
};

// Tells a visitor who left a phone number that he is called (the SMS /
// 随申办 push connector is the real one; it opens the sealed number).
class VisitorNotifier {
 public:
  virtual ~VisitorNotifier() = default;
  // Called after the call is durable, outside the front desk's locks, only
  // for tickets with a phone; must not block for long.
  virtual void notifyCall(const CallEvent& call) = 0;
};

}  // namespace hall::domain
