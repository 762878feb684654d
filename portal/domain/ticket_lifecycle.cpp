#include "portal/domain/ticket_lifecycle.h"

#include <boost/mpl/list.hpp>
#include <boost/statechart/event.hpp>
#include <boost/statechart/simple_state.hpp>
#include <boost/statechart/state_machine.hpp>
#include <boost/statechart/transition.hpp>
#include <string>

#include "portal/domain/lifecycle_event.h"

namespace hall::domain {

namespace sc = boost::statechart;

namespace {

struct Call : sc::event<Call> {};
struct Arrive : sc::event<Arrive> {};
struct Requeue : sc::event<Requeue> {};
struct End : sc::event<End> {};

// What every state says of itself, so the machine can be asked where it is.
struct Where {
  virtual ~Where() = default;
  virtual TicketState where() const = 0;
};

struct Waiting;
struct Called;
struct Serving;
struct Done;

}  // namespace

struct TicketLifecycle::Machine : sc::state_machine<Machine, Waiting> {
  bool refused = false;
  void unconsumed_event(const sc::event_base&) { refused = true; }
};

namespace {

struct Waiting : sc::simple_state<Waiting, TicketLifecycle::Machine>, Where {
  using reactions = boost::mpl::list<sc::transition<Call, Called>, sc::transition<End, Done>>;
  TicketState where() const override { return TicketState::Waiting; }
};
struct Called : sc::simple_state<Called, TicketLifecycle::Machine>, Where {
  using reactions = boost::mpl::list<sc::transition<Arrive, Serving>,
                                     sc::transition<Requeue, Waiting>, sc::transition<End, Done>>;
  TicketState where() const override { return TicketState::Called; }
};
struct Serving : sc::simple_state<Serving, TicketLifecycle::Machine>, Where {
  using reactions = boost::mpl::list<sc::transition<Requeue, Waiting>, sc::transition<End, Done>>;
  TicketState where() const override { return TicketState::Serving; }
};
struct Done : sc::simple_state<Done, TicketLifecycle::Machine>, Where {
  TicketState where() const override { return TicketState::Done; }
};

template <typename Event>
wf::Status fire(TicketLifecycle::Machine& machine, const char* what) {
  return fireLifecycleEvent<Event, Where>(machine, what, [](const char* what, TicketState state) {
    return std::string("ticket: cannot ") + what + " a ticket that is " + ticketStateName(state);
  });
}

}  // namespace

const char* ticketStateName(TicketState state) {
  switch (state) {
    case TicketState::Waiting:
      return "waiting";
    case TicketState::Called:
      return "called";
    case TicketState::Serving:
      return "serving";
    case TicketState::Done:
      return "done";
  }
  return "waiting";
}

std::optional<TicketState> ticketStateFromName(std::string_view name) {
  for (TicketState s :
       {TicketState::Waiting, TicketState::Called, TicketState::Serving, TicketState::Done}) {
    if (name == ticketStateName(s)) return s;
  }
  return std::nullopt;
}

TicketLifecycle::TicketLifecycle(TicketState at) : machine_(std::make_unique<Machine>()) {
  machine_->initiate();
  // Restoring replays the shortest way from the initial state.
  switch (at) {
    case TicketState::Waiting:
      break;
    case TicketState::Called:
      machine_->process_event(Call());
      break;
    case TicketState::Serving:
      machine_->process_event(Call());
      machine_->process_event(Arrive());
      break;
    case TicketState::Done:
      machine_->process_event(End());
      break;
  }
}

TicketLifecycle::~TicketLifecycle() = default;
TicketLifecycle::TicketLifecycle(TicketLifecycle&&) noexcept = default;
TicketLifecycle& TicketLifecycle::operator=(TicketLifecycle&&) noexcept = default;

TicketState TicketLifecycle::state() const { return machine_->state_cast<const Where&>().where(); }

wf::Status TicketLifecycle::call() { return fire<Call>(*machine_, "call"); }
wf::Status TicketLifecycle::arrive() { return fire<Arrive>(*machine_, "serve"); }
wf::Status TicketLifecycle::requeue() { return fire<Requeue>(*machine_, "requeue"); }
wf::Status TicketLifecycle::end() { return fire<End>(*machine_, "end"); }

}  // namespace hall::domain
