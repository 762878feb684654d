// HallOnlineCases: the cases citizens applied for online (一网通办) taken in
// at a window, and the city's form definitions — OnlineCaseRoutes' intake,
// over the middle platform's connector and the case desk.
//
// Taking online case X in is two steps: take it at the city (接件, key
// hall-take-X), then accept it here as a case (CaseDesk, the materials
// marked received: the applicant uploaded them online), and record which
// case it became (SociOnlineIntakeBook). A hall that fails between the two
// steps takes it again: the city replays the take for the same key and the
// hall accepts it then, so nothing is lost; once recorded, taking it again
// answers the same case, never a second one. Takes are serialized in this
// process. Left open: a crash after the case is stored and before the book
// row is written would let a retake accept it twice (the window is one
// SQLite insert wide).
//
// Personal data from the city is masked in what the clerk's list shows and
// sealed by the case desk when accepted.
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "connectors/onenet/onenet_connector.h"
#include "portal/domain/case_desk.h"
#include "portal/domain/catalogue.h"
#include "portal/store/soci_online_intake_book.h"
#include "portal/web/online_case_routes.h"

namespace hall::app {

class HallOnlineCases final : public portal::web::OnlineIntake {
 public:
  static constexpr int64_t kFormCacheMillis = 60'000;

  HallOnlineCases(connectors::OnenetConnector& onenet, hall::domain::CaseDesk& desk,
                  const hall::domain::Catalogue& catalogue, hall::store::SociOnlineIntakeBook& book,
                  std::function<int64_t()> now_ms)
      : onenet_(onenet), desk_(desk), catalogue_(catalogue), book_(book), now_(std::move(now_ms)) {}

  wf::Result<wf::Value> pending() override;
  wf::Result<Taken> take(const std::string& online_id, const std::string& clerk,
                         const std::string& window) override;
  wf::Result<wf::Value> form(const std::string& matter_code) override;

 private:
  struct CachedForm {
    int64_t until = 0;
    wf::Value form;
  };

  wf::Result<hall::domain::AcceptRequest> acceptRequestOf(const wf::Value& online_case,
                                                          const std::string& clerk,
                                                          const std::string& window) const;
  wf::Value caseJson(const hall::domain::CaseRecord& record, const std::string& online_id) const;

  connectors::OnenetConnector& onenet_;
  hall::domain::CaseDesk& desk_;
  const hall::domain::Catalogue& catalogue_;
  hall::store::SociOnlineIntakeBook& book_;
  const std::function<int64_t()> now_;
  std::mutex take_mu_;
  std::mutex forms_mu_;
  std::map<std::string, CachedForm> forms_;
};

}  // namespace hall::app
