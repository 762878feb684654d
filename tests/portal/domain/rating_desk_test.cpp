// RatingDesk on an engine with the repository's rating model and the SOCI
// rating store: a visit rated by its ticket's token and a case by its code;
// one rating each (a second is Conflict, nothing started); the served
// clerk cannot rate themself; a ticket not served cannot be rated; a poor
// rating opens 整改 for the managers; a rating whose process a crash cut
// short is started by resume().
#include "portal/domain/rating_desk.h"

#include <gtest/gtest.h>

#include "portal/store/soci_rating_store.h"
#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::domain {
namespace {

class FakeServices final : public RatedServices {
 public:
  wf::Result<RatedService> byTicketToken(const std::string& token) override {
    if (token == "served") return RatedService{"visit", "ticket-1", "A001", "", "W03", "clerk03"};
    if (token == "waiting") return wf::Status::conflict("ticketToken: 号 A002 尚未办理，不能评价");
    return wf::Status::notFound("ticketToken: no ticket has this status token");
  }
  wf::Result<RatedService> byCaseCode(const std::string& code) override {
    if (code != "31010520261129010000017") return wf::Status::notFound("caseCode: 没有办件");
    return RatedService{"case", code, "", "matter-food", "W01", "clerk01"};
  }
};

class RatingDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* file : {"/models/calendar/cn-mainland.xml", "/models/processes/rating.bpmn"}) {
      const std::string path = std::string(HALL_SOURCE_DIR) + file;
      ASSERT_TRUE(harness_.engine().deploy(path, hall::test::readFile(path)).ok()) << file;
    }
    harness_.engine().registerJobHandler("rating.submit", [](const wf::JobContext&) {
      return wf::Result<wf::Value>(wf::Value(wf::Object{{"ratingSource", wf::Value("hall")}}));
    });
    harness_.engine().startJobWorkers();
    auto store = hall::store::SociRatingStore::open(harness_.dbUrl());
    ASSERT_TRUE(store.ok()) << store.status().toString();
    store_ = std::move(store).value();
    desk_ = std::make_unique<RatingDesk>(harness_.engine(), services_, *store_, harness_.clock());
  }

  static RatingRequest byCase(int level) {
    RatingRequest r;
    r.case_code = "31010520261129010000017";
    r.level = level;
    r.channel = "web";
    r.comment = "太慢了";
    return r;
  }

  hall::test::EngineHarness harness_;
  FakeServices services_;
  std::unique_ptr<hall::store::SociRatingStore> store_;
  std::unique_ptr<RatingDesk> desk_;
};

TEST_F(RatingDeskTest, APoorRatingOfACaseStartsItsProcessAndOpensAFollowUp) {
  wf::Result<RatingRecord> taken = desk_->rate(byCase(1));
  ASSERT_TRUE(taken.ok()) << taken.status().toString();
  EXPECT_EQ(taken->subject_key, "case:31010520261129010000017");
  ASSERT_FALSE(taken->instance_id.empty());
  harness_.settle();
  const wf::InstanceInfo instance = harness_.instance(taken->instance_id);
  EXPECT_EQ(instance.business_key, taken->id);
  EXPECT_EQ(instance.variables.find("clerk")->asString(), "clerk01");
  EXPECT_EQ(instance.variables.find("matterCode")->asString(), "matter-food");
  EXPECT_EQ(instance.variables.find("ratingSource")->asString(), "hall");
  const auto tasks = harness_.tasksAt(taken->instance_id, "follow_up");
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_GT(tasks[0].due_at, tasks[0].created_at);
  auto kept = store_->find(taken->id);
  ASSERT_TRUE(kept.ok() && kept->has_value());
  EXPECT_EQ((*kept)->instance_id, taken->instance_id);
  EXPECT_EQ((*kept)->comment, "太慢了");

  wf::Result<RatingRecord> second = desk_->rate(byCase(5));
  EXPECT_EQ(second.status().code(), wf::StatusCode::Conflict);
}

TEST_F(RatingDeskTest, AVisitIsRatedByItsTicketOnceServedAndNotByItsClerk) {
  RatingRequest visit;
  visit.ticket_token = "served";
  visit.level = 4;
  visit.channel = "window";
  visit.caller = "clerk03";
  EXPECT_EQ(desk_->rate(visit).status().code(), wf::StatusCode::PermissionDenied);
  visit.caller = "clerk01";  // another clerk may rate the service they had
  wf::Result<RatingRecord> taken = desk_->rate(visit);
  ASSERT_TRUE(taken.ok()) << taken.status().toString();
  harness_.settle();
  const wf::InstanceInfo instance = harness_.instance(taken->instance_id);
  EXPECT_EQ(instance.variables.find("ticket")->asString(), "ticket-1");
  EXPECT_EQ(instance.variables.find("ticketNumber")->asString(), "A001");
  EXPECT_NE(instance.ended_at, 0) << "a good rating needs no follow-up";

  visit.ticket_token = "waiting";
  EXPECT_EQ(desk_->rate(visit).status().code(), wf::StatusCode::Conflict);
  visit.ticket_token = "nobody";
  EXPECT_EQ(desk_->rate(visit).status().code(), wf::StatusCode::NotFound);
}

TEST_F(RatingDeskTest, BadInputNamesItsFieldAndKeepsNothing) {
  const auto field = [&](RatingRequest r) {
    const wf::Status s = desk_->rate(r).status();
    const wf::Value* f = s.details().find("field");
    return f != nullptr ? f->asString() : s.toString();
  };
  RatingRequest both = byCase(3);
  both.ticket_token = "served";
  EXPECT_EQ(field(both), "ticketToken");
  RatingRequest none = byCase(3);
  none.case_code.clear();
  EXPECT_EQ(field(none), "ticketToken");
  EXPECT_EQ(field(byCase(0)), "level");
  EXPECT_EQ(field(byCase(6)), "level");
  RatingRequest no_level = byCase(3);
  no_level.level.reset();
  EXPECT_EQ(field(no_level), "level");
  RatingRequest fax = byCase(3);
  fax.channel = "fax";
  EXPECT_EQ(field(fax), "channel");
  RatingRequest long_comment = byCase(3);
  long_comment.comment.clear();
  for (int i = 0; i < 501; ++i) long_comment.comment += "慢";
  EXPECT_EQ(field(long_comment), "comment");
  auto unstarted = store_->unstarted(10);
  ASSERT_TRUE(unstarted.ok());
  EXPECT_TRUE(unstarted->empty());
  EXPECT_TRUE(desk_->rate(byCase(3)).ok()) << "nothing was kept by the refusals";
}

TEST_F(RatingDeskTest, ARatingKeptWithoutItsProcessIsStartedAtResume) {
  RatingRecord orphan;
  orphan.id = "rt-orphan";
  orphan.subject_key = "case:31010520261129010000099";
  orphan.service = RatedService{"case", "31010520261129010000099", "", "matter-food", "W01", "c1"};
  orphan.level = 2;
  orphan.channel = "app";
  orphan.rated_at = 1'790'812'800'000;
  ASSERT_TRUE(store_->insert(orphan).isOk());
  wf::Result<int> resumed = desk_->resume();
  ASSERT_TRUE(resumed.ok()) << resumed.status().toString();
  EXPECT_EQ(*resumed, 1);
  auto kept = store_->find("rt-orphan");
  ASSERT_TRUE(kept.ok() && kept->has_value());
  ASSERT_FALSE((*kept)->instance_id.empty());
  harness_.settle();
  EXPECT_EQ(harness_.tasksAt((*kept)->instance_id, "follow_up").size(), 1u);
  EXPECT_EQ(*desk_->resume(), 0);
}

}  // namespace
}  // namespace hall::domain
