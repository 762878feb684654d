// OnlineCaseRoutes: the cases citizens applied for online (一网通办) to be
// handled at this hall, and the form definitions of the matters run in mode
// 1/2 — the clerk's side of the middle platform:
//   GET  /api/v1/online-cases           the hall's pending online cases,
//        applicant and phone masked: [{id, matterCode, matterName,
//        applicantName, applicantId, phone, appliedAt (epoch ms), situation
//        ({question: option} or null)}]
//   POST /api/v1/online-cases/{id}/take take one in (接件): taken at the city,
//        then accepted here as a case at the clerk's window → 201 the case
//        {caseCode, …}; taking it again → 200 the same case
//        ("alreadyTaken": true), never a second one
//   GET  /api/v1/matters/{code}/form    the city's form definition, passed
//        through (cached briefly by the intake)
// Parse, call the intake, map Status to HTTP (503 when the city cannot be
// reached, 409 when another hall took the case or the hall is not connected
// to the city at all).
//
// Thread-safety: as thread-safe as the OnlineIntake.
#pragma once

#include <functional>
#include <string>

#include "portal/web/router.h"
#include "wf/status.h"
#include "wf/value.h"

namespace portal::web {

// What the routes ask of the hall (portal/app's HallOnlineCases).
class OnlineIntake {
 public:
  virtual ~OnlineIntake() = default;
  // JSON array of online cases, personal data masked.
  virtual wf::Result<wf::Value> pending() = 0;
  struct Taken {
    wf::Value case_json;   // {caseCode, onlineCaseId, …}
    bool already = false;  // it had been taken in before
  };
  virtual wf::Result<Taken> take(const std::string& online_id, const std::string& clerk,
                                 const std::string& window) = 0;
  virtual wf::Result<wf::Value> form(const std::string& matter_code) = 0;
};

class OnlineCaseRoutes {
 public:
  explicit OnlineCaseRoutes(OnlineIntake& intake) : intake_(intake) {}

  // The window each clerk is signed in to (where a taken case is accepted).
  void setWindowOfClerk(std::function<std::string(const std::string& login)> window_of) {
    window_of_ = std::move(window_of);
  }
  void addTo(Router& router);

  ApiResponse list(const ApiRequest& request);
  ApiResponse take(const ApiRequest& request);
  ApiResponse form(const ApiRequest& request);

 private:
  OnlineIntake& intake_;
  std::function<std::string(const std::string& login)> window_of_;
};

}  // namespace portal::web
