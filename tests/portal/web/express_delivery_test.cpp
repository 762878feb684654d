// 出证 by express, end to end: the real `hall serve --city` and the real
// `hall-citysim` calling it back. A food case approved by its departments
// gets its licence; the clerk hands it over by express to a recipient (bad
// recipients refused naming the field, nothing changed); the hall makes the
// waybill through its outbox and the case shows it; the platform's signed
// callbacks (collected, then delivered) finish the case. With the
// simulator's faults: duplicate callbacks have one effect, out-of-order
// ones (delivered first) finish the case with one effect, and tampered ones
// are refused with 401 and change nothing.
#include "portal/web/express_delivery_fixture.h"

namespace portal::web {
namespace {

class ExpressDeliveryTest : public ExpressDeliveryFixture {};

TEST_F(ExpressDeliveryTest, ACaseSentByExpressGetsAWaybillAndTheCallbacksFinishIt) {
  const IssuedCase c = issuedCase();
  ASSERT_FALSE(c.hand_over_task.empty());
  // A recipient is needed and checked; a refused one changes nothing.
  EXPECT_EQ(handOver(c, R"({"delivery": "express"})").errorField(), "recipient");
  EXPECT_EQ(handOver(c, R"({"delivery": "express", "recipient": {"name": "李四",
              "phone": "12345", "address": "长宁路1号", "district": "长宁区"}})")
                .errorField(),
            "recipient.phone");
  EXPECT_EQ(handOver(c, R"({"delivery": "express", "recipient": {"name": "李四",
              "phone": "13812345678", "district": "长宁区"}})")
                .errorField(),
            "recipient.address");
  EXPECT_EQ(system().get("/api/v1/tasks/" + c.hand_over_task).json.find("state")->asString(),
            "created");

  const std::string waybill = sentByExpress(c);
  testing::Reply view = caseView(c);
  EXPECT_EQ(view.json.find("stage")->asString(), "delivering") << view.body;
  EXPECT_EQ(deliveryMember(c, "status"), "created");
  EXPECT_EQ(view.json.find("delivery")->find("recipient")->find("phoneMasked")->asString(),
            "138****5678");
  EXPECT_EQ(view.body.find("13812345678"), std::string::npos) << "the phone is never in clear";
  EXPECT_EQ(view.body.find("长宁路1号"), std::string::npos) << "nor the address";

  expectAnswered(advance(waybill, "collected"), 200);
  EXPECT_EQ(deliveryMember(c, "status"), "collected");
  EXPECT_FALSE(ended(c));
  expectAnswered(advance(waybill, "delivered"), 200);
  // The case ends once its side branches (the notices) are done too.
  EXPECT_TRUE(eventually([&] { return ended(c); }));
  view = caseView(c);
  EXPECT_EQ(view.json.find("stage")->asString(), "done");
  EXPECT_EQ(deliveryMember(c, "status"), "delivered");
  EXPECT_EQ(deliveryMember(c, "waybillNo"), waybill);
}

TEST_F(ExpressDeliveryTest, DuplicateAndOutOfOrderCallbacksHaveOneEffect) {
  // The reference: each callback once, in order.
  const IssuedCase plain = issuedCase();
  ASSERT_FALSE(plain.hand_over_task.empty());
  const std::string plain_waybill = sentByExpress(plain);
  expectAnswered(advance(plain_waybill, "delivered"), 200);
  ASSERT_TRUE(eventually([&] { return ended(plain); }));
  const std::map<std::string, int> once = deliveryHistory(plain);
  EXPECT_EQ(once.at("on_collected:element-completed"), 1) << "collected is noted";

  // Each callback twice: the second of each is a duplicate, no second effect.
  simControl("PUT", "/_sim/faults/express", R"({"duplicateCallbacks": true})");
  const IssuedCase doubled = issuedCase();
  ASSERT_FALSE(doubled.hand_over_task.empty());
  const std::string doubled_waybill = sentByExpress(doubled);
  const auto twice = advance(doubled_waybill, "delivered");
  expectAnswered(twice, 200);
  EXPECT_EQ(twice.json.find("callbacks")->asArray().size(), 6u);
  EXPECT_TRUE(eventually([&] { return ended(doubled); }));
  EXPECT_EQ(deliveryHistory(doubled), once);

  // Delivered first, collected last: the case finishes on delivered, and
  // the late collected and in-transit change nothing.
  simControl("PUT", "/_sim/faults/express", R"({"outOfOrderCallbacks": true})");
  const IssuedCase reordered = issuedCase();
  ASSERT_FALSE(reordered.hand_over_task.empty());
  const std::string reordered_waybill = sentByExpress(reordered);
  EXPECT_TRUE(advance(reordered_waybill, "collected").json.find("callbacks")->asArray().empty());
  const auto late = advance(reordered_waybill, "delivered");
  expectAnswered(late, 200);
  EXPECT_EQ(late.json.find("callbacks")->asArray()[0].find("event")->asString(), "delivered");
  EXPECT_TRUE(eventually([&] { return ended(reordered); }));
  EXPECT_EQ(deliveryMember(reordered, "status"), "delivered");
  const std::map<std::string, int> reordered_history = deliveryHistory(reordered);
  EXPECT_EQ(reordered_history.count("on_collected:element-completed"), 0u);
  EXPECT_EQ(reordered_history.at("await_delivered:element-completed"), 1);
  EXPECT_EQ(reordered_history.at("issued:element-completed"), 1);
}

TEST_F(ExpressDeliveryTest, TamperedCallbacksAreRefusedAndChangeNothing) {
  expectTamperedDeliveryRefused();
}

}  // namespace
}  // namespace portal::web
