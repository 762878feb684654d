// HallRatings: 好差评 as `hall serve` runs it — the rating store on the
// engine's database, the RatingDesk over the front desk (a visit, by its
// ticket's status token) and the case desk (a case, by its code), and the
// routes (portal/web/rating_routes.h). Ratings kept before a crash cut their
// process short are started at open. The job rating.submit is
// HallConnectors' (the city's 市好差评, or kept locally without --city).
//
// Destroy it after the web server has stopped: the routes refer to it.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "portal/domain/case_desk.h"
#include "portal/domain/front_desk.h"
#include "portal/domain/rating_desk.h"
#include "portal/store/soci_rating_store.h"
#include "portal/web/rating_routes.h"
#include "portal/web/router.h"
#include "wf/engine.h"

namespace hall::app {

class HallRatings {
 public:
  // `cases` and `front_desk` may be null (no catalogue, no hall layout):
  // then cases, or visits, cannot be rated.
  static wf::Result<std::unique_ptr<HallRatings>> open(wf::Engine& engine,
                                                       hall::domain::CaseDesk* cases,
                                                       hall::domain::FrontDesk* front_desk,
                                                       const std::string& db_url,
                                                       std::ostream& out);
  ~HallRatings();

  void addTo(portal::web::Router& router) { routes_->addTo(router); }

 private:
  class Services;
  HallRatings() = default;

  wf::SystemClock clock_;
  std::unique_ptr<hall::store::SociRatingStore> store_;
  std::unique_ptr<Services> services_;
  std::unique_ptr<hall::domain::RatingDesk> desk_;
  std::unique_ptr<portal::web::RatingRoutes> routes_;
};

}  // namespace hall::app
