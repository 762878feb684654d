// FrontDesk: tickets, queues and calling (预约排队叫号) over the engine.
//
// A ticket starts a *visit* process instance (models/processes/visit.bpmn)
// whose user task `waiting` sits in the ticket's queue; calling the next
// number is the engine's get-next-work over the queues a window serves, in
// the window's order, each queue ranked by the calling decision
// (models/rules/call_priority.dmn). The engine is the truth about where a
// visit stands; the HallStore keeps the hall's own index — numbers, status
// tokens, sealed personal data, window sessions — written after the engine
// command it follows. A ticket the store lacks after a crash is rebuilt
// from its instance's variables when it is called.
//
// Tickets and windows are Boost.Statechart lifecycles (ticket_lifecycle.h,
// window_lifecycle.h); an action a window's state does not allow is
// Conflict and changes nothing.
//
// Thread-safety: every member may be called from any thread. Actions on one
// window are serialised; different windows call in parallel (the engine
// never gives one task to two windows).
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "portal/domain/front_desk_ports.h"
#include "portal/domain/front_desk_records.h"
#include "portal/domain/hall_layout.h"
#include "portal/domain/hall_store.h"
#include "portal/domain/personal_data_vault.h"
#include "portal/domain/wait_estimator.h"
#include "wf/engine.h"
#include "wf/ports/clock.h"

namespace hall::domain {

struct FrontDeskOptions {
  bool always_open = false;  // the demo: every queue open whatever the clock says
  double default_service_minutes = 8;
  std::string visit_process = "visit";
  std::string ranking_decision = "call_priority";
  int elderly_age = 60;  // from this age a visitor is called with priority
};

struct FrontDeskPorts {
  wf::Engine* engine = nullptr;
  HallStore* store = nullptr;
  const PersonalDataVault* vault = nullptr;
  const wf::Clock* clock = nullptr;
  SuishenVerifier* suishen = nullptr;  // optional: without it the 随申码 channel is unavailable
  FrontDeskListener* listener = nullptr;  // optional
  VisitorNotifier* notifier = nullptr;    // optional: pushes calls to visitors' phones
};

struct TicketRequest {
  std::string queue;  // may be empty for an appointment (its own queue)
  TicketChannel channel = TicketChannel::WalkIn;
  std::string id_number;
  std::string suishen_code;
  std::string appointment_code;
  std::string phone;
  bool disabled = false;  // declared at the machine; the elderly are known from the ID number
};

// A ticket with what is live about it.
struct TicketView {
  Ticket ticket;
  std::string queue_name;
  int window_number = 0;  // while called or served
  int ahead = 0;          // while waiting: people before it in its queue
  int estimated_wait_minutes = 0;
};

struct QueueView {
  std::string id;
  std::string name;
  char prefix = 'A';
  bool open = false;
  int waiting = 0;
  int estimated_wait_minutes = 0;  // for a ticket taken now
};

struct WindowView {
  WindowSession session;
  int number = 0;
  std::string kind;
  std::string zone;
  std::vector<std::string> queues;
  std::string ticket_number;  // of the ticket it calls or serves
};

// Where a transfer sends a ticket: another queue, or one window.
struct TransferTarget {
  std::string queue;
  std::string window;
};

class FrontDesk {
 public:
  // Points every hall queue (and each window's own transfer queue) at the
  // calling decision and loads the live tickets and window sessions.
  static wf::Result<std::unique_ptr<FrontDesk>> open(HallLayout layout, FrontDeskPorts ports,
                                                     FrontDeskOptions options);
  ~FrontDesk();

  const HallLayout& layout() const { return layout_; }

  // Errors name the request field: InvalidArgument for a bad or missing
  // value (an unknown queue, a wrong ID number), Conflict for a closed queue,
  // a second live ticket of the same holder in the queue, or an appointment
  // checked in already or too early.
  wf::Result<TicketView> issue(const TicketRequest& request);
  wf::Result<TicketView> ticket(const std::string& id);
  wf::Result<TicketView> ticketByStatusToken(const std::string& token);

  // A VIP reservation made by a clerk, or an appointment the city platform
  // booked: returns the code a visitor checks in with.
  wf::Result<Appointment> book(const std::string& queue, int64_t slot_at,
                               const std::string& id_number, bool vip);
  // An appointment the city platform booked, under the platform's code.
  // Booking the same code again returns the appointment as booked (Conflict
  // when the platform now says another queue or slot).
  wf::Result<Appointment> bookCityAppointment(const std::string& code, const std::string& queue,
                                              int64_t slot_at, const std::string& id_number);

  wf::Result<WindowView> signIn(const std::string& window, const std::string& clerk);
  // nullopt when no one waits in the window's queues.
  wf::Result<std::optional<TicketView>> callNext(const std::string& window);
  // Calls the same ticket again; Conflict after the hall's limit of calls.
  wf::Result<TicketView> recall(const std::string& window);
  // The visitor came: calling → serving.
  wf::Result<TicketView> arrive(const std::string& window);
  // The visitor did not come: the ticket returns to its queue once (per the
  // hall's rule) or ends.
  wf::Result<TicketView> noShow(const std::string& window);
  wf::Result<TicketView> transfer(const std::string& window, const TransferTarget& target);
  // Ends the service ("consultation" or "intake"); a ticket still being
  // called counts as come.
  wf::Result<TicketView> end(const std::string& window, const std::string& outcome);
  wf::Result<WindowView> pause(const std::string& window);
  wf::Result<WindowView> resume(const std::string& window);
  wf::Result<WindowView> signOut(const std::string& window);

  std::vector<QueueView> queues();
  std::vector<WindowView> windows();
  wf::Result<WindowView> window(const std::string& id);

 private:
  struct LiveTicket {
    Ticket data;
    TicketLifecycle lifecycle;
    // Its visit has moved in the engine (just started, or a task completed)
    // and this record has not caught up yet. A window that claims the
    // visit's next task meanwhile waits until it has (settled_).
    bool settling = false;
  };
  // Clears `settling` of ticket `id` (if it is still live) when it goes out
  // of scope: every way out of an action, failures included.
  class Settling {
   public:
    Settling(FrontDesk& desk, std::string id) : desk_(desk), id_(std::move(id)) {}
    ~Settling();
    Settling(const Settling&) = delete;
    Settling& operator=(const Settling&) = delete;

   private:
    FrontDesk& desk_;
    std::string id_;
  };
  struct WindowSlot {
    std::mutex action;  // serialises the actions on this window
    const Window* layout = nullptr;
    WindowSession session;      // guarded by mu_
    WindowLifecycle lifecycle;  // guarded by mu_
  };

  using WindowMove = wf::Status (WindowLifecycle::*)();
  using TicketMove = wf::Status (TicketLifecycle::*)();

  FrontDesk(HallLayout layout, FrontDeskPorts ports, FrontDeskOptions options);
  // A window action that changes only the window (sign in or out, pause,
  // resume); `clerk` replaces the clerk when given.
  wf::Result<WindowView> moveWindow(const std::string& window, WindowMove move,
                                    std::optional<std::string> clerk);
  // Ends the service at a window (a ticket still being called counts as
  // come): the ticket moves by `move`, the visit's serving task completes
  // with `variables`, `finish` completes the ticket's record at the time
  // given; the window is free again and the service time is learnt.
  wf::Result<TicketView> finishService(const std::string& window, TicketMove move,
                                       const wf::Value& variables,
                                       const std::function<void(Ticket&, int64_t)>& finish);
  wf::Status load();
  // An appointment of `queue` at `slot_at` for `id_number` (may be empty),
  // without its code.
  wf::Result<Appointment> draftAppointment(const std::string& queue, int64_t slot_at,
                                           const std::string& id_number, bool vip);

  int64_t now() const;
  bool isOpen(const Queue& queue, int64_t at) const;
  wf::Result<WindowSlot*> slot(const std::string& window);
  std::vector<std::string> claimQueues(const WindowSlot& slot) const;
  static std::string windowQueue(const std::string& window);

  // Under mu_.
  TicketView viewLocked(const Ticket& ticket) const;
  int aheadLocked(const Ticket& ticket) const;
  int estimateLocked(const std::string& queue, int ahead) const;
  void indexLocked(const Ticket& ticket);
  void unindexLocked(const Ticket& ticket);
  WindowView windowViewLocked(const WindowSlot& slot) const;

  wf::Result<LiveTicket*> ticketAtWindow(WindowSlot& slot);
  // The live ticket of a task a window just claimed, once it has settled;
  // rebuilt from the visit when the hall's record of it was lost.
  wf::Result<LiveTicket*> claimedTicket(const wf::TaskInfo& task);
  wf::Result<Ticket> adoptOrphan(const wf::TaskInfo& task);
  // Completes the ticket's waiting task as come and finds its serving task.
  wf::Status arriveLocked(WindowSlot& slot, LiveTicket& live);
  // Writes the ticket and the window's session, then publishes them.
  wf::Status commit(LiveTicket& live, WindowSlot& slot, Ticket next_ticket, WindowSession next);

  void notifyCall(const Ticket& ticket, const WindowSlot& slot, bool recall);

  HallLayout layout_;
  FrontDeskPorts ports_;
  FrontDeskOptions options_;

  mutable std::mutex mu_;
  std::condition_variable settled_;  // a ticket's `settling` went false
  WaitEstimator estimator_;
  std::map<std::string, std::unique_ptr<LiveTicket>> tickets_;  // live ones, by id
  std::map<std::string, std::string> by_instance_;              // instance id → ticket id
  std::map<std::string, std::string> by_holder_;                // queue + digest → ticket id
  std::map<std::string, std::set<std::pair<int64_t, std::string>>> waiting_;  // queue → (since, id)
  std::map<std::string, std::unique_ptr<WindowSlot>> windows_;
};

}  // namespace hall::domain
