// Messages: receive tasks, catch events and boundary events correlated by
// name and key; a message start event; buffering with a time to live; and
// message ids that take effect once.
#include <gtest/gtest.h>

#include "support/engine_harness.h"

namespace hall::test {
namespace {

using Ids = std::vector<std::string>;
using namespace std::chrono_literals;

class MessageEvents : public ::testing::Test {
 protected:
  void SetUp() override {
    h_.deploy("runtime/messages.bpmn");
    h_.deploy("runtime/message_start.bpmn");
  }
  Ids active(const std::string& id) { return h_.instance(id).active_activity_ids; }

  EngineHarness h_;
};

TEST_F(MessageEvents, AReceiveTaskTakesOnlyTheMessageWithItsKey) {
  const std::string a = h_.start("await_payment", R"({"caseCode": "C-1"})").id;
  const std::string b = h_.start("await_payment", R"({"caseCode": "C-2"})").id;

  auto r = h_.message("payment-confirmed", "C-2", R"({"amount": 120})");
  ASSERT_TRUE(r.ok()) << r.status().toString();
  EXPECT_EQ(r->outcome, "correlated");
  EXPECT_EQ(r->instance_id, b);
  EXPECT_EQ(active(a), Ids{"await_paid"});
  EXPECT_EQ(active(b), Ids{"await_signed"});
  EXPECT_EQ(h_.instance(b).variables.find("amount")->asNumber(), 120);

  // The receive task has moved on: the same message again finds nothing.
  auto again = h_.message("payment-confirmed", "C-2");
  EXPECT_EQ(again.status().code(), wf::StatusCode::NotFound);

  ASSERT_TRUE(h_.message("signed", "C-2").ok());
  EXPECT_EQ(h_.instance(b).state, wf::InstanceState::Completed);
  EXPECT_TRUE(h_.engine().verifyHistory(b).isOk());
}

TEST_F(MessageEvents, AMessageThatMatchesNothingIsRefusedAndKeptNowhere) {
  h_.start("await_payment", R"({"caseCode": "C-1"})");
  auto r = h_.message("payment-confirmed", "C-404");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), wf::StatusCode::NotFound);
  EXPECT_NE(r.status().message().find("C-404"), std::string::npos);
  // Not kept: an instance that waits for that key later does not get it.
  const std::string late = h_.start("await_payment", R"({"caseCode": "C-404"})").id;
  EXPECT_EQ(active(late), Ids{"await_paid"});
}

TEST_F(MessageEvents, ANumericKeyMatchesItsText) {
  const std::string id = h_.start("await_payment", R"({"caseCode": 310105})").id;
  ASSERT_TRUE(h_.message("payment-confirmed", "310105").ok());
  EXPECT_EQ(active(id), Ids{"await_signed"});
}

TEST_F(MessageEvents, ANonInterruptingBoundaryMessageRunsBesideAndCanComeAgain) {
  const std::string id = h_.start("await_payment", R"({"caseCode": "C-1"})").id;
  ASSERT_TRUE(h_.message("reminder-requested", "C-1").ok());
  EXPECT_EQ(active(id), (Ids{"await_paid", "remind"}));
  ASSERT_TRUE(h_.message("reminder-requested", "C-1").ok());
  EXPECT_EQ(active(id), (Ids{"await_paid", "remind", "remind"}));
  // The host goes on, and its boundary subscriptions close with it.
  ASSERT_TRUE(h_.message("payment-confirmed", "C-1").ok());
  EXPECT_EQ(h_.message("reminder-requested", "C-1").status().code(), wf::StatusCode::NotFound);
}

TEST_F(MessageEvents, AnInterruptingBoundaryMessageEndsTheTask) {
  const std::string id = h_.start("await_payment", R"({"caseCode": "C-9"})").id;
  ASSERT_TRUE(h_.message("case-withdrawn", "C-9").ok());
  EXPECT_EQ(h_.instance(id).state, wf::InstanceState::Completed);
  EXPECT_TRUE(h_.reached(id, "end_withdrawn"));
  EXPECT_FALSE(h_.reached(id, "await_signed"));
  EXPECT_EQ(h_.message("payment-confirmed", "C-9").status().code(), wf::StatusCode::NotFound);
}

TEST_F(MessageEvents, AMessageStartEventStartsAnInstanceKeyedByTheCorrelationKey) {
  auto r = h_.message("online-application-submitted", "WEB-7", R"({"applicant": "张三"})");
  ASSERT_TRUE(r.ok()) << r.status().toString();
  EXPECT_EQ(r->outcome, "started");
  const wf::InstanceInfo started = h_.instance(r->instance_id);
  EXPECT_EQ(started.business_key, "WEB-7");
  EXPECT_EQ(started.active_activity_ids, Ids{"intake"});
  EXPECT_EQ(started.variables.find("applicant")->asString(), "张三");
  // A process that starts only by a message cannot be started without one.
  auto plain = h_.engine().startInstance("online_application", json("{}"));
  EXPECT_EQ(plain.status().code(), wf::StatusCode::InvalidArgument);
}

TEST_F(MessageEvents, AnEarlyMessageWaitsForItsTimeToLive) {
  auto early = h_.message("signed", "C-5", R"({"signedBy": "李四"})", "msg-1", 60'000);
  ASSERT_TRUE(early.ok()) << early.status().toString();
  EXPECT_EQ(early->outcome, "buffered");
  const std::string id = h_.start("await_payment", R"({"caseCode": "C-5"})").id;
  ASSERT_TRUE(h_.message("payment-confirmed", "C-5").ok());
  // The catch event opened, found the buffered message and went on.
  EXPECT_EQ(h_.instance(id).state, wf::InstanceState::Completed);
  EXPECT_EQ(h_.instance(id).variables.find("signedBy")->asString(), "李四");
  // Taken once: a second instance does not get it.
  const std::string other = h_.start("await_payment", R"({"caseCode": "C-5"})").id;
  ASSERT_TRUE(h_.message("payment-confirmed", "C-5").ok());
  EXPECT_EQ(active(other), Ids{"await_signed"});
}

TEST_F(MessageEvents, ABufferedMessageExpires) {
  ASSERT_TRUE(h_.message("signed", "C-6", "{}", {}, 60'000).ok());
  h_.clock().advance(61s);
  const std::string id = h_.start("await_payment", R"({"caseCode": "C-6"})").id;
  ASSERT_TRUE(h_.message("payment-confirmed", "C-6").ok());
  EXPECT_EQ(active(id), Ids{"await_signed"});
}

TEST_F(MessageEvents, TheSameMessageIdCorrelatesOnce) {
  const std::string a = h_.start("await_payment", R"({"caseCode": "C-1"})").id;
  auto first = h_.message("reminder-requested", "C-1", "{}", "cb-42");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->outcome, "correlated");
  auto second = h_.message("reminder-requested", "C-1", "{}", "cb-42");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->outcome, "duplicate");
  EXPECT_NE(second->first.find(a), std::string::npos);
  EXPECT_EQ(active(a), (Ids{"await_paid", "remind"}));  // one reminder, not two
}

TEST_F(MessageEvents, BadRequestsNameTheField) {
  auto no_name = h_.message("", "C-1");
  EXPECT_EQ(no_name.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(no_name.status().message().find("name"), std::string::npos);
  wf::MessageRequest m;
  m.name = "signed";
  m.variables = json("[1]");
  auto bad_vars = h_.engine().correlateMessage(m);
  EXPECT_EQ(bad_vars.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(bad_vars.status().message().find("variables"), std::string::npos);
}

TEST_F(MessageEvents, SubscriptionsSurviveARestart) {
  const std::string id = h_.start("await_payment", R"({"caseCode": "C-3"})").id;
  h_.reopen();
  ASSERT_TRUE(h_.message("payment-confirmed", "C-3").ok());
  EXPECT_EQ(active(id), Ids{"await_signed"});
}

TEST_F(MessageEvents, ACancelledInstanceStopsWaiting) {
  const std::string id = h_.start("await_payment", R"({"caseCode": "C-4"})").id;
  ASSERT_TRUE(h_.engine().cancelInstance(id, "撤件").isOk());
  EXPECT_EQ(h_.message("payment-confirmed", "C-4").status().code(), wf::StatusCode::NotFound);
}

}  // namespace
}  // namespace hall::test
