// Migrating running instances to a newer version of their model: an
// activity mapping, checked as a whole before anything moves.
#include <gtest/gtest.h>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;

class Migration : public ::testing::Test {
 protected:
  void SetUp() override {
    h_.deploy("runtime/migration_v1.bpmn");
    id_ = h_.start("permit", R"({"caseCode": "P-1"})").id;
    h_.deploy("runtime/migration_v2.bpmn");
  }
  EngineHarness h_;
  std::string id_;
};

TEST_F(Migration, AMappedTaskMovesWithItsTaskAndFollowsTheNewVersion) {
  const std::string task = h_.tasksAt(id_, "review").at(0).id;
  auto migrated = h_.engine().migrateInstance(id_, 2, {{"review", "check"}});
  ASSERT_TRUE(migrated.ok()) << migrated.status().toString();
  EXPECT_EQ(migrated->version, 2);
  EXPECT_EQ(migrated->active_activity_ids, Ids{"check"});
  auto moved = h_.engine().task(task);  // the same task, now of its new element
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->element_id, "check");
  // The new version's boundary event waits now.
  ASSERT_TRUE(h_.message("review-reminder", "P-1").ok());
  EXPECT_EQ(h_.instance(id_).active_activity_ids, Ids{"check"});
  EXPECT_TRUE(h_.reached(id_, "end_remind"));
  ASSERT_TRUE(h_.engine().completeTask(task, json("{}")).isOk());
  EXPECT_EQ(h_.instance(id_).active_activity_ids, Ids{"sign"});
  EXPECT_TRUE(h_.engine().verifyHistory(id_).isOk());
}

TEST_F(Migration, AnUnmappedActivityWithoutCounterpartIsRefusedAndNothingMoves) {
  auto refused = h_.engine().migrateInstance(id_, 2, {});
  ASSERT_EQ(refused.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(refused.status().message().find("'review' has no counterpart"), std::string::npos)
      << refused.status().message();
  EXPECT_EQ(h_.instance(id_).version, 1);
  EXPECT_EQ(h_.instance(id_).active_activity_ids, Ids{"review"});
}

TEST_F(Migration, EveryProblemIsListed) {
  auto refused = h_.engine().migrateInstance(id_, 2, {{"review", "notify"}, {"ghost", "sign"}});
  ASSERT_EQ(refused.status().code(), wf::StatusCode::InvalidArgument);
  const wf::Value* problems = refused.status().details().find("problems");
  ASSERT_NE(problems, nullptr);
  ASSERT_EQ(problems->asArray().size(), 2u) << refused.status().message();
  EXPECT_NE(refused.status().message().find("'ghost'"), std::string::npos);
  EXPECT_NE(refused.status().message().find("'notify' is a serviceTask"), std::string::npos);
  EXPECT_EQ(h_.instance(id_).version, 1);
  // Still works under its own version.
  h_.completeTaskAt(id_, "review");
  EXPECT_EQ(h_.instance(id_).state, wf::InstanceState::Completed);
}

TEST_F(Migration, AnUnknownVersionIsNotFound) {
  EXPECT_EQ(h_.engine().migrateInstance(id_, 7, {}).status().code(), wf::StatusCode::NotFound);
}

}  // namespace
}  // namespace hall::test
