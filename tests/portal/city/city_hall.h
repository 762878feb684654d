// CityHallTest: the real `hall serve` connected to the real simulator
// (`hall serve --city <citysim>`, one shared key), with a clerk signed in
// at window W01, a hall manager, and a 食品经营许可 case the clerk accepted —
// for the tests that follow a case or a rating from the hall's API to the
// city platform.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "portal/web/api_client.h"
#include "portal/web/food_case.h"
#include "support/hall_process.h"
#include "tools/citysim/citysim_process.h"

namespace portal::web::testing {

inline constexpr const char* kCityHallToken = "city-hall-token-0123456789";
inline constexpr const char* kCityHallPassword = "City hall 2026";
inline constexpr const char* kCityHallKey = "city hall test key";

class CityHallTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = hall::citysim::test::CitysimProcess::startQuiet(kCityHallKey);
    ASSERT_TRUE(started.ok()) << started.status().toString();
    sim_ = std::move(started).value();
    city_ = std::make_unique<hall::citysim::test::CitysimClient>(sim_->host(), sim_->port(),
                                                                 kCityHallKey);
    startHall();
    ASSERT_NE(hall_->port(), 0) << hall_->output();
    clerk_.emplace(person("clerk-t", "clerk"));
    manager_.emplace(person("manager-t", "manager"));
    const Reply window = clerk_->post("/api/v1/windows/W01/sign-in", "{}");
    ASSERT_EQ(window.status, 200) << window.body;
    const Reply accepted =
        clerk_->post("/api/v1/cases", foodCaseRequest(*clerk_, foodMatterCode(*clerk_), "W01"));
    ASSERT_EQ(accepted.status, 201) << accepted.body;
    case_code_ = accepted.json.find("caseCode")->asString();
    instance_ = accepted.json.find("instanceId") != nullptr
                    ? accepted.json.find("instanceId")->asString()
                    : std::string();
  }

  // Starts `hall serve --city` on the test's database; a hall already
  // running is killed first (SIGKILL: a crash, as far as it knows).
  void startHall() {
    hall_.reset();
    hall_ = std::make_unique<hall::test::HallProcess>(
        HALL_BINARY, dir_.path(), hallArgs(),
        Poco::Process::Env{{"HALL_ADMIN_TOKEN", kCityHallToken},
                           {"HALL_ADMIN_PASSWORD", kCityHallPassword},
                           {"HALL_CITY_KEY", kCityHallKey}});
  }

  std::vector<std::string> hallArgs() const {
    std::vector<std::string> args = {"--city", sim_->url()};
    if (demo_) args.push_back("--demo");  // the queues open all day
    return args;
  }

  ApiClient system() const { return ApiClient(hall_->port(), kCityHallToken); }
  ApiClient anonymous() const { return ApiClient(hall_->port()); }

  // Waits, bounded, until `done` holds; whether it did.
  static bool eventually(const std::function<bool()>& done,
                         std::chrono::milliseconds within = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
  }

  bool demo_ = false;  // set in a test's constructor
  testing::TempDir dir_;
  std::unique_ptr<hall::citysim::test::CitysimProcess> sim_;
  std::unique_ptr<hall::citysim::test::CitysimClient> city_;
  std::unique_ptr<hall::test::HallProcess> hall_;
  std::optional<ApiClient> clerk_;
  std::optional<ApiClient> manager_;
  std::string case_code_;
  std::string instance_;

 private:
  ApiClient person(const std::string& login, const std::string& role) {
    const Reply made = system().post(
        "/api/v1/users", wf::Value(wf::Object{{"login", wf::Value(login)},
                                              {"displayName", wf::Value("测试" + role)},
                                              {"roles", wf::Value(wf::Array{wf::Value(role)})},
                                              {"password", wf::Value(kCityHallPassword)}})
                             .toJson());
    EXPECT_EQ(made.status, 201) << made.body;
    auto signed_in = ApiClient(hall_->port()).signIn(login, kCityHallPassword);
    EXPECT_TRUE(signed_in.ok()) << signed_in.status().toString();
    return *signed_in;
  }
};

}  // namespace portal::web::testing
