// 好差评 of a visit through the hall's API against the real `hall serve
// --city --demo` (its queues open all day) and the real simulator: a ticket
// is rated with its status token (the slip's QR code) once it was served —
// not before, and not by the clerk who served it — and the rating reaches
// 市好差评 with the window and the clerk.
#include <gtest/gtest.h>

#include "portal/city/city_hall.h"

namespace portal::web {
namespace {

using testing::CityHallTest;
using testing::Reply;

class VisitRatingTest : public CityHallTest {
 protected:
  VisitRatingTest() { demo_ = true; }

  std::string rating(const std::string& token) const {
    return wf::Value(wf::Object{{"ticketToken", wf::Value(token)},
                                {"level", wf::Value(4)},
                                {"channel", wf::Value("window")}})
        .toJson();
  }
};

TEST_F(VisitRatingTest, AServedTicketIsRatedWithItsStatusToken) {
  const Reply ticket =
      clerk_->post("/api/v1/tickets", R"({"queue": "commerce", "channel": "walk-in"})");
  ASSERT_EQ(ticket.status, 201) << ticket.body;
  const std::string token = ticket.json.find("statusToken")->asString();
  const std::string id = ticket.json.find("id")->asString();

  const Reply waiting = anonymous().post("/api/v1/ratings", rating(token));
  EXPECT_EQ(waiting.status, 409) << "not served yet: " << waiting.body;
  const Reply unknown = anonymous().post("/api/v1/ratings", rating("no-such-token"));
  EXPECT_EQ(unknown.status, 404) << unknown.body;

  ASSERT_EQ(clerk_->post("/api/v1/windows/W01/call-next", "{}").status, 200);
  ASSERT_EQ(clerk_->post("/api/v1/windows/W01/arrive", "{}").status, 200);
  const Reply ended = clerk_->post("/api/v1/windows/W01/end", R"({"outcome": "consultation"})");
  ASSERT_EQ(ended.status, 200) << ended.body;

  const Reply own = clerk_->post("/api/v1/ratings", rating(token));
  EXPECT_EQ(own.status, 403) << own.body;
  const Reply taken = anonymous().post("/api/v1/ratings", rating(token));
  ASSERT_EQ(taken.status, 201) << taken.body;
  EXPECT_EQ(taken.json.find("serviceType")->asString(), "visit");
  EXPECT_FALSE(taken.json.find("followUp")->asBool());
  EXPECT_EQ(anonymous().post("/api/v1/ratings", rating(token)).status, 409) << "one per visit";

  wf::Value at_city;
  ASSERT_TRUE(eventually([&] {
    at_city = city_->get("/rating/v1/ratings?ticket=" + id).json;
    return at_city.isArray() && at_city.asArray().size() == 1;
  })) << at_city.toJson();
  const wf::Value& r = at_city.asArray()[0];
  EXPECT_EQ(r.find("serviceType")->asString(), "visit");
  EXPECT_EQ(r.find("level")->asNumber(), 4);
  EXPECT_EQ(r.find("channel")->asString(), "window");
  EXPECT_EQ(r.find("window")->asString(), "W01");
  EXPECT_EQ(r.find("clerk")->asString(), "clerk-t");
}

}  // namespace
}  // namespace portal::web
