#include "portal/domain/window_lifecycle.h"

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

struct SignIn : sc::event<SignIn> {};
struct Call : sc::event<Call> {};
struct Arrive : sc::event<Arrive> {};
struct Release : sc::event<Release> {};
struct Pause : sc::event<Pause> {};
struct Resume : sc::event<Resume> {};
struct SignOut : sc::event<SignOut> {};

struct Where {
  virtual ~Where() = default;
  virtual WindowState where() const = 0;
};

struct Offline;
struct Idle;
struct Calling;
struct Serving;
struct Paused;

}  // namespace

struct WindowLifecycle::Machine : sc::state_machine<Machine, Offline> {
  bool refused = false;
  void unconsumed_event(const sc::event_base&) { refused = true; }
};

namespace {

struct Offline : sc::simple_state<Offline, WindowLifecycle::Machine>, Where {
  using reactions = sc::transition<SignIn, Idle>;
  WindowState where() const override { return WindowState::Offline; }
};
struct Idle : sc::simple_state<Idle, WindowLifecycle::Machine>, Where {
  using reactions = boost::mpl::list<sc::transition<Call, Calling>, sc::transition<Pause, Paused>,
                                     sc::transition<SignOut, Offline>>;
  WindowState where() const override { return WindowState::Idle; }
};
struct Calling : sc::simple_state<Calling, WindowLifecycle::Machine>, Where {
  using reactions =
      boost::mpl::list<sc::transition<Arrive, Serving>, sc::transition<Release, Idle>>;
  WindowState where() const override { return WindowState::Calling; }
};
struct Serving : sc::simple_state<Serving, WindowLifecycle::Machine>, Where {
  using reactions = sc::transition<Release, Idle>;
  WindowState where() const override { return WindowState::Serving; }
};
struct Paused : sc::simple_state<Paused, WindowLifecycle::Machine>, Where {
  using reactions =
      boost::mpl::list<sc::transition<Resume, Idle>, sc::transition<SignOut, Offline>>;
  WindowState where() const override { return WindowState::Paused; }
};

template <typename Event>
wf::Status fire(WindowLifecycle::Machine& machine, const char* what) {
  return fireLifecycleEvent<Event, Where>(machine, what, [](const char* what, WindowState state) {
    return std::string("window: cannot ") + what + " while " + windowStateName(state);
  });
}

}  // namespace

const char* windowStateName(WindowState state) {
  switch (state) {
    case WindowState::Offline:
      return "offline";
    case WindowState::Idle:
      return "idle";
    case WindowState::Calling:
      return "calling";
    case WindowState::Serving:
      return "serving";
    case WindowState::Paused:
      return "paused";
  }
  return "offline";
}

std::optional<WindowState> windowStateFromName(std::string_view name) {
  for (WindowState s : {WindowState::Offline, WindowState::Idle, WindowState::Calling,
                        WindowState::Serving, WindowState::Paused}) {
    if (name == windowStateName(s)) return s;
  }
  return std::nullopt;
}

WindowLifecycle::WindowLifecycle(WindowState at) : machine_(std::make_unique<Machine>()) {
  machine_->initiate();
  if (at == WindowState::Offline) return;
  machine_->process_event(SignIn());
  switch (at) {
    case WindowState::Calling:
      machine_->process_event(Call());
      break;
    case WindowState::Serving:
      machine_->process_event(Call());
      machine_->process_event(Arrive());
      break;
    case WindowState::Paused:
      machine_->process_event(Pause());
      break;
    default:
      break;
  }
}

WindowLifecycle::~WindowLifecycle() = default;
WindowLifecycle::WindowLifecycle(WindowLifecycle&&) noexcept = default;
WindowLifecycle& WindowLifecycle::operator=(WindowLifecycle&&) noexcept = default;

WindowState WindowLifecycle::state() const { return machine_->state_cast<const Where&>().where(); }

wf::Status WindowLifecycle::signIn() { return fire<SignIn>(*machine_, "sign in"); }
wf::Status WindowLifecycle::call() { return fire<Call>(*machine_, "call"); }
wf::Status WindowLifecycle::arrive() { return fire<Arrive>(*machine_, "start serving"); }
wf::Status WindowLifecycle::release() { return fire<Release>(*machine_, "end"); }
wf::Status WindowLifecycle::pause() { return fire<Pause>(*machine_, "pause"); }
wf::Status WindowLifecycle::resume() { return fire<Resume>(*machine_, "resume"); }
wf::Status WindowLifecycle::signOut() { return fire<SignOut>(*machine_, "sign out"); }

}  // namespace hall::domain
