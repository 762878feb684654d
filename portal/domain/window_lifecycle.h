// WindowLifecycle: what a window is doing, as a Boost.Statechart machine.
//
//   offline ──sign in──▶ idle ──call──▶ calling ──arrive──▶ serving
//                       ▲ │ ▲             │                    │
//                       │ │ └──no-show────┘                    │
//                       │ │ └──────────end / transfer──────────┘
//            resume ────┘ └──pause──▶ paused
//   idle, paused ──sign out──▶ offline
//
// Calling again (a recall) keeps the window calling. An event the current
// state does not take is refused with Conflict and changes nothing.
// Thread-safety: none; the owner serialises access.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "wf/status.h"

namespace hall::domain {

enum class WindowState { Offline, Idle, Calling, Serving, Paused };

const char* windowStateName(WindowState state);
std::optional<WindowState> windowStateFromName(std::string_view name);

class WindowLifecycle {
 public:
  explicit WindowLifecycle(WindowState at = WindowState::Offline);
  ~WindowLifecycle();
  WindowLifecycle(WindowLifecycle&&) noexcept;
  WindowLifecycle& operator=(WindowLifecycle&&) noexcept;

  WindowState state() const;

  wf::Status signIn();   // offline → idle
  wf::Status call();     // idle → calling
  wf::Status arrive();   // calling → serving
  wf::Status release();  // calling (no-show) or serving (end, transfer) → idle
  wf::Status pause();    // idle → paused
  wf::Status resume();   // paused → idle
  wf::Status signOut();  // idle or paused → offline

  // The Boost.Statechart machine, defined where its states are.
  struct Machine;

 private:
  std::unique_ptr<Machine> machine_;
};

}  // namespace hall::domain
