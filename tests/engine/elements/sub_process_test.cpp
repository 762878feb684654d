#include <gtest/gtest.h>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;

TEST(SubProcess, RunsItsInnerFlowAndCompletesWhenItEnds) {
  EngineHarness h;
  h.deploy("runtime/sub_process.bpmn");
  const wf::InstanceInfo i = h.start("sub_process");
  EXPECT_EQ(i.active_activity_ids, Ids{"inner"});
  h.completeTaskAt(i.id, "inner");
  EXPECT_EQ(h.instance(i.id).active_activity_ids, Ids{"after"});
  h.completeTaskAt(i.id, "after");
  EXPECT_EQ(h.instance(i.id).state, wf::InstanceState::Completed);
}

TEST(SubProcess, ResultsOfInnerTasksGoToTheProcessUnlessDefinedInside) {
  EngineHarness h;
  h.deploy("runtime/sub_process.bpmn");
  const wf::InstanceInfo i = h.start("sub_process");
  // The script's result variable is not defined in the sub-process, so it is
  // set on the process.
  EXPECT_EQ(i.variables.find("counter")->asNumber(), 10);
}

}  // namespace
}  // namespace hall::test
