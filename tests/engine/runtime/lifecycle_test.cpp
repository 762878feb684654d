// The persisted lifecycles are transition tables; an illegal move is an
// error and leaves the state as it was.
#include "runtime/lifecycle.h"

#include <gtest/gtest.h>

namespace wf::runtime {
namespace {

TEST(Lifecycle, ElementInstanceMovesOnlyForward) {
  ElementState s = ElementState::Activating;
  EXPECT_TRUE(transition(s, ElementState::Active, "element").isOk());
  EXPECT_TRUE(transition(s, ElementState::Completing, "element").isOk());
  EXPECT_TRUE(transition(s, ElementState::Completed, "element").isOk());
  const Status back = transition(s, ElementState::Active, "element");
  EXPECT_EQ(back.code(), StatusCode::Internal);
  EXPECT_EQ(back.message(), "illegal transition of element from completed to active");
  EXPECT_EQ(s, ElementState::Completed);
}

TEST(Lifecycle, AnIncidentCanBeResolvedOrTerminated) {
  EXPECT_TRUE(canTransition(ElementState::Active, ElementState::Incident));
  EXPECT_TRUE(canTransition(ElementState::Incident, ElementState::Active));
  EXPECT_TRUE(canTransition(ElementState::Incident, ElementState::Terminated));
  EXPECT_FALSE(canTransition(ElementState::Incident, ElementState::Completed));
  EXPECT_FALSE(canTransition(ElementState::Terminated, ElementState::Active));
}

TEST(Lifecycle, AnEndedInstanceStaysEnded) {
  InstanceState s = InstanceState::Active;
  EXPECT_TRUE(transition(s, InstanceState::Completed, "instance").isOk());
  EXPECT_FALSE(transition(s, InstanceState::Terminated, "instance").isOk());
  EXPECT_FALSE(transition(s, InstanceState::Active, "instance").isOk());
  EXPECT_EQ(s, InstanceState::Completed);
}

TEST(Lifecycle, TasksAreClaimedAndCompletedOnce) {
  EXPECT_TRUE(canTransition(TaskState::Created, TaskState::Claimed));
  EXPECT_TRUE(canTransition(TaskState::Claimed, TaskState::Created));  // unclaim
  EXPECT_TRUE(canTransition(TaskState::Claimed, TaskState::Completed));
  EXPECT_FALSE(canTransition(TaskState::Completed, TaskState::Completed));
  EXPECT_FALSE(canTransition(TaskState::Cancelled, TaskState::Claimed));
}

TEST(Lifecycle, JobsRetryFromFailedButNotFromCompleted) {
  EXPECT_TRUE(canTransition(JobState::Pending, JobState::Running));
  EXPECT_TRUE(canTransition(JobState::Running, JobState::Failed));
  EXPECT_TRUE(canTransition(JobState::Failed, JobState::Pending));
  EXPECT_FALSE(canTransition(JobState::Completed, JobState::Pending));
  EXPECT_FALSE(canTransition(JobState::Cancelled, JobState::Running));
}

}  // namespace
}  // namespace wf::runtime
