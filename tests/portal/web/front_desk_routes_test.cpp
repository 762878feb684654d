#include "portal/web/front_desk_routes.h"

#include <gtest/gtest.h>

#include "portal/web/api_client.h"
#include "portal/web/session_book.h"
#include "portal/web/web_server.h"
#include "support/front_desk_harness.h"
#include "support/temp_dir.h"

namespace portal::web {
namespace {

constexpr const char* kToken = "front-desk-routes-test-token";

// The front desk's endpoints on the real server, over loopback HTTP.
class FrontDeskRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Router router;
    routes_ = std::make_unique<FrontDeskRoutes>(hall_.desk());
    routes_->addTo(router);
    wf::Result<std::unique_ptr<WebServer>> server =
        testing::startServer(std::move(router), kToken, dir_.path(), sessions_);
    ASSERT_TRUE(server.ok()) << server.status().toString();
    server_ = std::move(server).value();
  }
  void TearDown() override {
    if (server_) server_->stop();
  }

  testing::ApiClient client() const { return testing::ApiClient(server_->port(), kToken); }
  testing::ApiClient anonymous() const { return testing::ApiClient(server_->port()); }
  // A person signed in with a session cookie.
  testing::ApiClient person(const std::string& login, hall::domain::Role role) {
    return testing::personClient(server_->port(), sessions_, login, role);
  }

  static std::string text(const wf::Value& json, const char* name) {
    const wf::Value* v = json.find(name);
    return v && v->isString() ? v->asString() : "<missing>";
  }

  hall::test::FrontDeskHarness hall_;
  hall::test::TempDir dir_;
  SessionBook sessions_{[] { return int64_t{0}; }};
  std::unique_ptr<FrontDeskRoutes> routes_;
  std::unique_ptr<WebServer> server_;
};

TEST_F(FrontDeskRoutesTest, IssuesATicketWithItsPlaceAndStatusToken) {
  const testing::Reply r = client().post(
      "/api/v1/tickets",
      R"({"queue":"commerce","channel":"id-card","idNumber":"110105199003071239","phone":"13812345678"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(text(r.json, "number"), "A001");
  EXPECT_EQ(text(r.json, "queue"), "commerce");
  EXPECT_EQ(text(r.json, "queueName"), "商事登记");
  EXPECT_EQ(r.json.find("ahead")->asNumber(), 0);
  EXPECT_TRUE(r.json.find("estimatedWaitMinutes")->isNumber());
  EXPECT_EQ(text(r.json, "idNumber"), "110105********1239");
  EXPECT_EQ(text(r.json, "phone"), "138****5678");
  EXPECT_EQ(r.body.find("199003071239"), std::string::npos);
  EXPECT_EQ(r.body.find("13812345678"), std::string::npos);

  const testing::Reply again = client().get("/api/v1/tickets/" + text(r.json, "id"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(text(again.json, "state"), "waiting");
  EXPECT_EQ(client().get("/api/v1/tickets/t-nothing").status, 404);
}

TEST_F(FrontDeskRoutesTest, RefusesBadRequestsNamingTheFieldAndChangesNothing) {
  struct Case {
    const char* body;
    int status;
    const char* field;
  };
  for (const Case& c : std::vector<Case>{
           {R"({"queue":"passports"})", 400, "queue"},
           {R"({"queue":"commerce","channel":"fax"})", 400, "channel"},
           {R"({"queue":"commerce","channel":"id-card","idNumber":"110105199003071234"})", 400,
            "idNumber"},
           {R"({"queue":"commerce","phone":"12345"})", 400, "phone"},
           {R"({"queue":7})", 400, "queue"},
           {R"({"queue":"commerce","channel":"suishen","suishenCode":"abc"})", 503, "suishenCode"},
       }) {
    SCOPED_TRACE(c.body);
    const testing::Reply r = client().post("/api/v1/tickets", c.body);
    EXPECT_EQ(r.status, c.status) << r.body;
    EXPECT_EQ(r.errorField(), c.field);
  }
  const testing::Reply queues = client().get("/api/v1/queues");
  ASSERT_EQ(queues.status, 200);
  for (const wf::Value& q : queues.json.asArray()) EXPECT_EQ(q.find("waiting")->asNumber(), 0);
  // And a second live ticket of one holder in one queue.
  const std::string id_card =
      R"({"queue":"commerce","channel":"id-card","idNumber":"110105199003071239"})";
  ASSERT_EQ(client().post("/api/v1/tickets", id_card).status, 201);
  const testing::Reply twice = client().post("/api/v1/tickets", id_card);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.errorField(), "idNumber");
}

TEST_F(FrontDeskRoutesTest, AWindowCallsRecallsTransfersAndEnds) {
  ASSERT_EQ(client().post("/api/v1/tickets", R"({"queue":"commerce"})").status, 201);
  EXPECT_EQ(client().post("/api/v1/windows/W01/call-next", "").status, 409);  // not signed in
  const testing::Reply signed_in =
      client().post("/api/v1/windows/W01/sign-in", R"({"clerk":"张敏"})");
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_EQ(text(signed_in.json, "state"), "idle");
  EXPECT_EQ(text(signed_in.json, "clerk"), "张敏");

  const testing::Reply called = client().post("/api/v1/windows/W01/call-next", "");
  ASSERT_EQ(called.status, 200) << called.body;
  EXPECT_EQ(text(called.json, "number"), "A001");
  EXPECT_EQ(called.json.find("windowNumber")->asNumber(), 1);
  EXPECT_EQ(client().post("/api/v1/windows/W01/recall", "").status, 200);
  EXPECT_EQ(client()
                .post("/api/v1/windows/W01/transfer", R"({"queue":"tax","window":"W02"})")
                .errorField(),
            "queue");
  const testing::Reply moved = client().post("/api/v1/windows/W01/transfer", R"({"queue":"tax"})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(text(moved.json, "queue"), "tax");
  EXPECT_EQ(client().post("/api/v1/windows/W01/call-next", "").status, 204);  // W01 serves no tax

  ASSERT_EQ(client().post("/api/v1/windows/W11/sign-in", R"({"clerk":"李强"})").status, 200);
  ASSERT_EQ(client().post("/api/v1/windows/W11/call-next", "").status, 200);
  EXPECT_EQ(client().post("/api/v1/windows/W11/end", R"({"outcome":"lunch"})").errorField(),
            "outcome");
  const testing::Reply ended = client().post("/api/v1/windows/W11/end", R"({"outcome":"intake"})");
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(text(ended.json, "state"), "done");
  EXPECT_EQ(text(ended.json, "outcome"), "intake");

  EXPECT_EQ(client().post("/api/v1/windows/W11/pause", "").status, 200);
  EXPECT_EQ(client().post("/api/v1/windows/W11/call-next", "").status, 409);
  EXPECT_EQ(client().post("/api/v1/windows/W11/resume", "").status, 200);
  EXPECT_EQ(client().post("/api/v1/windows/W99/call-next", "").status, 404);
  const testing::Reply windows = client().get("/api/v1/windows");
  ASSERT_EQ(windows.status, 200);
  EXPECT_EQ(windows.json.asArray().size(), 65u);
}

TEST_F(FrontDeskRoutesTest, AClerkSignsInAsThemselvesAndWorksOnlyTheirOwnWindow) {
  ASSERT_EQ(client().post("/api/v1/tickets", R"({"queue":"commerce"})").status, 201);
  const testing::ApiClient min = person("zhangmin", hall::domain::Role::Clerk);
  const testing::ApiClient qiang = person("liqiang", hall::domain::Role::Clerk);
  // Not signed in to W01 yet: nobody's window to work.
  EXPECT_EQ(min.post("/api/v1/windows/W01/call-next", "").status, 403);
  EXPECT_EQ(min.post("/api/v1/windows/W01/sign-in", R"({"clerk":"liqiang"})").errorField(),
            "clerk");
  const testing::Reply signed_in = min.post("/api/v1/windows/W01/sign-in", "{}");
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_EQ(text(signed_in.json, "clerk"), "zhangmin");

  // Another clerk can neither call nor sign out at W01; nothing moves.
  for (const char* action : {"call-next", "pause", "sign-out"}) {
    EXPECT_EQ(qiang.post(std::string("/api/v1/windows/W01/") + action, "").status, 403) << action;
  }
  EXPECT_EQ(text(client().get("/api/v1/windows/W01").json, "state"), "idle");
  const testing::Reply called = min.post("/api/v1/windows/W01/call-next", "");
  ASSERT_EQ(called.status, 200) << called.body;
  EXPECT_EQ(text(called.json, "number"), "A001");
  // A manager may end the day of any window.
  EXPECT_EQ(
      person("boss", hall::domain::Role::Manager).post("/api/v1/windows/W01/sign-out", "").status,
      409);  // not while it calls someone: the lifecycle's answer, not the matrix's
}

TEST_F(FrontDeskRoutesTest, TheStatusPageNeedsNoSignInAndShowsNothingPersonal) {
  const testing::Reply issued = client().post(
      "/api/v1/tickets",
      R"({"queue":"commerce","channel":"id-card","idNumber":"110105199003071239","phone":"13812345678"})");
  ASSERT_EQ(issued.status, 201);
  const testing::Reply status =
      anonymous().get("/api/v1/ticket-status/" + text(issued.json, "statusToken"));
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(text(status.json, "number"), "A001");
  EXPECT_EQ(text(status.json, "state"), "waiting");
  for (const char* personal : {"idNumber", "phone", "id", "statusToken", "processInstanceId"}) {
    EXPECT_EQ(status.json.find(personal), nullptr) << personal;
  }
  EXPECT_EQ(anonymous().get("/api/v1/ticket-status/guess").status, 404);
  // Everything else still needs the token.
  EXPECT_EQ(anonymous().get("/api/v1/queues").status, 401);
  EXPECT_EQ(anonymous().post("/api/v1/tickets", R"({"queue":"commerce"})").status, 401);
}

TEST_F(FrontDeskRoutesTest, BooksAnAppointmentThatChecksInOnce) {
  const testing::Reply bad =
      client().post("/api/v1/appointments", R"({"queue":"commerce","slotAt":"tomorrow"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.errorField(), "slotAt");
  const testing::Reply booked = client().post(
      "/api/v1/appointments", R"({"queue":"commerce","slotAt":"2026-11-30T09:40:00+08:00"})");
  ASSERT_EQ(booked.status, 201) << booked.body;
  const std::string code = text(booked.json, "code");
  EXPECT_EQ(code.size(), 8u);
  const std::string check_in = R"({"channel":"appointment","appointmentCode":")" + code + "\"}";
  const testing::Reply ticket = client().post("/api/v1/tickets", check_in);
  ASSERT_EQ(ticket.status, 201) << ticket.body;
  EXPECT_EQ(ticket.json.find("appointmentOnTime")->asBool(), true);
  EXPECT_EQ(client().post("/api/v1/tickets", check_in).status, 409);
}

TEST_F(FrontDeskRoutesTest, PrintsTheTicketAsAPictureAndAnEscPosJob) {
  const testing::Reply issued = client().post("/api/v1/tickets", R"({"queue":"commerce"})");
  ASSERT_EQ(issued.status, 201);
  const std::string slip = "/api/v1/ticket-status/" + text(issued.json, "statusToken") + "/slip";
  const testing::Reply png = anonymous().get(slip + ".png?paper=58");
  ASSERT_EQ(png.status, 200) << png.body;
  EXPECT_EQ(png.headers.at("Content-Type"), "image/png");
  ASSERT_GT(png.body.size(), 24u);
  EXPECT_EQ(png.body.substr(1, 3), "PNG");
  // 58 mm paper is 384 dots: the PNG's width (big-endian, bytes 16-19).
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(png.body[i]); };
  EXPECT_EQ((byte(16) << 24) | (byte(17) << 16) | (byte(18) << 8) | byte(19), 384);

  EXPECT_EQ(anonymous().get(slip + ".escpos").status, 401);  // print jobs are for devices
  const testing::Reply job = client().get(slip + ".escpos");
  ASSERT_EQ(job.status, 200);
  EXPECT_EQ(job.body.substr(0, 2), "\x1b@");            // ESC @ first
  EXPECT_NE(job.body.find("A001"), std::string::npos);  // the number, as printed
  EXPECT_NE(job.body.find("\xC9\xCC\xCA\xC2\xB5\xC7\xBC\xC7"),
            std::string::npos);  // 商事登记 in GB18030
  EXPECT_EQ(client().get(slip + ".png?paper=57").errorField(), "paper");
  EXPECT_EQ(anonymous().get("/api/v1/ticket-status/nope/slip.png").status, 404);
}

}  // namespace
}  // namespace portal::web
