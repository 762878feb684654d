#include <gtest/gtest.h>

#include "portal/domain/ticket_lifecycle.h"
#include "portal/domain/window_lifecycle.h"

namespace hall::domain {
namespace {

TEST(TicketLifecycle, GoesTheVisitorsWayAndRefusesEveryOtherMove) {
  TicketLifecycle t;
  EXPECT_EQ(t.state(), TicketState::Waiting);
  EXPECT_EQ(t.arrive().code(), wf::StatusCode::Conflict);
  EXPECT_EQ(t.requeue().code(), wf::StatusCode::Conflict);
  EXPECT_EQ(t.state(), TicketState::Waiting);
  ASSERT_TRUE(t.call().isOk());
  EXPECT_EQ(t.call().code(), wf::StatusCode::Conflict);
  ASSERT_TRUE(t.requeue().isOk());  // a no-show given one more turn
  ASSERT_TRUE(t.call().isOk());
  ASSERT_TRUE(t.arrive().isOk());
  EXPECT_EQ(t.state(), TicketState::Serving);
  ASSERT_TRUE(t.requeue().isOk());  // a transfer
  ASSERT_TRUE(t.call().isOk());
  ASSERT_TRUE(t.arrive().isOk());
  ASSERT_TRUE(t.end().isOk());
  EXPECT_EQ(t.state(), TicketState::Done);
  for (auto move : {&TicketLifecycle::call, &TicketLifecycle::arrive, &TicketLifecycle::requeue,
                    &TicketLifecycle::end}) {
    EXPECT_EQ((t.*move)().code(), wf::StatusCode::Conflict);
  }
  EXPECT_EQ(t.state(), TicketState::Done);
}

TEST(TicketLifecycle, StartsWhereTheStoreSaysAndNamesItsStates) {
  for (TicketState s :
       {TicketState::Waiting, TicketState::Called, TicketState::Serving, TicketState::Done}) {
    EXPECT_EQ(TicketLifecycle(s).state(), s);
    EXPECT_EQ(ticketStateFromName(ticketStateName(s)), s);
  }
  EXPECT_FALSE(ticketStateFromName("lost").has_value());
}

TEST(WindowLifecycle, GoesTheClerksWayAndRefusesEveryOtherMove) {
  WindowLifecycle w;
  EXPECT_EQ(w.state(), WindowState::Offline);
  EXPECT_EQ(w.call().code(), wf::StatusCode::Conflict);
  EXPECT_EQ(w.pause().code(), wf::StatusCode::Conflict);
  ASSERT_TRUE(w.signIn().isOk());
  EXPECT_EQ(w.release().code(), wf::StatusCode::Conflict);
  ASSERT_TRUE(w.pause().isOk());
  EXPECT_EQ(w.call().code(), wf::StatusCode::Conflict);
  ASSERT_TRUE(w.resume().isOk());
  ASSERT_TRUE(w.call().isOk());
  EXPECT_EQ(w.signOut().code(), wf::StatusCode::Conflict);
  EXPECT_EQ(w.pause().code(), wf::StatusCode::Conflict);
  ASSERT_TRUE(w.release().isOk());  // a no-show
  ASSERT_TRUE(w.call().isOk());
  ASSERT_TRUE(w.arrive().isOk());
  EXPECT_EQ(w.state(), WindowState::Serving);
  EXPECT_EQ(w.call().code(), wf::StatusCode::Conflict);
  ASSERT_TRUE(w.release().isOk());
  ASSERT_TRUE(w.signOut().isOk());
  EXPECT_EQ(w.state(), WindowState::Offline);
}

TEST(WindowLifecycle, StartsWhereTheStoreSaysAndNamesItsStates) {
  for (WindowState s : {WindowState::Offline, WindowState::Idle, WindowState::Calling,
                        WindowState::Serving, WindowState::Paused}) {
    EXPECT_EQ(WindowLifecycle(s).state(), s);
    EXPECT_EQ(windowStateFromName(windowStateName(s)), s);
  }
}

}  // namespace
}  // namespace hall::domain
