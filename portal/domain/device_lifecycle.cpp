#include "portal/domain/device_lifecycle.h"

#include <boost/mpl/list.hpp>
#include <boost/statechart/custom_reaction.hpp>
#include <boost/statechart/event.hpp>
#include <boost/statechart/simple_state.hpp>
#include <boost/statechart/state_machine.hpp>
#include <boost/statechart/transition.hpp>
#include <set>
#include <utility>

namespace hall::domain {

namespace sc = boost::statechart;
namespace mpl = boost::mpl;

// The events and states. A named namespace, though only this file uses it:
// DeviceLifecycleMachine, declared in the header, derives from templates of
// these types, which an anonymous namespace would not allow.
namespace device_lifecycle {

struct Registered : sc::event<Registered> {};
struct FaultReported : sc::event<FaultReported> {
  explicit FaultReported(std::string c) : code(std::move(c)) {}
  std::string code;
};
struct FaultCleared : sc::event<FaultCleared> {
  explicit FaultCleared(std::string c) : code(std::move(c)) {}
  std::string code;
};
struct Disconnected : sc::event<Disconnected> {};

struct Offline;
struct Online;
struct Faulty;

}  // namespace device_lifecycle

using namespace device_lifecycle;  // NOLINT: this file is the lifecycle

struct DeviceLifecycleMachine : sc::state_machine<DeviceLifecycleMachine, Offline> {
  std::set<std::string> faults;
  // Set when the last event found no reaction in the current state.
  bool refused = false;

  // Boost.Statechart calls this (instead of changing anything) for an event
  // the current state has no reaction to.
  void unconsumed_event(const sc::event_base&) { refused = true; }
  void forgetFaults(const Disconnected&) { faults.clear(); }
};

namespace device_lifecycle {

using Machine = DeviceLifecycleMachine;

struct Offline : sc::simple_state<Offline, Machine> {
  using reactions = sc::transition<Registered, Online>;
};

struct Online : sc::simple_state<Online, Machine> {
  using reactions =
      mpl::list<sc::custom_reaction<FaultReported>, sc::custom_reaction<FaultCleared>,
                sc::transition<Disconnected, Offline, Machine, &Machine::forgetFaults>>;

  sc::result react(const FaultReported& event) {
    context<Machine>().faults.insert(event.code);
    return transit<Faulty>();
  }
  // Nothing to clear: taken, and nothing changes.
  sc::result react(const FaultCleared&) { return discard_event(); }
};

struct Faulty : sc::simple_state<Faulty, Machine> {
  using reactions =
      mpl::list<sc::custom_reaction<FaultReported>, sc::custom_reaction<FaultCleared>,
                sc::transition<Disconnected, Offline, Machine, &Machine::forgetFaults>>;

  sc::result react(const FaultReported& event) {
    context<Machine>().faults.insert(event.code);
    return discard_event();
  }
  sc::result react(const FaultCleared& event) {
    std::set<std::string>& faults = context<Machine>().faults;
    faults.erase(event.code);
    return faults.empty() ? transit<Online>() : discard_event();
  }
};

}  // namespace device_lifecycle

namespace {

wf::Status process(DeviceLifecycleMachine& machine, const sc::event_base& event,
                   const std::string& what, DeviceLifecycle::State before) {
  machine.refused = false;
  machine.process_event(event);
  if (!machine.refused) return wf::Status::ok();
  return wf::Status::conflict(std::string("device lifecycle: ") + deviceStateName(before) +
                              " does not take " + what);
}

}  // namespace

DeviceLifecycle::DeviceLifecycle() : machine_(std::make_unique<DeviceLifecycleMachine>()) {
  machine_->initiate();
}
DeviceLifecycle::~DeviceLifecycle() = default;
DeviceLifecycle::DeviceLifecycle(DeviceLifecycle&&) noexcept = default;
DeviceLifecycle& DeviceLifecycle::operator=(DeviceLifecycle&&) noexcept = default;

DeviceLifecycle::State DeviceLifecycle::state() const {
  if (machine_->state_cast<const Faulty*>() != nullptr) return State::Fault;
  if (machine_->state_cast<const Online*>() != nullptr) return State::Online;
  return State::Offline;
}

std::vector<std::string> DeviceLifecycle::faults() const {
  return {machine_->faults.begin(), machine_->faults.end()};
}

wf::Status DeviceLifecycle::registered() {
  return process(*machine_, Registered(), "registered", state());
}

wf::Status DeviceLifecycle::faultReported(const std::string& code) {
  return process(*machine_, FaultReported(code), "fault " + code, state());
}

wf::Status DeviceLifecycle::faultCleared(const std::string& code) {
  return process(*machine_, FaultCleared(code), "fault-cleared " + code, state());
}

wf::Status DeviceLifecycle::disconnected() {
  return process(*machine_, Disconnected(), "disconnected", state());
}

const char* deviceStateName(DeviceLifecycle::State state) {
  switch (state) {
    case DeviceLifecycle::State::Offline:
      return "offline";
    case DeviceLifecycle::State::Online:
      return "online";
    case DeviceLifecycle::State::Fault:
      return "fault";
  }
  return "offline";
}

}  // namespace hall::domain
