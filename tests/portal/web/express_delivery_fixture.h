// The express hand-over, end to end, as the express tests share it: the real
// `hall-citysim` and the real `hall serve --city` calling each other, a
// clerk at W01, a food case taken to the window's hand-over, sent by express,
// its waybill advanced at the simulator (which calls the hall back), and
// what the case and its history then show.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "portal/web/api_client.h"
#include "portal/web/food_case.h"
#include "support/hall_process.h"
#include "tools/citysim/citysim_process.h"

namespace portal::web {

using hall::citysim::test::CitysimClient;
using hall::citysim::test::CitysimProcess;

class ExpressDeliveryFixture : public ::testing::Test {
 protected:
  static constexpr const char* kToken = "express-delivery-token-0123456789";
  static constexpr const char* kPassword = "Express delivery 2026";
  static constexpr const char* kCityKey = "express delivery city key";
  static constexpr const char* kRecipient =
      R"({"name": "李四", "phone": "13812345678", "address": "上海市长宁区长宁路1号",
          "district": "长宁区"})";

  void SetUp() override { startHallAndCity({}, {}); }

  // The simulator with `sim_args`, the hall with `hall_args` after the
  // usual ones (--city, a later --models wins), a clerk signed in at W01.
  void startHallAndCity(const std::vector<std::string>& sim_args,
                        const std::vector<std::string>& hall_args) {
    auto started = hall::citysim::test::CitysimProcess::startQuiet(kCityKey, sim_args);
    ASSERT_TRUE(started.ok()) << started.status().toString();
    sim_ = std::move(started).value();
    control_ = std::make_unique<CitysimClient>(sim_->host(), sim_->port(), kCityKey);

    std::vector<std::string> args{"--city", sim_->url()};
    args.insert(args.end(), hall_args.begin(), hall_args.end());
    hall_ = std::make_unique<hall::test::HallProcess>(
        HALL_BINARY, dir_.path(), args,
        Poco::Process::Env{{"HALL_ADMIN_TOKEN", kToken},
                           {"HALL_ADMIN_PASSWORD", kPassword},
                           {"HALL_CITY_KEY", kCityKey}});
    ASSERT_NE(hall_->port(), 0) << hall_->output();
    ASSERT_NE(hall_->output().find("市快递平台 at " + sim_->url() + "/express/v1"),
              std::string::npos)
        << hall_->output();
    simControl("PUT", "/_sim/express/hall",
               R"({"url": "http://127.0.0.1:)" + std::to_string(hall_->port()) + "\"}");

    const testing::Reply made = system().post(
        "/api/v1/users", R"({"login": "clerk-x", "displayName": "快递综窗", "roles": ["clerk"],
                              "password": "Express delivery 2026"})");
    ASSERT_EQ(made.status, 201) << made.body;
    auto clerk = testing::ApiClient(hall_->port()).signIn("clerk-x", kPassword);
    ASSERT_TRUE(clerk.ok()) << clerk.status().toString();
    clerk_.emplace(*clerk);
    ASSERT_EQ(clerk_->post("/api/v1/windows/W01/sign-in", "{}").status, 200);
  }

  testing::ApiClient system() const { return testing::ApiClient(hall_->port(), kToken); }

  hall::citysim::test::Reply simControl(const std::string& method, const std::string& path,
                                        const std::string& body = {}) {
    const auto reply = control_->sendRaw(method, path, body, {});
    EXPECT_EQ(reply.status, 200) << method << " " << path << ": " << reply.body;
    return reply;
  }

  // Polls (bounded) until `done` holds.
  template <typename Done>
  static bool eventually(Done done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
  }

  struct IssuedCase {
    std::string code;
    std::string instance;
    std::string hand_over_task;
  };

  // A food case accepted, approved by its departments, and its licence
  // issued by the city: waiting at the window's hand-over.
  IssuedCase issuedCase() {
    IssuedCase c;
    const testing::Reply accepted =
        clerk_->post("/api/v1/cases",
                     testing::foodCaseRequest(*clerk_, testing::foodMatterCode(*clerk_), "W01"));
    EXPECT_EQ(accepted.status, 201) << accepted.body;
    c.code = accepted.json.find("caseCode")->asString();
    c.instance = accepted.json.find("instanceId")->asString();
    for (int approvals = 0; approvals < 2; ++approvals) {
      const testing::Reply tasks = system().get("/api/v1/tasks?processInstanceId=" + c.instance);
      EXPECT_FALSE(tasks.json.asArray().empty()) << tasks.body;
      if (tasks.json.asArray().empty()) return c;
      const std::string id = tasks.json.asArray()[0].find("id")->asString();
      EXPECT_EQ(system()
                    .post("/api/v1/tasks/" + id + "/complete",
                          R"({"decision": "approve", "reason": "同意"})")
                    .status,
                204);
    }
    EXPECT_TRUE(eventually([&] {
      const testing::Reply list = clerk_->get("/api/v1/clerk/tasks?queue=issue");
      for (const wf::Value& t : list.json.asArray()) {
        if (t.find("processInstanceId")->asString() == c.instance) {
          c.hand_over_task = t.find("id")->asString();
          return true;
        }
      }
      return false;
    })) << "the licence was issued and the case waits at the window";
    return c;
  }

  testing::Reply handOver(const IssuedCase& c, const std::string& body) {
    return clerk_->post("/api/v1/clerk/tasks/" + c.hand_over_task + "/complete", body);
  }

  testing::Reply caseView(const IssuedCase& c) { return clerk_->get("/api/v1/cases/" + c.code); }

  std::string deliveryMember(const IssuedCase& c, const char* member) {
    const testing::Reply r = caseView(c);
    const wf::Value* delivery = r.json.find("delivery");
    const wf::Value* v = delivery != nullptr ? delivery->find(member) : nullptr;
    return v != nullptr && v->isString() ? v->asString() : std::string();
  }

  // Hands over by express and waits (bounded) for the waybill; its number.
  std::string sentByExpress(const IssuedCase& c) {
    const testing::Reply sent =
        handOver(c, std::string(R"({"delivery": "express", "recipient": )") + kRecipient + "}");
    EXPECT_EQ(sent.status, 204) << sent.body;
    std::string number;
    EXPECT_TRUE(eventually([&] {
      number = deliveryMember(c, "waybillNo");
      return !number.empty();
    })) << caseView(c).body;
    return number;
  }

  hall::citysim::test::Reply advance(const std::string& waybill, const std::string& to) {
    return simControl("POST", "/_sim/express/waybills/" + waybill + "/advance",
                      R"({"to": ")" + to + "\"}");
  }

  // How often the case's history names each of the delivery's elements.
  std::map<std::string, int> deliveryHistory(const IssuedCase& c) {
    std::map<std::string, int> counts;
    const testing::Reply history =
        system().get("/api/v1/process-instances/" + c.instance + "/history");
    EXPECT_EQ(history.status, 200) << history.body;
    for (const wf::Value& e : history.json.asArray()) {
      const wf::Value* element = e.find("elementId");
      if (element == nullptr || !element->isString()) continue;
      const std::string& id = element->asString();
      if (id == "send_express" || id == "await_delivered" || id == "on_collected" ||
          id == "on_in_transit" || id == "express_noted" || id == "issued") {
        ++counts[id + ":" + e.find("type")->asString()];
      }
    }
    return counts;
  }

  // Every callback of an advance was answered with `status`, each attempt.
  static void expectAnswered(const hall::citysim::test::Reply& advanced, int status) {
    const wf::Value* callbacks = advanced.json.find("callbacks");
    ASSERT_TRUE(callbacks != nullptr && !callbacks->asArray().empty()) << advanced.body;
    for (const wf::Value& c : callbacks->asArray()) {
      for (const wf::Value& s : c.find("statuses")->asArray()) {
        EXPECT_EQ(static_cast<int>(s.asNumber()), status) << advanced.body;
      }
    }
  }

  // A case sent by express, then its delivery callbacks tampered with (the
  // simulator's fault): each attempt is answered 401 and nothing changes.
  void expectTamperedDeliveryRefused() {
    const IssuedCase c = issuedCase();
    ASSERT_FALSE(c.hand_over_task.empty());
    const std::string waybill = sentByExpress(c);
    const std::map<std::string, int> before = deliveryHistory(c);
    simControl("PUT", "/_sim/faults/express", R"({"tamperedCallbacks": true})");
    expectAnswered(advance(waybill, "delivered"), 401);
    EXPECT_FALSE(ended(c));
    EXPECT_EQ(deliveryMember(c, "status"), "created");
    EXPECT_EQ(deliveryHistory(c), before) << "nothing refused had an effect";
  }

  bool ended(const IssuedCase& c) {
    const testing::Reply view = caseView(c);  // keeps what find() points into
    const wf::Value* e = view.json.find("ended");
    return e != nullptr && e->isBool() && e->asBool();
  }

  hall::test::TempDir dir_;
  std::unique_ptr<CitysimProcess> sim_;
  std::unique_ptr<CitysimClient> control_;
  std::unique_ptr<hall::test::HallProcess> hall_;
  std::optional<testing::ApiClient> clerk_;
};

}  // namespace portal::web
